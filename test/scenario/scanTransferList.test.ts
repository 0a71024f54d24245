// scanTransferList reads a trailing list of plain transfers from a JSON file's bytes, and loadScenarioFile gives the whole-document reader's scenario or message for every file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarioFile, readScenarioDocument, scenarioFromDocument } from "../../src/scenario/loadScenario.js";
import { fastTransferSpec } from "../../src/scenario/fastTransfers.js";
import { scanTransferList } from "../../src/scenario/scanTransferList.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = '{"name":"d","topology":{"nodes":[{"id":"a"},{"id":"s"},{"id":"b"}],"links":[{"from":"a","to":"s","bandwidth":"1Gbps"},{"from":"s","to":"b","bandwidth":"1Gbps"}]},';

/** One transfer entry as the bench's cases write it. */
function entry(id: string, src: string, dst: string, size: string, start: string, path: string[]): string {
  return `{"transfer":{"id":"${id}","src":"${src}","dst":"${dst}","size":"${size}","start":"${start}","path":[${path.map((p) => `"${p}"`).join(",")}]}}`;
}

/** What the whole-document reader (readScenarioDocument, then scenarioFromDocument) makes of `file`: its scenario, or its message. */
function wholeReading(file: string): unknown {
  try {
    return scenarioFromDocument(readScenarioDocument(file), file);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function loaded(file: string): unknown {
  try {
    return loadScenarioFile(file).scenario;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function write(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("scanTransferList", () => {
  it("reads the bench's form of transfers into fastTransferSpec's specs, and the rest of the file with the list emptied", () => {
    const list = [entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]), entry("f1", "b", "a", "2KB", "0.5ms", ["b", "s", "a"])];
    const scanned = scanTransferList(Buffer.from(`${HEAD}"workloads":[${list.join(",")}]}\n`));
    expect(scanned).toBeDefined();
    expect(scanned!.rest).toBe(`${HEAD}"workloads":[]}`);
    const expected = list.map((e) => fastTransferSpec(JSON.parse(e), true));
    expect(scanned!.transfers).toEqual(expected);
    expect(JSON.stringify(scanned!.transfers)).toBe(JSON.stringify(expected));
    // Node names are made once: the same string for every mention.
    expect(scanned!.transfers[0].path![0]).toBe(scanned!.transfers[1].dst);
  });

  it("leaves every other form to the document reader", () => {
    const good = entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]);
    const others = [
      `${HEAD}"workloads":[]}`,
      `${HEAD}"workloads":[${good}],"events":[]}`,
      `${HEAD}"workloads":[${good}]} x`,
      `${HEAD}"workloads":[${good} ]}`,
      `${HEAD}"workloads":[${good.replace('"src"', ' "src"')}]}`,
      `${HEAD}"workloads":[${good.replace('"a"', '"\\u0061"')}]}`,
      `${HEAD}"workloads":[${good.replace('"a"', '"a\tb"')}]}`,
      `${HEAD}"workloads":[${good.replace('"1MB"', '"10Gbs"')}]}`,
      `${HEAD}"workloads":[${good.replace('"f0"', '""')}]}`,
      `${HEAD}"workloads":[${good.replace('["a","s","b"]', '["a"]')}]}`,
      `${HEAD}"workloads":[${good.replace('"start":"0s",', "")}]}`,
      `${HEAD}"workloads":[${good.replace('}}', ',"weight":2}}')}]}`,
      `${HEAD}"workloads":[${good}`,
    ];
    for (const text of others) expect(scanTransferList(Buffer.from(text)), text).toBeUndefined();
  });
});

describe("loadScenarioFile with the scanned transfers", () => {
  it("gives the whole-document reader's scenario or message for 300 random files of transfers, and scans those it can", () => {
    const rng = seedrandom("scanTransferList");
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const nodes = ["a", "s", "b", "x", ""];
    const sizes = ["1MB", "0B", "10Gbs", "1.5 KiB", "-1MB", "1e400B"];
    const starts = ["0s", "1ms", "-1s", "2 min", ""];
    const paths = [["a", "s", "b"], ["b", "s", "a"], ["a", "b"], ["a"], ["a", "x", "b"]];
    // Ways a file may differ from the scanned form, or break: each makes the reader take the whole document (or fail the same).
    const edits: Array<(t: string) => string> = [
      (t) => t,
      (t) => t.replace('"workloads":[', '"workloads":[],"workloads":['),
      (t) => t.replace(/\}$/, ',"workloads":[]}'),
      (t) => t.replace(/\}$/, ',"seed":"x"}'),
      (t) => t.replace('"name":"d",', '"name":"d","seed":1e999,'),
      (t) => t.replace('"name":"d",', '"name":"d","search":{},'),
      (t) => t.replace('"links":[', '"links":[{"from":"a","to":"q","bandwidth":"1Gbps"},'),
      (t) => t.replace('"nodes":[', '"nodes":[{"id":"a"},'),
      (t) => t.replace(HEAD, HEAD.replace('},"links"', ',"workloads":[]},"links"')),
      (t) => t.replace('"name":"d",', '"name":"d","routing":{"metric":"hops"},'),
      (t) => t.replace("{", "{ "),
      (t) => t.replace("{", "[{"),
      (t) => `${t}\n\n`,
      (t) => t.replace('"name":"d"', '"name":"d\\u00e9"'),
      (t) => t.replace('"name":"d"', '"name":"dé"'),
      (t) => t.slice(0, -1),
      (t) => t.replace('"transfer":{"id"', '"transfer":{"id":"dup","id"'),
      (t) => t.replace(',"src":"a"', ',"src":"\\u0061"'),
      (t) => t.replace(',"dst":"b"', ',"dst":"b\tc"'),
      (t) => t.replace(',"dst":"b"', ',"dst":"b\\"'),
    ];
    let scanned = 0;
    for (let i = 0; i < 300; i++) {
      const count = 1 + Math.floor(rng() * 4);
      const list = Array.from({ length: count }, (_, j) =>
        entry(rng() < 0.9 ? `f${j}` : pick(["f0", ""]), rng() < 0.9 ? "a" : pick(nodes), rng() < 0.9 ? "b" : pick(nodes), rng() < 0.8 ? "1MB" : pick(sizes), rng() < 0.8 ? "0s" : pick(starts), rng() < 0.8 ? ["a", "s", "b"] : pick(paths)),
      );
      const edit = rng() < 0.4 ? edits[0] : pick(edits);
      const text = edit(`${HEAD}"workloads":[${list.join(",")}]}`);
      const file = write(`f${i}.json`, text);
      if (scanTransferList(Buffer.from(text)) !== undefined) scanned++;
      const ours = loaded(file);
      const whole = wholeReading(file);
      expect(ours, text).toEqual(whole);
      expect(JSON.stringify(ours), text).toBe(JSON.stringify(whole));
    }
    expect(scanned).toBeGreaterThan(100);
  });

  it("keeps the document reader's messages for a scanned list the rest of the file breaks", () => {
    const list = entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]);
    const deep = write("deep.json", `{"name":"d","description":"x","topology":{"nodes":[{"id":"a"}],"links":[]},"workloads":[${list}]}`);
    expect(() => loadScenarioFile(deep, { maxFileBytes: 1e6, maxValues: 1e6, maxDepth: 4 })).toThrow(`${deep}: the document nests more than 4 levels deep`);
    const bad = write("bad.json", `{"name":"d",,"topology":{},"workloads":[${list}]}`);
    expect(() => loadScenarioFile(bad)).toThrow(`${bad}:1:13: invalid JSON`);
    const unknownNode = write("unknown.json", `${HEAD}"workloads":[${entry("f0", "a", "q", "1MB", "0s", ["a", "s", "q"])}]}`);
    expect(loaded(unknownNode)).toEqual(wholeReading(unknownNode));
  });
});

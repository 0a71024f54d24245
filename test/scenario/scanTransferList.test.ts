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

  it("reads any JSON form of plain transfers: white space, keys in any order, optional keys, weights", () => {
    const good = entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]);
    const forms = [
      good.replace(/,/g, " ,\r\n\t").replace(/:/g, " : ").replace(/\{/g, "{ ").replace(/\}/g, " }").replace(/\[/g, "[ ").replace(/\]/g, " ]"),
      '{"transfer":{"path":["a","s","b"],"start":"0s","size":"1MB","dst":"b","src":"a","id":"f0"}}',
      '{"transfer":{"src":"a","dst":"b","size":"1MB"}}',
      '{"transfer":{"src":"a","dst":"b","size":"1MB","start":"1ms","weight":2.5e0,"cap":"1Gbps"}}',
      '{"transfer":{"cap":"10 Mbps","weight":0.25,"dst":"b","src":"a","size":"0B"}}',
      '{"transfer":{"id":"f1","src":"b","dst":"a","size":"2KiB","path":[ "b" , "s" , "a" ] }}',
    ];
    for (const form of forms) {
      const text = `${HEAD}"workloads":[${form},${good}]}`;
      const scanned = scanTransferList(Buffer.from(text));
      expect(scanned, text).toBeDefined();
      expect(scanned!.rest).toBe(`${HEAD}"workloads":[]}`);
      expect(JSON.stringify(scanned!.transfers), text).toBe(JSON.stringify([form, good].map((e) => fastTransferSpec(JSON.parse(e), true))));
    }
    const doc = JSON.parse(`${HEAD}"workloads":[${forms.join(",")}]}`);
    const pretty = JSON.stringify(doc, null, 2);
    const scanned = scanTransferList(Buffer.from(`${pretty}\n`));
    expect(scanned).toBeDefined();
    expect(JSON.parse(scanned!.rest)).toEqual({ ...doc, workloads: [] });
    expect(JSON.stringify(scanned!.transfers)).toBe(JSON.stringify(doc.workloads.map((e: unknown) => fastTransferSpec(e, false))));
    // A node named "workloads" is a value, not the key.
    expect(scanTransferList(Buffer.from(`${HEAD}"workloads":[${good.replace(/"s"/g, '"workloads"')}]}`))).toBeDefined();
  });

  it("keeps the members after the list in the rest, and reads the list only where it is the top-level mapping's", () => {
    const good = entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]);
    const tail = ',"transport":{"model":"tcp","cc":"dctcp"},"events":[]';
    const scanned = scanTransferList(Buffer.from(`${HEAD}"workloads":[${good}] ${tail}}\n`));
    expect(scanned).toBeDefined();
    expect(scanned!.rest).toBe(`${HEAD}"workloads":[]${tail}}\n`);
    expect(JSON.stringify(scanned!.transfers)).toBe(JSON.stringify([fastTransferSpec(JSON.parse(good), true)]));
    // The last key named workloads is nested in a later member (or in a string before it): the file is the document reader's.
    const nested = [
      `${HEAD}"workloads":[],"x":{"workloads":[${good}]}}`,
      `${HEAD}"workloads":[${good}],"x":{"workloads":[${good}]}}`,
      `{"name":"d\\\\","topology":{"nodes":[{"id":"a"}],"links":[]},"x":[{"workloads":[${good}]},1]}`,
      `{"name":"d\\"","x":{"workloads":[${good}],"y":1}}`,
    ];
    for (const text of nested) expect(scanTransferList(Buffer.from(text)), text).toBeUndefined();
  });

  it("leaves every other form to the document reader", () => {
    const good = entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]);
    const others = [
      `${HEAD}"workloads":[]}`,
      `${HEAD}"workloads":[${good}]} x`,
      `${HEAD}"workloads":[${good},]}`,
      `${HEAD}"workloads":[${good.replace('"a"', '"\\u0061"')}]}`,
      `${HEAD}"workloads":[${good.replace('"a"', '"a\tb"')}]}`,
      `${HEAD}"workloads":[${good.replace('"1MB"', '"10Gbs"')}]}`,
      `${HEAD}"workloads":[${good.replace('"1MB"', "1000000")}]}`,
      `${HEAD}"workloads":[${good.replace('"0s"', "0")}]}`,
      `${HEAD}"workloads":[${good.replace('"f0"', '""')}]}`,
      `${HEAD}"workloads":[${good.replace('"f0"', "7")}]}`,
      `${HEAD}"workloads":[${good.replace('["a","s","b"]', '["a"]')}]}`,
      `${HEAD}"workloads":[${good.replace('["a","s","b"]', '"a"')}]}`,
      `${HEAD}"workloads":[${good.replace('"a","s"', '"a",null')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"repeat":2}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"id":"f1"}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", "},\"note\":1}")}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"weight":"2"}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"weight":02}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"weight":1e400}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"weight":0}}')}]}`,
      `${HEAD}"workloads":[${good.replace("}}", ',"weight":1 2}}')}]}`,
      `${HEAD}"workloads":[${good.replace('"transfer"', '"transfers"')}]}`,
      `${HEAD}"workloads":[{"collective":{"kind":"allreduce"}}]}`,
      `${HEAD}"workloads":[${good}`,
      `${HEAD}"workloads" [${good}]}`,
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
      // Members after the list: the scenario's transport (good and bad), its queues, a list nested in one.
      (t) => t.replace(/\}$/, ',"transport":{"model":"tcp"}}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"tcp","cc":"dctcp"},"queues":{"ecnThreshold":"30KB"}}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"maxmin"}}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"tpc"}}'),
      (t) => t.replace(/\}$/, ',"seed":7,"until":"1s"}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"tcp"},"search":{}}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"tcp","workloads":[]}}'),
      (t) => t.replace(/\}$/, ',"x":{"workloads":[]}}'),
      (t) => t.replace(/\}$/, ',"transport":{"model":"tcp"},}'),
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
      // The transfers share the scenario's one transport spec, as the document reader's do (the tcp transport registers it once).
      const transports = (s: unknown) => ((s as { workloads?: Array<{ transport?: unknown }> }).workloads ?? []).map((w) => w.transport);
      expect(new Set(transports(ours)).size, text).toBe(new Set(transports(whole)).size);
    }
    expect(scanned).toBeGreaterThan(100);
  });

  it("gives the whole-document reader's scenario for 300 random files written by JSON.stringify, pretty or compact, keys shuffled, optional keys left out, and scans every one it can", () => {
    const rng = seedrandom("scanTransferList pretty");
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const shuffled = <T>(xs: T[]): T[] => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    };
    const head = JSON.parse(`${HEAD}"workloads":[]}`);
    // Values a user's program may write: mostly good, sometimes a form the schema refuses (a number where it wants a quantity, say).
    const values: Record<string, () => unknown> = {
      id: () => (rng() < 0.95 ? `f${Math.floor(rng() * 9)}` : pick(["", 3])),
      src: () => (rng() < 0.95 ? "a" : pick(["b", "x", ""])),
      dst: () => (rng() < 0.95 ? "b" : pick(["a", "x"])),
      size: () => (rng() < 0.9 ? pick(["1MB", "1.5 KiB", "0B", "2GB"]) : pick([1000, "10Gbs", "-1MB"])),
      start: () => (rng() < 0.9 ? pick(["0s", "1ms", "2 min"]) : pick([0, "-1s", ""])),
      path: () => (rng() < 0.9 ? pick([["a", "s", "b"], ["b", "s", "a"]]) : pick([["a"], [], ["a", "x", "b"], "a"])),
      weight: () => (rng() < 0.9 ? pick([1, 0.5, 2e-3, 1e21]) : pick([0, -1, "2"])),
      cap: () => (rng() < 0.9 ? pick(["1Gbps", "10 Mbps"]) : pick([1e9, "0bps"])),
    };
    let pretty = 0;
    for (let i = 0; i < 300; i++) {
      const workloads = Array.from({ length: 1 + Math.floor(rng() * 5) }, () => {
        const keys = shuffled(["id", "src", "dst", "size", "start", "path", "weight", "cap"].filter((k) => k === "src" || k === "dst" || k === "size" || rng() < (k === "id" || k === "start" ? 0.7 : k === "path" ? 0.5 : 0.2)));
        return { transfer: Object.fromEntries(keys.map((k) => [k, values[k]()])) };
      });
      const doc = { ...head, workloads };
      const indent = pick([0, 2, 2, 4, "\t"]);
      const text = `${JSON.stringify(doc, null, indent)}${pick(["", "\n", " \r\n"])}`;
      const file = write(`p${i}.json`, text);
      const ours = loaded(file);
      const whole = wholeReading(file);
      expect(ours, text).toEqual(whole);
      expect(JSON.stringify(ours), text).toBe(JSON.stringify(whole));
      // Taken exactly when fastTransferSpec reads every entry of the document.
      const readable = workloads.every((w) => fastTransferSpec(w, false) !== undefined);
      const scanned = scanTransferList(Buffer.from(text));
      expect(scanned !== undefined, text).toBe(readable);
      if (scanned) {
        expect(JSON.stringify(scanned.transfers), text).toBe(JSON.stringify((whole as { workloads: unknown }).workloads));
        if (indent !== 0) pretty++;
      }
    }
    expect(pretty).toBeGreaterThan(50);
  });

  it("reads a scanned list with the scenario's transport after it as the document reader does, one transport spec shared", () => {
    const list = [entry("f0", "a", "b", "1MB", "0s", ["a", "s", "b"]), entry("f1", "b", "a", "2KB", "1ms", ["b", "s", "a"])].join(",");
    const text = `${HEAD}"workloads":[${list}],"transport":{"model":"tcp","cc":"newreno"}}`;
    expect(scanTransferList(Buffer.from(text))).toBeDefined();
    const file = write("tcp.json", text);
    const ours = loadScenarioFile(file).scenario;
    expect(ours).toEqual(wholeReading(file));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(wholeReading(file)));
    const specs = ours.workloads.map((w) => (w as { transport?: unknown }).transport);
    expect(specs[0]).toMatchObject({ model: "tcp", cc: "newreno" });
    expect(specs[1]).toBe(specs[0]);
    const refused = write("tpc.json", text.replace('"tcp"', '"tpc"'));
    expect(loaded(refused)).toEqual(wholeReading(refused));
    expect(String(loaded(refused))).toMatch(/^error: .*transport/);
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

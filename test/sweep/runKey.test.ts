// Tests of runKey: one key per scenario and seed, and a stable format.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputDigests, runKey } from "../../src/sweep/runKey.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-runkey-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("runKey", () => {
  const scenario = JSON.stringify({ topology: { fatTree: { k: 4 } }, workloads: [{ traffic: { load: 0.1, flows: 500 } }] });

  it("is the sha256 of the seed and the scenario, the same on every call", () => {
    expect(runKey(scenario, 5)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(runKey(scenario, 5)).toBe(runKey(scenario, 5));
  });

  it("changes with the seed and with any value of the scenario", () => {
    expect(runKey(scenario, 6)).not.toBe(runKey(scenario, 5));
    expect(runKey(scenario.replace("0.1", "0.2"), 5)).not.toBe(runKey(scenario, 5));
    expect(runKey(scenario.replace("500", "50"), 5)).not.toBe(runKey(scenario, 5));
  });

  it("is, for a scenario that reads no file, the hash of exactly {seed, scenario} (keys of earlier results still match)", () => {
    const expected = `sha256:${createHash("sha256").update(`{"seed":5,"scenario":${scenario}}`).digest("hex")}`;
    expect(runKey(scenario, 5)).toBe(expected);
    expect(runKey(scenario, 5, [])).toBe(expected);
  });

  it("changes with the contents of a file the scenario reads, not with the file's name", () => {
    const a = join(tmp, "a.csv");
    const b = join(tmp, "b.csv");
    writeFileSync(a, "size_bytes,cdf\n1000,1\n");
    writeFileSync(b, "size_bytes,cdf\n1000,1\n");
    const [da] = inputDigests([a]);
    expect(da).toBe(createHash("sha256").update("size_bytes,cdf\n1000,1\n").digest("hex"));
    expect(runKey(scenario, 5, inputDigests([a]))).toBe(runKey(scenario, 5, inputDigests([b])));
    expect(runKey(scenario, 5, [da])).not.toBe(runKey(scenario, 5));
    writeFileSync(b, "size_bytes,cdf\n2000,1\n");
    expect(runKey(scenario, 5, inputDigests([b]))).not.toBe(runKey(scenario, 5, [da]));
  });

  it("hashes a file once when given the digests already known", () => {
    const a = join(tmp, "once.csv");
    writeFileSync(a, "size_bytes,cdf\n1000,1\n");
    const known = new Map<string, string>();
    const [first] = inputDigests([a], known);
    expect(known.get(a)).toBe(first);
    // Changed on disk, but known: the digest given is the one already made.
    writeFileSync(a, "size_bytes,cdf\n2000,1\n");
    expect(inputDigests([a], known)).toEqual([first]);
    expect(inputDigests([a])).not.toEqual([first]);
  });
});

// fastTransfer reads a transfer exactly as the scenario schema does (or leaves it to the schema), and parseScenarioDocument keeps the schema's first error.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fastTransfer, parseScenarioDocument } from "../../src/scenario/fastTransfers.js";
import { scenarioSchema } from "../../src/scenario/scenarioSchema.js";

/** Values each key may take: valid and invalid ones, as a user might write them. */
const VALUES: Record<string, unknown[]> = {
  id: ["f1", "", 5, "x y"],
  src: ["a", "", 3, null],
  dst: ["b", "a", ["b"]],
  size: ["1.5GB", "10Gbs", "-1MB", "0B", 100, " 2 KiB ", "1e3B", "1.1KiB", "4.1GB", "1e400B", ".5kB"],
  start: ["0s", "10ms", "-1s", "1e-6s", 5, "2 min", "1h", "", "0.3s"],
  path: [["a", "b"], ["a"], ["a", ""], "a", ["a", 3, "b"], ["a", "s", "b"]],
  weight: [1, 0, -2, 0.5, "1", 1e308],
  cap: ["10Gbps", "0Gbps", "1MB", "5 Mbps", 7],
  repeat: [{ count: 2, every: "1s" }],
  transport: [{ model: "tcp" }],
  bogus: [1],
};

function randomEntry(rng: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  if (rng() < 0.05) return pick([null, "transfer", [], { traffic: {} }, { transfer: {}, other: 1 }]);
  const t: Record<string, unknown> = {};
  for (const key of Object.keys(VALUES)) {
    const required = key === "src" || key === "dst" || key === "size";
    const value = rng() < 0.5 ? VALUES[key][0] : pick(VALUES[key]);
    if (required ? rng() < 0.95 : rng() < (key === "bogus" || key === "repeat" || key === "transport" ? 0.05 : 0.4)) t[key] = value;
  }
  return { transfer: t };
}

function schemaOf(entry: unknown) {
  return scenarioSchema.safeParse({ topology: {}, workloads: [entry] }, { reportInput: true });
}

describe("fastTransfer", () => {
  it("gives the schema's output for 3,000 random transfers, or leaves to the schema every one it rejects", () => {
    const rng = seedrandom("fastTransfers");
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const entry = randomEntry(rng);
      const ours = fastTransfer(entry);
      const schema = schemaOf(entry);
      if (ours !== undefined) {
        fast++;
        expect(schema.success, JSON.stringify(entry)).toBe(true);
        expect(ours, JSON.stringify(entry)).toEqual(schema.data!.workloads[0]);
      } else if (schema.success) {
        // Only transfers with keys the fast path leaves to the schema may succeed there.
        const t = (entry as { transfer: Record<string, unknown> }).transfer;
        expect("repeat" in t || "transport" in t, JSON.stringify(entry)).toBe(true);
      }
    }
    expect(fast).toBeGreaterThan(100);
  });
});

describe("parseScenarioDocument", () => {
  const topology = { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "10Gbps" }] };
  const transfers = (n: number) => Array.from({ length: n }, (_, i) => ({ transfer: { id: `f${i}`, src: "a", dst: "b", size: `${i + 1}MB`, start: `${i}ms` } }));

  it("returns what the schema returns for a valid document mixing transfers and other workloads", () => {
    const doc = {
      topology,
      workloads: [...transfers(3), { traffic: { pattern: "uniform", load: 0.5, size: "1MB", flows: 10 } }, ...transfers(2), { transfer: { src: "a", dst: "b", size: "1MB", repeat: { count: 2, every: "1s" } } }],
    };
    const ours = parseScenarioDocument(doc);
    expect(ours.success).toBe(true);
    expect(ours.data).toEqual(scenarioSchema.parse(doc));
  });

  it("reports the schema's first problem, in a transfer or elsewhere, among 500 transfers", () => {
    for (const [at, bad] of [
      [417, { transfer: { id: "x", src: "a", dst: "b", size: "10Gbs" } }],
      [3, { transfer: { src: "a", dst: "b", size: "1MB", strat: "1s" } }],
      [250, { trafic: {} }],
    ] as const) {
      const workloads: unknown[] = transfers(500);
      workloads[at] = bad;
      const doc = { topology, workloads };
      const ours = parseScenarioDocument(doc);
      const schema = scenarioSchema.safeParse(doc, { reportInput: true });
      expect(ours.success).toBe(false);
      expect(ours.error!.issues).toEqual(schema.error!.issues);
      expect(ours.error!.issues[0].path.slice(0, 2)).toEqual(["workloads", at]);
    }
  });
});

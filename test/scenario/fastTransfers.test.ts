// fastTransfer reads a transfer exactly as the scenario schema does (or leaves it to the schema), and parseScenarioDocument keeps the schema's first error.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fastNodesAndLinks } from "../../src/scenario/fastTopology.js";
import { fastScenarioDocument, fastTopLevel, fastTransfer, fastTransferSpec, parseScenarioDocument } from "../../src/scenario/fastTransfers.js";
import { scenarioFromDocument } from "../../src/scenario/loadScenario.js";
import { toScenario } from "../../src/scenario/toScenario.js";
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
  return scenarioSchema().safeParse({ topology: {}, workloads: [entry] }, { reportInput: true });
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

  it("makes the engine spec toScenario makes of the schema's value, keys in its order, for 3,000 random transfers, or leaves to the schema what fastTransfer leaves", () => {
    const rng = seedrandom("fastTransferSpec");
    let made = 0;
    for (let i = 0; i < 3000; i++) {
      const entry = randomEntry(rng);
      const spec = fastTransferSpec(entry);
      const value = fastTransfer(entry);
      expect(spec === undefined, JSON.stringify(entry)).toBe(value === undefined);
      if (spec === undefined) continue;
      made++;
      const expected = toScenario(scenarioSchema().parse({ topology: { nodes: [{ id: "a" }], links: [] }, workloads: [entry] }), "t.json").workloads[0];
      expect(spec, JSON.stringify(entry)).toEqual(expected);
      expect(JSON.stringify(spec), JSON.stringify(entry)).toBe(JSON.stringify(expected));
    }
    expect(made).toBeGreaterThan(100);
  });

  it("reads a document of a fabric and plain transfers into the scenario the schema and toScenario make, or leaves it to them", () => {
    const rng = seedrandom("fastScenarioDocument");
    let fast = 0;
    for (let i = 0; i < 400; i++) {
      const workloads = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => randomEntry(rng));
      const doc: Record<string, unknown> = { name: "d", topology: { nodes: [{ id: "a" }, { id: "s" }, { id: "b" }], links: [{ from: "a", to: "s", bandwidth: "1Gbps" }, { from: "s", to: "b", bandwidth: "1Gbps" }] }, workloads };
      if (rng() < 0.1) doc.routing = { metric: "hops" };
      const what = JSON.stringify(doc);
      const schema = scenarioSchema().safeParse(doc, { reportInput: true });
      const read = fastScenarioDocument(doc, false);
      if (read) {
        fast++;
        expect(schema.success, what).toBe(true);
      }
      if (!schema.success) continue;
      const expected = toScenario(schema.data, "t.json");
      const ours = scenarioFromDocument(doc, "t.json");
      expect(ours, what).toEqual(expected);
      expect(JSON.stringify(ours), what).toBe(JSON.stringify(expected));
    }
    expect(fast).toBeGreaterThan(20);
  });

  it("takes an owned document's path list as it is, and copies a shared one's", () => {
    const path = ["a", "s", "b"];
    const entry = { transfer: { src: "a", dst: "b", size: "1MB", path } };
    const owned = fastTransfer(entry, true);
    const shared = fastTransfer(entry);
    expect(owned).toEqual(shared);
    expect(owned!.transfer.path).toBe(path);
    expect(shared!.transfer.path).not.toBe(path);
    // A document read by parseScenarioDocument for a study point (not owned) keeps its lists apart from the output.
    const doc = { topology: { nodes: [{ id: "a" }, { id: "s" }, { id: "b" }], links: [] }, workloads: [entry] };
    const read = parseScenarioDocument(doc);
    expect((read.data!.workloads[0] as { transfer: { path: string[] } }).transfer.path).not.toBe(path);
    const readOwned = parseScenarioDocument(doc, true);
    expect((readOwned.data!.workloads[0] as { transfer: { path: string[] } }).transfer.path).toBe(path);
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
    expect(ours.data).toEqual(scenarioSchema().parse(doc));
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
      const schema = scenarioSchema().safeParse(doc, { reportInput: true });
      expect(ours.success).toBe(false);
      expect(ours.error!.issues).toEqual(schema.error!.issues);
      expect(ours.error!.issues[0].path.slice(0, 2)).toEqual(["workloads", at]);
    }
  });
});

describe("parseScenarioDocument read whole without the schema", () => {
  /** Top-level values a document may hold: valid and invalid ones; `undefined` leaves the key out. */
  const TOP: Record<string, unknown[]> = {
    $schema: [undefined, "https://x/schema.json", 3],
    name: [undefined, "n", "", 5],
    seed: [undefined, 0, 7, -0, -1, 1.5, "3", 2 ** 60, null],
    description: [undefined, "d", null],
    until: [undefined, undefined, undefined, "1s"],
    events: [undefined, undefined, undefined, []],
  };
  const nodes = [{ id: "a" }, { id: "b", kind: "switch" }];
  const links = [{ from: "a", to: "b", bandwidth: "10Gbps" }];
  const TOPOLOGIES: unknown[] = [{ nodes, links }, { nodes }, { nodes, links, sites: [] }, { nodes: [], links: [] }, [{ nodes, links }], { nodes, links: [{ from: "a" }] }];
  const WORKLOADS: unknown[] = [
    undefined,
    [],
    [{ transfer: { id: "t", src: "a", dst: "b", size: "1MB", path: ["a", "b"] } }, { transfer: { src: "b", dst: "a", size: "2kB", start: "1ms" } }],
    [{ transfer: { src: "a", dst: "b", size: "1MB" } }, { traffic: { pattern: "uniform", load: 0.5, size: "1MB", flows: 2 } }],
    [{ transfer: { src: "a", dst: "b", size: "1MB", strat: "1s" } }],
    null,
  ];

  it("gives the schema's output, keys in its order, for 2,000 random documents it reads whole, and leaves the rest to the schema", () => {
    const rng = seedrandom("fastTopLevel");
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    let whole = 0;
    for (let i = 0; i < 2000; i++) {
      const doc: Record<string, unknown> = {};
      for (const [key, values] of Object.entries(TOP)) {
        const v = rng() < 0.6 ? values[0] : pick(values);
        if (v !== undefined) doc[key] = v;
      }
      doc.topology = rng() < 0.6 ? TOPOLOGIES[0] : pick(TOPOLOGIES);
      const workloads = rng() < 0.5 ? WORKLOADS[2] : pick(WORKLOADS);
      if (workloads !== undefined) doc.workloads = workloads;
      // Key order varies too: the output's is the schema's whatever the input's.
      const shuffled = Object.fromEntries(Object.entries(doc).sort(() => rng() - 0.5));
      const ours = parseScenarioDocument(shuffled);
      const schema = scenarioSchema().safeParse(shuffled, { reportInput: true });
      const what = JSON.stringify(shuffled);
      expect(ours.success, what).toBe(schema.success);
      if (schema.success) {
        expect(ours.data, what).toEqual(schema.data);
        expect(JSON.stringify(ours.data), what).toBe(JSON.stringify(schema.data));
        expect(Object.is(ours.data!.seed, schema.data.seed), what).toBe(true);
      } else expect(ours.error!.issues, what).toEqual(schema.error!.issues);
      // Read whole: parseScenarioDocument asks fastTopLevel when every workload and the nodes and links were read.
      const fast = Array.isArray(doc.workloads) ? doc.workloads.map((w: unknown) => fastTransfer(w)) : doc.workloads === undefined ? [] : [undefined];
      const parts = fastNodesAndLinks(doc.topology);
      if (parts && !fast.includes(undefined) && fastTopLevel(shuffled, fast as never, parts) !== undefined) {
        whole++;
        expect(schema.success, what).toBe(true);
      }
    }
    expect(whole).toBeGreaterThan(50);
  });

  it("reads the whole document only when every workload and the topology's nodes and links are plain, and a key set to undefined is left to the schema", () => {
    const doc = { name: "x", topology: { nodes, links }, workloads: [{ transfer: { src: "a", dst: "b", size: "1MB" } }] };
    expect(fastTopLevel(doc, [], { nodes: [], links: [] })).toBeDefined();
    expect(fastTopLevel({ ...doc, name: undefined }, [], { nodes: [], links: [] })).toBeUndefined();
    expect(fastTopLevel({ ...doc, topology: { nodes, links, fatTree: { k: 4 } } }, [], { nodes: [], links: [] })).toBeUndefined();
    expect(fastTopLevel({ ...doc, routing: {} }, [], { nodes: [], links: [] })).toBeUndefined();
  });
});

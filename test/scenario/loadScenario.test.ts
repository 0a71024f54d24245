// loadScenario: converts human units to engine units, fills defaults, resolves files, and enforces its limits.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { DEFAULT_LOAD_LIMITS, loadScenario, readScenarioDocument, scenarioFromDocument } from "../../src/scenario/loadScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

const dir = mkdtempSync(path.join(tmpdir(), "chokepoint-scenario-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("loadScenario", () => {
  it("loads the two-host scenario in engine units", () => {
    const s = loadScenario("scenarios/two-hosts.yaml");
    expect(s.name).toBe("two-hosts");
    expect(s.seed).toBe(7);
    expect(s.routing.metric).toBe("hops");
    expect(s.untilS).toBeUndefined();
    expect(s.topology).toHaveLength(1);
    const [part] = s.topology;
    expect(part.nodes).toEqual([
      { id: "a", kind: "host" },
      { id: "b", kind: "host" },
      { id: "s", kind: "switch" },
    ]);
    // 100 Gbit/s = 1e11 bit/s / 8 = 1.25e10 B/s; 40 Gbit/s = 5e9 B/s; 1 µs = 1e-6 s.
    expect(part.links).toEqual([
      { from: "a", to: "s", bandwidthBps: 1.25e10, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 },
    ]);
    expect(s.workloads).toEqual([
      { kind: "transfer", src: "a", dst: "b", sizeBytes: 1e9, startS: 0 },
      { kind: "transfer", id: "pinned", src: "a", dst: "b", sizeBytes: 5e8, startS: 1e-3, path: ["a", "s", "b"] },
    ]);
  });

  it("builds and checks the two-host scenario", () => {
    const { topology } = prepareScenario("scenarios/two-hosts.yaml");
    expect(topology.nodeIds).toEqual(["a", "b", "s"]);
    expect(topology.channelCount).toBe(4);
  });

  it("reads JSON, defaults the name to the file's base name and the seed to 1", () => {
    const file = write(
      "from-json.json",
      JSON.stringify({
        topology: { nodes: [{ id: "x", capacity: "2GB/s" }, { id: "y" }], links: [{ from: "x", to: "y", bandwidth: "8 Gbps" }] },
        until: "2.5e-3s",
        routing: { metric: "latency" },
      }),
    );
    const s = loadScenario(file);
    expect(s.name).toBe("from-json");
    expect(s.seed).toBe(1);
    expect(s.untilS).toBeCloseTo(2.5e-3, 15);
    expect(s.routing.metric).toBe("latency");
    expect(s.topology[0].nodes[0]).toEqual({ id: "x", kind: "host", capacityBps: 2e9 });
    // "8 Gbps": 8e9 bit/s = 1e9 B/s; latency defaults to 0 s.
    expect(s.topology[0].links[0]).toEqual({ from: "x", to: "y", bandwidthBps: 1e9, latencyS: 0 });
    expect(s.workloads).toEqual([]);
  });

  it("converts transfer options and traffic size distributions", () => {
    const file = write(
      "workloads.yaml",
      `topology:
  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 2, hostBandwidth: 100Gbps, uplinkBandwidth: 400Gbps, latency: 2us }
workloads:
  - transfer: { id: r, src: h0, dst: h3, size: 2GiB, weight: 2, cap: 8Mbps, repeat: { count: 3, every: 1ms } }
  - traffic: { pattern: uniform, load: 0.5, size: 1MB, flows: 100 }
  - traffic: { name: bg, hosts: [h0, h1, h2], pattern: incast, fanIn: 2, load: 1, size: { lognormal: { median: 1KiB, sigma: 1.2 } }, start: 1s, duration: 10ms }
  - traffic: { pattern: all-to-all, load: 0.1, size: { pareto: { mean: 1MB, shape: 1.5 } }, flows: 5 }
  - traffic: { pattern: permutation, load: 0.1, size: { exponential: { mean: 3KB } }, flows: 5 }
  - traffic: { pattern: uniform, load: 0.1, size: { cdf: websearch }, flows: 5 }
  - traffic: { pattern: uniform, load: 0.1, size: { cdf: sizes/my.csv }, flows: 5 }
`,
    );
    const s = loadScenario(file);
    expect(s.topology[0].leafSpine).toEqual({
      leaves: 2,
      spines: 1,
      hostsPerLeaf: 2,
      hostBandwidthBps: 1.25e10,
      uplinkBandwidthBps: 5e10,
      latencyS: 2e-6,
      prefix: "",
    });
    expect(s.workloads[0]).toEqual({
      kind: "transfer",
      id: "r",
      src: "h0",
      dst: "h3",
      sizeBytes: 2 * 1024 ** 3,
      startS: 0,
      weight: 2,
      capBps: 1e6,
      repeat: { count: 3, everyS: 1e-3 },
    });
    expect(s.workloads[1]).toEqual({ kind: "traffic", name: "traffic1", pattern: "uniform", load: 0.5, size: { fixed: 1e6 }, startS: 0, flows: 100 });
    expect(s.workloads[2]).toEqual({
      kind: "traffic",
      name: "bg",
      hosts: ["h0", "h1", "h2"],
      pattern: "incast",
      load: 1,
      size: { lognormal: { medianBytes: 1024, sigma: 1.2 } },
      fanIn: 2,
      startS: 1,
      durationS: 1e-2,
    });
    const sizes = s.workloads.slice(3).map((w) => (w.kind === "traffic" ? w.size : null));
    expect(sizes).toEqual([
      { pareto: { meanBytes: 1e6, shape: 1.5 } },
      { exponential: { meanBytes: 3e3 } },
      { cdf: "websearch" },
      { cdf: path.join(dir, "sizes", "my.csv") },
    ]);
  });

  it("rejects a CDF file that does not exist once the scenario is checked", () => {
    const file = write(
      "missing-cdf.yaml",
      `topology: { nodes: [{ id: a }, { id: b }], links: [{ from: a, to: b, bandwidth: 1Gbps }] }
workloads:
  - traffic: { pattern: uniform, load: 0.1, size: { cdf: nope.csv }, flows: 5 }
`,
    );
    expect(messageOf(() => prepareScenario(file))).toBe(
      `${file}: workloads[0].traffic.size.cdf: no such file "${path.join(dir, "nope.csv")}" (and not one of websearch, datamining)`,
    );
  });

  it("accepts a topology list whose explicit links attach to generated nodes", () => {
    const file = write(
      "mixed.yaml",
      `topology:
  - fatTree: { k: 4, bandwidth: 100Gbps, latency: 1us, prefix: "dc1-" }
  - nodes: [{ id: store, kind: storage, capacity: 50GB/s }]
    links: [{ from: store, to: dc1-c0, bandwidth: 400Gbps }]
workloads:
  - transfer: { src: store, dst: dc1-h15, size: 1GB }
`,
    );
    const { topology } = prepareScenario(file);
    // k=4: 16 hosts + 8 edge + 8 agg + 4 core = 36 nodes, plus the store.
    expect(topology.nodeCount).toBe(37);
    expect(topology.nodeIndex.has("dc1-h15")).toBe(true);
  });

  it("reports the first problem only, as one line", () => {
    const file = write("two-problems.yaml", "topology: { nodes: [{ id: a, kind: 3 }], linkz: [] }\n");
    const message = messageOf(() => loadScenario(file));
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toBe(`${file}: topology.nodes[0].kind: expected a string, found 3`);
  });

  it("rejects an unknown top-level key with a suggestion", () => {
    const file = write("typo-top.yaml", "topology: { nodes: [{ id: a }] }\nworkload: []\n");
    expect(messageOf(() => loadScenario(file))).toBe(`${file}: unknown key "workload" (did you mean "workloads"?)`);
  });

  it("refuses files larger than the limit before reading them", () => {
    const file = write("big.yaml", `topology: { nodes: [{ id: a }] }\n${"# padding\n".repeat(20)}`);
    const message = messageOf(() => loadScenario(file, { ...DEFAULT_LOAD_LIMITS, maxFileBytes: 100 }));
    expect(message).toMatch(/the file is \d+ bytes, more than the 100 accepted/);
  });

  it("counts values reached through shared aliases, beyond the file's length", () => {
    // 5 levels of 3 aliases expand to 3 + 9 + 27 + 81 + 243 leaves under lists — far more
    // values than the file has characters, which no alias-free document can do.
    const text = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: &d [*c, *c, *c]\ne: [*d, *d, *d]\n";
    const file = write("small-bomb.yaml", text);
    const message = messageOf(() => loadScenario(file, { ...DEFAULT_LOAD_LIMITS, maxValues: 20 }));
    expect(text.length).toBeGreaterThan(20);
    expect(message).toBe(`${file}: the document expands to more than ${text.length} values (an alias bomb?)`);
  });

  it("accepts a large alias-free document with more values than maxValues", () => {
    // 40 transfers give ~300 values, over a maxValues of 50 but under the file's length.
    const transfers = Array.from({ length: 40 }, (_, i) => ({ transfer: { id: `t${i}`, src: "a", dst: "b", size: "1MB" } }));
    const doc = { name: "big", topology: { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps" }] }, workloads: transfers };
    const file = write("big.json", JSON.stringify(doc));
    expect(loadScenario(file, { ...DEFAULT_LOAD_LIMITS, maxValues: 50 }).workloads).toHaveLength(40);
  });

  it("refuses JSON nested deeper than the limit", () => {
    const file = write("deep.json", `{"topology": ${"[".repeat(100)}${"]".repeat(100)}}`);
    expect(messageOf(() => loadScenario(file))).toBe(`${file}: the document nests more than 64 levels deep`);
  });

  it("names a JSON number too large for a double by its key path, after the depth, top-level and study checks", () => {
    const topology = '{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"from": "a", "to": "b", "bandwidth": "1Gbps"}]}';
    const infinite = write("infinite.json", `{"topology": ${topology}, "workloads": [{"transfer": {"src": "a", "dst": "b", "size": "1MB", "weight": 1e400}}]}`);
    expect(messageOf(() => loadScenario(infinite))).toBe(
      `${infinite}: workloads[0].transfer.weight: found infinity (.inf, or a literal too large for a 64-bit float) — every number in a scenario must be finite`,
    );
    const deep = write("deep-infinite.json", `{"seed": -1e400, "topology": ${"[".repeat(100)}${"]".repeat(100)}}`);
    expect(messageOf(() => loadScenario(deep))).toBe(`${deep}: the document nests more than 64 levels deep`);
    const list = write("list-infinite.json", "[1e400]");
    expect(messageOf(() => loadScenario(list))).toBe(`${list}: the top level must be a mapping of keys (name, topology, workloads…), found a list`);
    const study = write("study-infinite.json", `{"sweep": {"seed": [1, 2]}, "seed": 1e400, "topology": ${topology}}`);
    expect(messageOf(() => loadScenario(study))).toContain(`${study}: this is a study (it has a sweep block)`);
    const finite = write("finite.json", `{"seed": 3, "topology": ${topology}, "workloads": [{"transfer": {"src": "a", "dst": "b", "size": "1MB", "weight": 1.7976931348623157e308}}]}`);
    expect(loadScenario(finite).seed).toBe(3);
  });

  it("names a file that does not exist and a file with another extension", () => {
    expect(messageOf(() => loadScenario(path.join(dir, "absent.yaml")))).toContain("cannot read the file (ENOENT)");
    expect(messageOf(() => loadScenario(write("x.txt", "a: 1")))).toContain("must end in .yaml, .yml or .json");
  });

  it("names a directory given as the scenario file (not EISDIR as an internal error)", () => {
    const folder = path.join(dir, "folder.yaml");
    mkdirSync(folder);
    expect(messageOf(() => loadScenario(folder))).toBe(`${folder}: is not a file — give a scenario file (.yaml, .yml or .json)`);
    expect(messageOf(() => readScenarioDocument(folder))).toBe(`${folder}: is not a file — give a scenario file (.yaml, .yml or .json)`);
  });

  it("makes a transfer's spec with its keys in the spec's order, each optional one only when given, and a transport only when one is set", () => {
    const topology = { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps", latency: "1us" }] };
    const full = { id: "x", src: "a", dst: "b", size: "1MB", start: "2us", path: ["a", "b"], weight: 2, cap: "1Gbps", repeat: { count: 2, every: "1ms" }, transport: { model: "maxmin-rtt" } };
    const bare = { src: "a", dst: "b", size: "1MB" };
    const specs = scenarioFromDocument({ topology, workloads: [{ transfer: full }, { transfer: bare }] }, "t.yaml").workloads;
    expect(specs[0]).toEqual({ kind: "transfer", id: "x", src: "a", dst: "b", sizeBytes: 1e6, startS: 2e-6, path: ["a", "b"], weight: 2, capBps: 1.25e8, repeat: { count: 2, everyS: 1e-3 }, transport: { model: "maxmin-rtt" } });
    expect(Object.keys(specs[0])).toEqual(["kind", "id", "src", "dst", "sizeBytes", "startS", "path", "weight", "capBps", "repeat", "transport"]);
    expect(Object.entries(specs[1])).toEqual([["kind", "transfer"], ["src", "a"], ["dst", "b"], ["sizeBytes", 1e6], ["startS", 0]]);
    const withTop = scenarioFromDocument({ topology, transport: { model: "rdma" }, workloads: [{ transfer: bare }] }, "t.yaml").workloads[0];
    expect(Object.keys(withTop)).toEqual(["kind", "src", "dst", "sizeBytes", "startS", "transport"]);
    expect((withTop as { transport: { model: string } }).transport.model).toBe("rdma");
  });

  it("gives the workloads without transport keys of their own the scenario's one transport spec, and a workload with its own keys its own", () => {
    const topology = { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps", latency: "1us" }] };
    const bare = { src: "a", dst: "b", size: "1MB" };
    const own = { ...bare, transport: { cc: "newreno" } };
    const specs = scenarioFromDocument({ topology, transport: { model: "tcp", cc: "cubic" }, workloads: [{ transfer: bare }, { transfer: bare }, { transfer: own }] }, "t.yaml").workloads;
    const transports = specs.map((w) => (w as { transport: { model: string; cc: string } }).transport);
    // One record for the first two (a trace of 20,000 transfers keeps one, not 20,000), equal to what each made before.
    expect(transports[1]).toBe(transports[0]);
    expect(transports[0]).toMatchObject({ model: "tcp", cc: "cubic" });
    expect(transports[2]).not.toBe(transports[0]);
    expect(transports[2]).toMatchObject({ model: "tcp", cc: "newreno" });
  });

  it("hashes the file's bytes as loaded when asked (run.json's scenario_hash, without reading the file again)", () => {
    // A non-ASCII name and a BOM-free UTF-8 file: the hash is of the bytes, not of the decoded text.
    const file = write("hashed.json", JSON.stringify({ name: "hashed", description: "µ · ≤", topology: { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps" }] } }));
    const expected = createHash("sha256").update(readFileSync(file)).digest("hex");
    expect(prepareScenario(file, undefined, { sha256: true }).fileSha256).toBe(expected);
    expect(prepareScenario(file).fileSha256).toBeUndefined();
  });

  it("decodes an ASCII file and a UTF-8 one alike (the ASCII one as Latin-1, the same string)", () => {
    const doc = (node: string) => JSON.stringify({ topology: { nodes: [{ id: node }, { id: "b" }], links: [{ from: node, to: "b", bandwidth: "1Gbps" }] }, workloads: [{ transfer: { src: node, dst: "b", size: "1MB" } }] });
    const ascii = loadScenario(write("ascii.json", doc("a-1")));
    expect((ascii.workloads[0] as { src: string }).src).toBe("a-1");
    const utf8 = loadScenario(write("utf8.json", doc("näh·µ≤😀")));
    expect((utf8.workloads[0] as { src: string }).src).toBe("näh·µ≤😀");
  });
});

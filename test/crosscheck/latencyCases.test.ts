// bench/ns3/latencyCases.ts: the leaf–spine fabric, the WAN's request size and the RTT mix's latencies that the session-35 held-out cases use (no ns-3 needed).
import { describe, expect, it } from "vitest";
import { fatTreeCase, latencyCases, rttMixCase, wanCase } from "../../bench/ns3/latencyCases.js";

const DCTCP = { cc: "dctcp" as const, bufferPackets: 200, ecnKPackets: 20 };

describe("fatTreeCase({ leafSpine })", () => {
  it("builds the leaf–spine instead of the fat-tree, with its rates, and pins each flow to a path over it", () => {
    const c = fatTreeCase({ name: "ls", seed: 8, k: 0, cdf: "websearch", load: 0.5, flows: 50, bandwidthBps: 10e9, latencyS: 1e-6, ports: DCTCP, leafSpine: { leaves: 4, spines: 2, hostsPerLeaf: 12, uplinkBps: 40e9 }, role: "test" });
    expect(c.nodes.filter((n) => n.startsWith("h"))).toHaveLength(48);
    expect(c.nodes.filter((n) => n.startsWith("spine"))).toEqual(["spine0", "spine1"]);
    expect(c.nodes.some((n) => n.startsWith("edge") || n.startsWith("core"))).toBe(false);
    const rate = (a: string, b: string) => c.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a))?.rateBps;
    expect(rate("leaf0", "spine1")).toBe(40e9);
    expect(rate("h0", "leaf0")).toBe(10e9);
    expect(c.links).toHaveLength(4 * 2 + 48);
    for (const f of c.flows) {
      const path = f.path!;
      expect([path[0], path[path.length - 1]]).toEqual([f.src, f.dst]);
      // Same leaf: host–leaf–host; other leaves: through one spine.
      expect([3, 5]).toContain(path.length);
      for (let i = 1; i < path.length; i++) expect(rate(path[i - 1], path[i]), `${path[i - 1]}–${path[i]}`).toBeDefined();
    }
  });
  it("keeps the k-ary fat-tree without it", () => {
    const c = fatTreeCase({ name: "ft", seed: 1, k: 4, cdf: "websearch", load: 0.5, flows: 5, bandwidthBps: 10e9, latencyS: 1e-6, ports: DCTCP, role: "test" });
    expect(c.nodes.filter((n) => n.startsWith("h"))).toHaveLength(16);
    expect(c.nodes.some((n) => n.startsWith("spine"))).toBe(false);
  });
});

describe("wanCase({ requestBytes }) and rttMixCase({ accessS })", () => {
  it("sizes the requests as asked, 1 MB by default", () => {
    const base = { name: "w", seed: 3, requests: 5, spanS: 1, bulkBytes: 5e7, bufferPackets: 400, cc: "cubic" as const, role: "test" as const };
    const sizes = (c: ReturnType<typeof wanCase>) => c.flows.filter((f) => f.id.startsWith("req")).map((f) => f.sizeBytes);
    expect(sizes(wanCase({ ...base, requestBytes: 256e3 }))).toEqual([256e3, 256e3, 256e3, 256e3, 256e3]);
    expect(sizes(wanCase(base))).toEqual([1e6, 1e6, 1e6, 1e6, 1e6]);
    expect(wanCase(base).links.find((l) => l.a === "gwA")!.queuePackets).toBe(400);
  });
  it("gives each RTT class its access latency, the default classes without it", () => {
    const access = (c: ReturnType<typeof rttMixCase>) => c.links.filter((l) => l.b === "L").map((l) => l.latencyS);
    const o = { name: "r", seed: 3, perClass: 2, sizeBytes: 1e7, ports: { cc: "cubic" as const, bufferPackets: 400 }, role: "test" as const };
    expect(access(rttMixCase({ ...o, accessS: [48e-6, 1998e-6, 9998e-6] }))).toEqual([48e-6, 48e-6, 1998e-6, 1998e-6, 9998e-6, 9998e-6]);
    expect(access(rttMixCase(o))).toEqual([3e-6, 3e-6, 498e-6, 498e-6, 4998e-6, 4998e-6]);
  });
});

describe("latencyCases()", () => {
  it("holds the 27 cases, the session-35 batch, session 36's Cubic fat-tree and session 37's four held out (test)", () => {
    const cases = latencyCases();
    expect(cases).toHaveLength(27);
    expect(new Set(cases.map((c) => c.name)).size).toBe(27);
    const batch = ["fattree-websearch-dctcp-seed6-load0.6", "fattree-datamining-dctcp-seed7-load0.3", "leafspine-websearch-dctcp", "incast-dctcp-36x20k", "incast-newreno-12x256k", "wan-cubic-shallow", "rtt-mix-cubic-3x10m", "fattree-websearch-cubic-seed9", "leafspine-websearch-cubic-seed13", "leafspine-websearch-newreno-seed15-load0.6", "incast-dctcp-28x32k", "incast-newreno-20x64k"];
    for (const name of batch) expect(cases.find((c) => c.name === name)?.role, name).toBe("test");
  });
});

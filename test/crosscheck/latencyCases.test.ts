// bench/ns3/latencyCases.ts: the leaf–spine fabric, the WAN's request size and the RTT mix's latencies that the session-35 held-out cases use (no ns-3 needed).
import { describe, expect, it } from "vitest";
import { wan } from "../../bench/ns3/cases.js";
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
  it("sets the WAN link's one-way latency (session 51's 80 ms RTT), 20 ms by default, and sizes cases.ts's default queue to its BDP", () => {
    const base = { name: "w", seed: 47, requests: 3, spanS: 1, bulkBytes: 5e7, bufferPackets: 1500, cc: "cubic" as const, role: "test" as const };
    const wanLink = (c: ReturnType<typeof wanCase>) => c.links.find((l) => l.a === "gwA")!;
    expect(wanLink(wanCase({ ...base, wanLatencyS: 40e-3 })).latencyS).toBe(40e-3);
    expect(wanLink(wanCase(base)).latencyS).toBe(20e-3);
    expect(wanLink(wanCase({ ...base, wanLatencyS: 40e-3 })).queuePackets).toBe(1500);
    // Without a buffer override, wan() holds one BDP: 1.25e9 B/s × 2 × (40 ms + 2 µs) / 1,500 B = 66,670 packets (33,336.7 → 33,337 at 20 ms).
    expect(wan(47, 3, 1, 5e7, 1e6, 40e-3).links.find((l) => l.a === "gwA")!.queuePackets).toBe(66_670);
    expect(wan(47, 3, 1, 5e7, 1e6).links.find((l) => l.a === "gwA")!.queuePackets).toBe(33_337);
  });
  it("gives each RTT class its access latency, the default classes without it", () => {
    const access = (c: ReturnType<typeof rttMixCase>) => c.links.filter((l) => l.b === "L").map((l) => l.latencyS);
    const o = { name: "r", seed: 3, perClass: 2, sizeBytes: 1e7, ports: { cc: "cubic" as const, bufferPackets: 400 }, role: "test" as const };
    expect(access(rttMixCase({ ...o, accessS: [48e-6, 1998e-6, 9998e-6] }))).toEqual([48e-6, 48e-6, 1998e-6, 1998e-6, 9998e-6, 9998e-6]);
    expect(access(rttMixCase(o))).toEqual([3e-6, 3e-6, 498e-6, 498e-6, 4998e-6, 4998e-6]);
  });
});

describe("latencyCases()", () => {
  it("holds the 35 cases, the session-35 batch, session 36's Cubic fat-tree, session 37's four and session 51's eight held out (test)", () => {
    const cases = latencyCases();
    expect(cases).toHaveLength(35);
    expect(new Set(cases.map((c) => c.name)).size).toBe(35);
    const batch = ["fattree-websearch-dctcp-seed6-load0.6", "fattree-datamining-dctcp-seed7-load0.3", "leafspine-websearch-dctcp", "incast-dctcp-36x20k", "incast-newreno-12x256k", "wan-cubic-shallow", "rtt-mix-cubic-3x10m", "fattree-websearch-cubic-seed9", "leafspine-websearch-cubic-seed13", "leafspine-websearch-newreno-seed15-load0.6", "incast-dctcp-28x32k", "incast-newreno-20x64k",
      "fattree-websearch-dctcp-seed41-load0.4", "leafspine-datamining-dctcp-seed42", "fattree-websearch-newreno-seed43-load0.4", "leafspine-websearch-cubic-seed44-3to1",
      "incast-cubic-30x96k", "incast-dctcp-16x64k-k40", "wan-cubic-80ms", "rtt-mix-newreno-50u-500u-5m"];
    for (const name of batch) expect(cases.find((c) => c.name === name)?.role, name).toBe("test");
  });
});

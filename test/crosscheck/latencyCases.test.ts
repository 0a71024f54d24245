// bench/ns3/latencyCases.ts: the leaf–spine fabric, the WAN's request size, the RTT mix's latencies and the incast's rates that the held-out cases use (no ns-3 needed).
import { describe, expect, it } from "vitest";
import { wan } from "../../bench/ns3/cases.js";
import { fatTreeCase, incastCase, latencyCases, rttMixCase, wanCase } from "../../bench/ns3/latencyCases.js";

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
  it("builds session 52's three-spine 2:1 leaf–spine: 12 × 10 Gb/s down against 3 × 20 Gb/s up per leaf, flows over every spine", () => {
    const c = fatTreeCase({ name: "ls3", seed: 52, k: 0, cdf: "websearch", load: 0.5, flows: 60, bandwidthBps: 10e9, latencyS: 1e-6, ports: { cc: "cubic", bufferPackets: 150 }, leafSpine: { leaves: 4, spines: 3, hostsPerLeaf: 12, uplinkBps: 20e9 }, role: "test" });
    expect(c.nodes.filter((n) => n.startsWith("spine"))).toEqual(["spine0", "spine1", "spine2"]);
    const up = c.links.filter((l) => l.a === "leaf0" && l.b.startsWith("spine")).reduce((s, l) => s + l.rateBps, 0);
    const down = c.links.filter((l) => l.b === "leaf0" && l.a.startsWith("h")).reduce((s, l) => s + l.rateBps, 0);
    expect(down / up).toBe(2);
    const spinesUsed = new Set(c.flows.filter((f) => f.path!.length === 5).map((f) => f.path![2]));
    expect([...spinesUsed].sort()).toEqual(["spine0", "spine1", "spine2"]);
  });
  it("keeps the k-ary fat-tree without it", () => {
    const c = fatTreeCase({ name: "ft", seed: 1, k: 4, cdf: "websearch", load: 0.5, flows: 5, bandwidthBps: 10e9, latencyS: 1e-6, ports: DCTCP, role: "test" });
    expect(c.nodes.filter((n) => n.startsWith("h"))).toHaveLength(16);
    expect(c.nodes.some((n) => n.startsWith("spine"))).toBe(false);
  });
});

describe("session 53's rates, delays and sizes", () => {
  const rate = (c: ReturnType<typeof incastCase>, a: string, b: string) => c.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a))?.rateBps;
  it("incastCase keeps 10 Gb/s hosts, 40 Gb/s uplinks and 1 µs links by default and takes other rates and latencies", () => {
    const o = { name: "i", seed: 64, senders: 4, responseBytes: 64e3, rounds: 1, gapS: 0.01, background: 0, backgroundBytes: 0, ports: { cc: "newreno" as const, bufferPackets: 200 }, role: "test" as const };
    const d = incastCase(o);
    expect([rate(d, "h0", "leaf0"), rate(d, "leaf0", "spine1")]).toEqual([10e9, 40e9]);
    expect(new Set(d.links.map((l) => l.latencyS))).toEqual(new Set([1e-6]));
    const f = incastCase({ ...o, hostBps: 40e9, uplinkBps: 100e9, latencyS: 5e-6 });
    expect([rate(f, "h0", "leaf0"), rate(f, "h47", "leaf3"), rate(f, "leaf3", "spine0")]).toEqual([40e9, 40e9, 100e9]);
    expect(new Set(f.links.map((l) => l.latencyS))).toEqual(new Set([5e-6]));
    // The senders and their paths are drawn from the seed alone, not from the rates.
    expect(f.flows.map((x) => x.path)).toEqual(d.flows.map((x) => x.path));
  });
  it("fatTreeCase builds a k = 6 fat-tree: 54 hosts, 9 cores, 162 links, paths of 3, 5 or 7 nodes", () => {
    const c = fatTreeCase({ name: "ft6", seed: 63, k: 6, cdf: "websearch", load: 0.5, flows: 40, bandwidthBps: 10e9, latencyS: 1e-6, ports: DCTCP, role: "test" });
    expect(c.nodes.filter((n) => n.startsWith("h"))).toHaveLength(54);
    expect(c.nodes.filter((n) => /^c\d/.test(n))).toHaveLength(9);
    // k³/4 host links + k·(k/2)² edge–agg + (k/2)²·k agg–core.
    expect(c.links).toHaveLength(54 + 54 + 54);
    for (const f of c.flows) expect([3, 5, 7]).toContain(f.path!.length);
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
    // Session 52's four classes: a sender and a receiver per flow, 2 × 4 flows.
    const four = rttMixCase({ ...o, accessS: [8e-6, 248e-6, 1248e-6, 7498e-6] });
    expect(access(four)).toEqual([8e-6, 8e-6, 248e-6, 248e-6, 1248e-6, 1248e-6, 7498e-6, 7498e-6]);
    expect(four.flows.map((f) => f.id)).toEqual(["rtt0_0", "rtt0_1", "rtt1_0", "rtt1_1", "rtt2_0", "rtt2_1", "rtt3_0", "rtt3_1"]);
  });
});

describe("latencyCases()", () => {
  it("holds the 47 cases, the session-35 batch, session 36's Cubic fat-tree, session 37's four, session 51's eight, session 52's six and session 53's six held out (test)", () => {
    const cases = latencyCases();
    expect(cases).toHaveLength(47);
    expect(new Set(cases.map((c) => c.name)).size).toBe(47);
    const batch = ["fattree-websearch-dctcp-seed6-load0.6", "fattree-datamining-dctcp-seed7-load0.3", "leafspine-websearch-dctcp", "incast-dctcp-36x20k", "incast-newreno-12x256k", "wan-cubic-shallow", "rtt-mix-cubic-3x10m", "fattree-websearch-cubic-seed9", "leafspine-websearch-cubic-seed13", "leafspine-websearch-newreno-seed15-load0.6", "incast-dctcp-28x32k", "incast-newreno-20x64k",
      "fattree-websearch-dctcp-seed41-load0.4", "leafspine-datamining-dctcp-seed42", "fattree-websearch-newreno-seed43-load0.4", "leafspine-websearch-cubic-seed44-3to1",
      "incast-cubic-30x96k", "incast-dctcp-16x64k-k40", "wan-cubic-80ms", "rtt-mix-newreno-50u-500u-5m",
      "fattree-websearch-newreno-seed51-load0.6-b64", "leafspine-websearch-cubic-seed52-2to1", "incast-newreno-34x40k-bg3", "wan-newreno-10ms", "rtt-mix-cubic-4class", "fattree-datamining-dctcp-seed54-load0.7",
      "fattree-websearch-dctcp-40g-seed61", "fattree-websearch-newreno-10us-seed62", "fattree6-websearch-dctcp-seed63", "incast-newreno-40g-24x64k", "leafspine-websearch-cubic-25g-100g-seed65", "leafspine-websearch-dctcp-5us-seed66"];
    for (const name of batch) expect(cases.find((c) => c.name === name)?.role, name).toBe("test");
  });
});

// gpuCluster at 3 tiers, with NVLink domains of several hosts and several planes: counts, ids, routes, oversubscription and bisection, derived by hand and checked by a max-flow.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gpuCluster, gpuClusterOversubscription, type GpuClusterSpec } from "../../src/net/gpuCluster.js";
import { gpuClusterBisectionBps, gpuClusterCoreOversubscription, gpuClusterSize } from "../../src/net/gpuClusterFormulas.js";
import { gpuClusterTop } from "../../src/net/gpuClusterScaleOut.js";
import { maxMinRates } from "../../src/net/maxMinRates.js";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

/**
 * 8 hosts × 2 GPUs, rails, 3 tiers: 2 pods of 4 hosts, each with 2 rails and 2 spines;
 * 4 cores (spine s of a pod on cores 2s, 2s + 1). NICs 400 Gb/s (5e10 B/s), uplinks and
 * spine–core links 800 Gb/s (1e11 B/s).
 */
const T3: GpuClusterSpec = {
  hosts: 8,
  gpusPerHost: 2,
  nvlinkBandwidthBps: 9e11,
  nicBandwidthBps: 5e10,
  railOptimized: true,
  spines: 2,
  uplinkBandwidthBps: 1e11,
  latencyS: 1e-6,
  nvlinkLatencyS: 0,
  tiers: 3,
  hostsPerPod: 4,
  cores: 4,
};

/** NVL72: 36 hosts × 4 GPUs, 18 hosts (72 GPUs) per NVLink domain, a domain per pod, 2 pods of 4 rails and 2 spines, 2 cores. */
const NVL72: GpuClusterSpec = { ...T3, hosts: 36, gpusPerHost: 4, scaleUpDomain: 72, hostsPerPod: 18, cores: 2 };

function build(spec: GpuClusterSpec): Topology {
  const b = new TopologyBuilder();
  gpuCluster(b, spec);
  return b.build();
}

function kindCounts(t: Topology): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of t.nodeKinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

function path_(t: Topology, router: Router, src: string, dst: string, key: number): string[] {
  const r = router.route(t.nodeIndex.get(src)!, t.nodeIndex.get(dst)!, key)!;
  return Array.from(r.nodes, (n) => t.nodeIds[n]);
}

function linked(t: Topology, a: string, b: string): number {
  return t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!);
}

/**
 * Max flow from every GPU of the first half of the pods to every GPU of the second
 * (Edmonds–Karp on the directed channels; a super source and sink joined by unbounded
 * arcs): the bisection bandwidth, found without the formula.
 */
function podBisectionByMaxFlow(t: Topology, spec: GpuClusterSpec): number {
  const n = t.nodeCount + 2;
  const source = n - 2;
  const sink = n - 1;
  const head: number[][] = Array.from({ length: n }, () => []);
  const to: number[] = [];
  const cap: number[] = [];
  const arc = (u: number, v: number, c: number) => {
    head[u].push(to.length);
    to.push(v);
    cap.push(c);
    head[v].push(to.length);
    to.push(u);
    cap.push(0);
  };
  for (let ch = 0; ch < t.channelCount; ch++) arc(t.channelFrom[ch], t.channelTo[ch], t.resourceCapacityBps[ch]);
  const hostsPerPod = spec.hostsPerPod!;
  const half = spec.hosts / 2;
  t.nodeIds.forEach((id, node) => {
    const m = /^h(\d+)g\d+$/.exec(id);
    if (!m) return;
    if (Number(m[1]) < half) arc(source, node, Infinity);
    else arc(node, sink, Infinity);
  });
  expect(half % hostsPerPod).toBe(0);
  let total = 0;
  for (;;) {
    const via = new Int32Array(n).fill(-1);
    const queue = [source];
    via[source] = -2;
    for (let i = 0; i < queue.length && via[sink] === -1; i++) {
      for (const e of head[queue[i]]) {
        if (cap[e] > 0 && via[to[e]] === -1) {
          via[to[e]] = e;
          queue.push(to[e]);
        }
      }
    }
    if (via[sink] === -1) return total;
    let push = Infinity;
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) push = Math.min(push, cap[via[v]]);
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
    total += push;
  }
}

describe("gpuCluster, 3 tiers", () => {
  it("2 pods × (2 rails + 2 spines) and 4 cores: 36 nodes and 48 links, named by pod", () => {
    // Nodes: 4 cores + 2 pods × (2 spines + 2 rails) + 8 NVSwitches + 16 GPUs = 36.
    // Links: spine–core 2 pods × 2 spines × 2 cores = 8; rail–spine 2 × 2 × 2 = 8;
    // 16 NVLink; 16 GPU–rail (NIC folded into the link) = 48, i.e. 96 channels.
    const t = build(T3);
    expect(t.nodeCount).toBe(36);
    expect(t.channelCount).toBe(96);
    expect(kindCounts(t)).toEqual({ core: 4, spine: 4, leaf: 4, nvswitch: 8, gpu: 16 });
    expect(gpuClusterSize(T3)).toEqual({ nodes: 36, links: 48 });
    // Host 5 is in pod 1: its GPU 1 is on p1rail1; spine 1 of every pod is on cores 2 and 3.
    expect(linked(t, "h5g1", "p1rail1")).toBeGreaterThanOrEqual(0);
    expect(linked(t, "h5g1", "p0rail1")).toBe(-1);
    for (const pod of ["p0", "p1"]) {
      expect(linked(t, `${pod}spine1`, "core2")).toBeGreaterThanOrEqual(0);
      expect(linked(t, `${pod}spine1`, "core3")).toBeGreaterThanOrEqual(0);
      expect(linked(t, `${pod}spine1`, "core0")).toBe(-1);
    }
    expect(gpuClusterTop(T3)).toEqual(["core0", "core1", "core2", "core3"]);
  });

  it("routes stay inside a rail, then a pod, and cross the cores only between pods", () => {
    // Same rail, same pod: GPU–rail–GPU (2 hops). Same rail, other pod: GPU, rail, spine,
    // core, spine, rail, GPU (6 hops): the spine (2 choices) fixes the core's pair, the core
    // (2 choices) then the spine of the other pod is the same index.
    const t = build(T3);
    const router = new Router(t, "hops", 1);
    expect(path_(t, router, "h0g0", "h3g0", 0)).toEqual(["h0g0", "p0rail0", "h3g0"]);
    const seen = new Set<string>();
    for (let key = 0; key < 64; key++) {
      const p = path_(t, router, "h0g0", "h4g0", key);
      expect(p).toHaveLength(7);
      expect([p[1], p[5]]).toEqual(["p0rail0", "p1rail0"]);
      const s = Number(p[2].at(-1));
      const c = Number(p[3].slice(4));
      expect(Math.floor(c / 2)).toBe(s);
      expect(p[4]).toBe(`p1spine${s}`);
      seen.add(p.slice(2, 5).join(" "));
    }
    // Four spine–core–spine choices, all taken by some flow.
    expect(seen.size).toBe(4);
  });

  it("oversubscription per tier and bisection are the formulas, by hand", () => {
    // Rail tier: 4 hosts × 5e10 ÷ (2 spines × 1e11) = 1. Spine–core: 2 rails × 1e11 ÷ (2 cores × 1e11) = 1.
    // Bisection: 1 pod × min(8 NICs × 5e10, 2 rails × 2 spines × 1e11, 4 cores × 1e11) = 4e11.
    expect(gpuClusterOversubscription(T3)).toBe(1);
    expect(gpuClusterCoreOversubscription(T3)).toBe(1);
    expect(gpuClusterBisectionBps(T3)).toBe(4e11);
    // Spine–core links at 200 Gb/s: 2 × 1e11 ÷ (2 × 2.5e10) = 4:1, bisection 4 × 2.5e10 = 1e11.
    const thin = { ...T3, coreBandwidthBps: 2.5e10 };
    expect(gpuClusterCoreOversubscription(thin)).toBe(4);
    expect(gpuClusterBisectionBps(thin)).toBe(1e11);
  });

  // Each case binds at a different tier; the bisection by hand, by the formula and by max-flow agree.
  const cases: Array<[string, GpuClusterSpec, number]> = [
    // min(8 × 5e10, 2 × 2 × 1e11, 4 × 1e11) = 4e11: every tier equal.
    ["non-blocking", T3, 4e11],
    // Cores bind: 4 × 2.5e10 = 1e11.
    ["thin spine–core links", { ...T3, coreBandwidthBps: 2.5e10 }, 1e11],
    // One spine per pod on 2 cores: uplinks 2 rails × 1 × 1e11 = 2e11 = cores 2 × 1e11, NICs 4e11.
    ["one spine per pod", { ...T3, spines: 1, cores: 2 }, 2e11],
    // 4 pods, 2 planes, PCIe 32 GB/s: per pod min(8 × 3.2e10, 8 × 5e10, 2 × 2 × 2 × 1e11, 2 × 4 × 1e11)
    // = 2.56e11, times 2 pods of a half = 5.12e11.
    ["two planes, PCIe binding, 4 pods", { ...T3, hosts: 16, planes: 2, pcieBandwidthBps: 3.2e10 }, 5.12e11],
    // Leaves of 2 hosts (2 per pod), uplinks 5e10: min(8 × 6.4e10, 8 × 5e10, 2 × 2 × 5e10, 4 × 5e10) = 2e11.
    ["leaves, thin uplinks", { ...T3, railOptimized: false, hostsPerLeaf: 2, uplinkBandwidthBps: 5e10 }, 2e11],
    // NVLink domains of 2 hosts (NIC nodes, PCIe 64 GB/s): min(8 × 6.4e10, 4e11, 4e11, 4e11) = 4e11.
    ["NVLink domains of 2 hosts", { ...T3, scaleUpDomain: 4 }, 4e11],
  ];
  for (const [name, spec, byHand] of cases) {
    it(`bisection, ${name}: by hand, formula and max-flow agree`, () => {
      expect(gpuClusterBisectionBps(spec)).toBeCloseTo(byHand, 0);
      expect(podBisectionByMaxFlow(build(spec), spec)).toBeCloseTo(byHand, 0);
    });
  }

  it("a pod-to-pod permutation gets exactly the bisection: the spine–core link is shared fairly", () => {
    // 2 pods of 2 hosts × 2 GPUs, 1 spine per pod, 1 core, spine–core 5e10. GPU h{i}g{j} of
    // pod 0 sends to h{i+2}g{j} and back: 8 flows, each on its one shortest path (rail,
    // spine, core, spine, rail: 6 hops; a detour over NVLink is 7). The 4 flows of each
    // direction share their pod's spine→core channel: 5e10 ÷ 4 = 1.25e10 each, below the NIC
    // (5e10) and rail uplink (1e11 ÷ 2). Each way: 4 × 1.25e10 = 5e10 = the bisection,
    // 1 × min(4 × 5e10, 2 × 1 × 1e11, 1 × 5e10).
    const spec: GpuClusterSpec = { ...T3, hosts: 4, hostsPerPod: 2, spines: 1, cores: 1, coreBandwidthBps: 5e10 };
    const t = build(spec);
    const router = new Router(t, "hops", 3);
    const routes: Int32Array[] = [];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        for (const [a, b] of [[`h${i}g${j}`, `h${i + 2}g${j}`], [`h${i + 2}g${j}`, `h${i}g${j}`]]) {
          const r = router.route(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!, routes.length)!;
          expect(r.nodes).toHaveLength(7);
          routes.push(r.resources);
        }
      }
    }
    const routeStart = new Int32Array(routes.length + 1);
    routes.forEach((r, f) => (routeStart[f + 1] = routeStart[f] + r.length));
    const { rateBps } = maxMinRates({
      capacityBps: t.resourceCapacityBps,
      flowCount: routes.length,
      routeStart,
      routeResources: Int32Array.from(routes.flatMap((r) => Array.from(r))),
    });
    for (const rate of rateBps) expect(rate).toBeCloseTo(1.25e10, 0);
    const oneWay = rateBps.filter((_, f) => f % 2 === 0).reduce((a, b) => a + b, 0);
    expect(oneWay).toBeCloseTo(gpuClusterBisectionBps(spec), 0);
    expect(oneWay).toBeCloseTo(5e10, 0);
  });
});

describe("gpuCluster, NVLink domains larger than a host", () => {
  it("NVL72: 72 GPUs of 18 hosts on one NVSwitch nvl{d}, every NIC a node", () => {
    // Nodes: 2 cores + 2 pods × (2 spines + 4 rails) = 14 switches, 2 NVSwitches (nvl0, nvl1),
    // 144 GPUs, 144 NICs = 304. Links: spine–core 2 × 2 × 1 = 4, rail–spine 2 × 4 × 2 = 16,
    // 144 NVLink, 144 PCIe, 144 NIC = 452.
    const t = build(NVL72);
    expect(t.nodeCount).toBe(304);
    expect(t.channelCount).toBe(2 * 452);
    expect(kindCounts(t)).toEqual({ core: 2, spine: 4, leaf: 8, nvswitch: 2, gpu: 144, nic: 144 });
    expect(gpuClusterSize(NVL72)).toEqual({ nodes: 304, links: 452 });
    expect(linked(t, "h17g3", "nvl0")).toBeGreaterThanOrEqual(0);
    expect(linked(t, "h18g0", "nvl1")).toBeGreaterThanOrEqual(0);
    expect(t.nodeIndex.has("h0nvswitch")).toBe(false);
    expect(linked(t, "h17nic3", "p0rail3")).toBeGreaterThanOrEqual(0);
  });

  it("any two GPUs of one NVL72 domain talk over NVLink only", () => {
    // GPU–nvl–GPU is 2 hops; through the fabric GPU–NIC–rail–NIC–GPU is 4.
    const t = build(NVL72);
    const router = new Router(t, "hops", 5);
    const domain = Array.from({ length: 72 }, (_, g) => `h${Math.floor(g / 4)}g${g % 4}`);
    // Every GPU to the next GPU (+1: its host's, or the next host's), the GPU of its rail on
    // the next host (+4), and GPUs 18 and 35 places on (other hosts and rails), mod 72.
    let key = 0;
    domain.forEach((a, i) => {
      for (const step of [1, 4, 18, 35]) {
        const b = domain[(i + step) % 72];
        expect(path_(t, router, a, b, key++)).toEqual([a, "nvl0", b]);
      }
    });
  });

  it("between pods a flow leaves on its own rail and changes rail at a spine, never over NVLink", () => {
    const t = build(NVL72);
    const router = new Router(t, "hops", 5);
    // GPU, NIC, rail, spine, core, spine, rail, NIC, GPU: 8 hops. A spine joins every rail of
    // its pod, so another rail costs nothing more; NVLink to the right rail first would be 10.
    for (const [dst, rail] of [["h18g1", "p1rail1"], ["h35g3", "p1rail3"]]) {
      for (let key = 0; key < 16; key++) {
        const p = path_(t, router, "h0g1", dst, key);
        expect(p).toHaveLength(9);
        expect([p[1], p[2], p[6], p[7]]).toEqual(["h0nic1", "p0rail1", rail, `${dst.split("g")[0]}nic${dst.at(-1)}`]);
      }
    }
  });

  it("rejects domains that do not fit the hosts or the pods, and keys that need 3 tiers", () => {
    const err = (spec: GpuClusterSpec) => () => build(spec);
    expect(err({ ...NVL72, scaleUpDomain: 6 })).toThrow("gpuCluster.scaleUpDomain must be a multiple of gpusPerHost (4), found 6");
    expect(err({ ...NVL72, hosts: 30, hostsPerPod: 30 })).toThrow("gpuCluster.hosts must fill whole NVLink domains of 18 hosts (scaleUpDomain 72 ÷ gpusPerHost 4), found 30");
    expect(err({ ...NVL72, hostsPerPod: 24 })).toThrow("gpuCluster.hosts must be a multiple of hostsPerPod (24), found 36");
    expect(err({ ...NVL72, hosts: 72, hostsPerPod: 24 })).toThrow("gpuCluster.hostsPerPod must hold whole NVLink domains of 18 hosts, found 24");
    expect(err({ ...NVL72, nicsPerHost: 2 })).toThrow("needs scaleUpDomain equal to gpusPerHost");
    expect(err({ ...T3, cores: 3 })).toThrow("gpuCluster.cores must be a multiple of spines (2), found 3");
    expect(err({ ...T3, hostsPerPod: undefined })).toThrow("gpuCluster.hostsPerPod must be an integer ≥ 1 with tiers: 3, it is missing");
    expect(err({ ...T3, tiers: 2 })).toThrow("gpuCluster.hostsPerPod applies only with tiers: 3");
    expect(err({ ...T3, planes: 0 })).toThrow("gpuCluster.planes must be an integer ≥ 1, found 0");
  });
});

describe("gpuCluster, several planes", () => {
  it("each NIC is a node with a port of nic ÷ planes on each plane's own rails, spines and cores", () => {
    // 2 planes of T3: switches 2 × (4 + 2 × 4) = 24, 8 NVSwitches, 16 GPUs, 16 NICs = 64 nodes.
    // Links: 2 × 2 pods × (4 + 2 × 2) = 32 fabric, 16 NVLink, 16 PCIe, 16 × 2 ports = 96.
    const spec = { ...T3, planes: 2 };
    const t = build(spec);
    expect(t.nodeCount).toBe(64);
    expect(t.channelCount).toBe(192);
    expect(gpuClusterSize(spec)).toEqual({ nodes: 64, links: 96 });
    for (const plane of ["plane0", "plane1"]) {
      const port = linked(t, "h5nic1", `${plane}p1rail1`);
      expect(t.resourceCapacityBps[port]).toBe(2.5e10);
    }
    expect(gpuClusterTop(spec)).toEqual([0, 1, 2, 3].map((c) => `plane0core${c}`).concat([0, 1, 2, 3].map((c) => `plane1core${c}`)));
    // Oversubscription of a rail port tier: 4 hosts × 2.5e10 ÷ (2 × 1e11) = 0.5.
    expect(gpuClusterOversubscription(spec)).toBe(0.5);
    // Flows between pods spread over both planes, each path inside one plane.
    const router = new Router(t, "hops", 2);
    const planes = new Set<string>();
    for (let key = 0; key < 32; key++) {
      const p = path_(t, router, "h0g0", "h4g0", key);
      expect(p).toHaveLength(9);
      const plane = p[2].slice(0, 6);
      for (const hop of p.slice(2, 7)) expect(hop.startsWith(plane)).toBe(true);
      planes.add(plane);
    }
    expect([...planes].sort()).toEqual(["plane0", "plane1"]);
  });
});

describe("gpuCluster in a site", () => {
  it("the border links to every core of every plane (the top tier), and storage to the same", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gpu-tiers-"));
    const file = path.join(dir, "site.yaml");
    writeFileSync(
      file,
      `name: site-3tier
topology:
  sites:
    - id: dc
      city: Dallas
      uplink: { bandwidth: 800Gbps, latency: 1us }
      fabric:
        gpuCluster:
          { hosts: 4, gpusPerHost: 2, nvlinkBandwidth: 450GB/s, nicBandwidth: 400Gbps, spines: 1, uplinkBandwidth: 800Gbps,
            tiers: 3, hostsPerPod: 2, cores: 2, planes: 2, storage: { read: 100Gbps, write: 100Gbps, linkBandwidth: 400Gbps } }
workloads:
  - transfer: { src: dc.h0g0, dst: dc.h3g1, size: 1GB }
`,
    );
    const { topology: t } = prepareScenario(file);
    const tops = ["dc.plane0core0", "dc.plane0core1", "dc.plane1core0", "dc.plane1core1"];
    for (const top of tops) {
      expect(linked(t, "dc", top)).toBeGreaterThanOrEqual(0);
      expect(linked(t, "dc.storage0", top)).toBeGreaterThanOrEqual(0);
    }
    expect(linked(t, "dc", "dc.plane0p0spine0")).toBe(-1);
    // 8 cores·planes… : the border's links are its 4 uplinks.
    const border = t.nodeIndex.get("dc")!;
    expect(t.outStart[border + 1] - t.outStart[border]).toBe(4);
  });
});

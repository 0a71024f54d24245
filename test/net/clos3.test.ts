// clos3: node and link counts, ids and kinds, ECMP over every equal-cost path, oversubscription and bisection against max flow, and permutation throughput, all derived by hand.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { clos3, clos3BisectionBps, clos3Oversubscription, type Clos3Spec } from "../../src/net/clos3.js";
import { Router, type Route } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { capexUsd } from "../../src/report/costRows.js";
import { tierOf } from "../../src/report/tierOf.js";
import { longFlowRates, maxFlowBps } from "./maxFlow.js";

const GBPS = 1.25e8;

/** Non-blocking: 4 pods × 4 leaves × 4 hosts, 4 spines per pod, 4 super-spines per plane, every link 100 Gb/s. */
const NONBLOCKING: Clos3Spec = {
  pods: 4,
  leavesPerPod: 4,
  hostsPerLeaf: 4,
  spinesPerPod: 4,
  superSpinesPerPlane: 4,
  hostBandwidthBps: 100 * GBPS,
  leafUplinkBandwidthBps: 100 * GBPS,
  spineUplinkBandwidthBps: 100 * GBPS,
  latencyS: 1e-6,
};

/** 4:1 at the spine tier: 8 hosts × 100 Gb/s per leaf over 4 × 200 Gb/s (1:1), 4 leaves × 200 Gb/s per spine over 2 × 100 Gb/s (4:1). */
const OVERSUBSCRIBED: Clos3Spec = {
  ...NONBLOCKING,
  hostsPerLeaf: 8,
  superSpinesPerPlane: 2,
  leafUplinkBandwidthBps: 200 * GBPS,
};

function build(spec: Clos3Spec): { topology: Topology; hosts: string[] } {
  const b = new TopologyBuilder();
  const hosts = clos3(b, spec);
  return { topology: b.build(), hosts };
}

function kindCounts(t: Topology): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of t.nodeKinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

const ids = (t: Topology, r: Route) => Array.from(r.nodes, (n) => t.nodeIds[n]);

/** The route along node ids `path` (its channels), as a pinned transfer would take it. */
function pinned(t: Topology, path: string[]): Route {
  const resources: number[] = [];
  for (let i = 1; i < path.length; i++) {
    const ch = t.channelBetween(t.nodeIndex.get(path[i - 1])!, t.nodeIndex.get(path[i])!);
    if (ch < 0) throw new Error(`no link ${path[i - 1]}–${path[i]}`);
    resources.push(ch);
  }
  return { nodes: Int32Array.from(path, (id) => t.nodeIndex.get(id)!), resources: Int32Array.from(resources), latencyS: 0 };
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe("clos3", () => {
  it("has P·L·H + P·L + P·S + S·C nodes and P·L·H + P·L·S + P·S·C links for several shapes", () => {
    const shapes: Array<[number, number, number, number, number]> = [
      [1, 1, 1, 1, 1],
      [2, 3, 5, 2, 1],
      [4, 4, 4, 4, 4],
      [3, 2, 7, 5, 3],
      [6, 1, 2, 3, 2],
    ];
    for (const [P, L, H, S, C] of shapes) {
      const spec = { ...NONBLOCKING, pods: P, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C };
      const { topology, hosts } = build(spec);
      expect(topology.nodeCount).toBe(P * L * H + P * L + P * S + S * C);
      expect(topology.channelCount).toBe(2 * (P * L * H + P * L * S + P * S * C));
      expect(hosts).toHaveLength(P * L * H);
      expect(kindCounts(topology)).toEqual({ core: S * C, spine: P * S, leaf: P * L, host: P * L * H });
    }
  });

  it("names hosts pod-major and links spine j of every pod to plane j only", () => {
    const { topology: t, hosts } = build({ ...OVERSUBSCRIBED, prefix: "dc." });
    // Host i = (pod·L + leaf)·H + port: host 45 = (1·4 + 1)·8 + 5 is port 5 of leaf 1 in pod 1.
    expect(hosts[45]).toBe("dc.h45");
    const linked = (a: string, b: string) => t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!) >= 0;
    expect(linked("dc.h45", "dc.leaf1_1")).toBe(true);
    expect(linked("dc.leaf1_1", "dc.spine1_3")).toBe(true);
    expect(linked("dc.leaf1_1", "dc.spine0_3")).toBe(false);
    expect(linked("dc.spine1_3", "dc.super3_1")).toBe(true);
    expect(linked("dc.spine1_3", "dc.super2_1")).toBe(false);
    // Tiers for reports and capex: host–leaf host-nic, leaf–spine leaf-spine, spine–super spine-core.
    const tier = (a: string, b: string) => tierOf(t, t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!));
    expect([tier("dc.h45", "dc.leaf1_1"), tier("dc.leaf1_1", "dc.spine1_3"), tier("dc.spine1_3", "dc.super3_1")]).toEqual(["host-nic", "leaf-spine", "spine-core"]);
  });

  it("routes cross-pod flows over all S·C shortest paths, same-pod flows over all S", () => {
    const { topology: t } = build(OVERSUBSCRIBED);
    const router = new Router(t, "hops", 1);
    const src = t.nodeIndex.get("h0")!;
    const seen = (dst: string) => {
      const paths = new Map<string, number>();
      for (let key = 0; key < 400; key++) {
        const r = router.route(src, t.nodeIndex.get(dst)!, key)!;
        const k = ids(t, r).join(" ");
        paths.set(k, (paths.get(k) ?? 0) + 1);
      }
      return paths;
    };
    // h0 (pod 0) to h100 (pod 3, leaf 0): leaf → any of 4 spines → any of that plane's 2 super-spines → the same plane's spine in pod 3 → leaf.
    const cross = seen("h100");
    expect(cross.size).toBe(OVERSUBSCRIBED.spinesPerPod * OVERSUBSCRIBED.superSpinesPerPlane);
    for (const path of cross.keys()) {
      const hops = path.split(" ");
      expect(hops).toHaveLength(7);
      expect(hops[2].replace(/spine0_/, "")).toBe(hops[4].replace(/spine3_/, ""));
      expect(hops[3]).toMatch(new RegExp(`^super${hops[4].slice(-1)}_[01]$`));
    }
    // 400 flows over 8 paths: each gets 50 on average; a spread that skipped one would show 0.
    expect(Math.min(...cross.values())).toBeGreaterThan(20);
    // h0 to h8 (pod 0, leaf 1): one of 4 spines, 4 links.
    const inPod = seen("h8");
    expect(inPod.size).toBe(OVERSUBSCRIBED.spinesPerPod);
    for (const path of inPod.keys()) expect(path.split(" ")).toHaveLength(5);
  });

  it("reports oversubscription per tier: leaf H·host ÷ (S·leafUplink), spine L·leafUplink ÷ (C·spineUplink), end to end their product", () => {
    expect(clos3Oversubscription(NONBLOCKING)).toEqual({ leaf: 1, spine: 1, endToEnd: 1 });
    // Leaf: 8 × 100 ÷ (4 × 200) = 1; spine: 4 × 200 ÷ (2 × 100) = 4.
    expect(clos3Oversubscription(OVERSUBSCRIBED)).toEqual({ leaf: 1, spine: 4, endToEnd: 4 });
    // 3:1 at the leaf (12 × 100 ÷ (4 × 100)), 2:1 at the spine (4 × 100 ÷ (2 × 100)).
    const o = clos3Oversubscription({ ...NONBLOCKING, hostsPerLeaf: 12, superSpinesPerPlane: 2 });
    expect(o.leaf).toBe(3);
    expect(o.spine).toBe(2);
    expect(o.endToEnd).toBeCloseTo(6, 12);
  });

  it("bisection bandwidth equals the max flow between the two halves of the pods, whichever tier is narrowest", () => {
    const cases: Array<{ spec: Clos3Spec; narrowest: string; bps: number }> = [
      // Non-blocking: every tier of 2 pods carries 2 × 16 × 100 Gb/s.
      { spec: NONBLOCKING, narrowest: "all", bps: 2 * 16 * 100 * GBPS },
      // Spine tier 4:1: 2 pods × 4 spines × 2 super-spines × 100 Gb/s.
      { spec: OVERSUBSCRIBED, narrowest: "spine", bps: 2 * 4 * 2 * 100 * GBPS },
      // Hosts narrowest: 2 pods × 2 leaves × 3 hosts × 10 Gb/s = 120 Gb/s (leaf tier 2·2·2·100, spine 2·2·3·100).
      { spec: { ...NONBLOCKING, pods: 4, leavesPerPod: 2, hostsPerLeaf: 3, spinesPerPod: 2, superSpinesPerPlane: 3, hostBandwidthBps: 10 * GBPS }, narrowest: "host", bps: 120 * GBPS },
      // Leaf tier narrowest: 1 pod × 3 leaves × 1 spine × 40 Gb/s = 120 Gb/s (hosts 1·3·2·100, spines 1·1·5·100).
      { spec: { ...NONBLOCKING, pods: 2, leavesPerPod: 3, hostsPerLeaf: 2, spinesPerPod: 1, superSpinesPerPlane: 5, leafUplinkBandwidthBps: 40 * GBPS }, narrowest: "leaf", bps: 120 * GBPS },
    ];
    for (const { spec, narrowest, bps } of cases) {
      const { topology: t, hosts } = build(spec);
      const n = hosts.map((h) => t.nodeIndex.get(h)!);
      const half = n.length / 2;
      expect(clos3BisectionBps(spec), narrowest).toBe(bps);
      expect(maxFlowBps(t, n.slice(0, half), n.slice(half)), narrowest).toBe(bps);
    }
    expect(() => clos3BisectionBps({ ...NONBLOCKING, pods: 3 })).toThrow(RangeError);
  });

  it("non-blocking: a cross-pod shift reaches line rate for every host on spread paths, and ECMP stays at or under it", () => {
    const { topology: t, hosts } = build(NONBLOCKING);
    const { pods, leavesPerPod: L, hostsPerLeaf: H } = NONBLOCKING;
    const perPod = L * H;
    const N = hosts.length;
    // Host (pod, leaf l, port k) sends to the same leaf and port of the next pod, pinned through
    // spine k and super-spine l of plane k: every link carries one flow each way.
    const routes = hosts.map((_, i) => {
      const pod = Math.floor(i / perPod);
      const l = Math.floor((i % perPod) / H);
      const k = i % H;
      const next = (pod + 1) % pods;
      return pinned(t, [`h${i}`, `leaf${pod}_${l}`, `spine${pod}_${k}`, `super${k}_${l}`, `spine${next}_${k}`, `leaf${next}_${l}`, `h${(i + perPod) % N}`]);
    });
    const rates = longFlowRates(t, routes);
    for (const r of rates) expect(r).toBe(NONBLOCKING.hostBandwidthBps);
    // The bound: every host at line rate, N × host = 2 × bisection (both directions cross it).
    expect(sum(rates)).toBe(N * NONBLOCKING.hostBandwidthBps);
    expect(sum(rates)).toBe(2 * clos3BisectionBps(NONBLOCKING));
    // ECMP picks each flow's path by hash: collisions on an uplink share it, so it reaches at most the bound.
    const router = new Router(t, "hops", 1);
    const ecmp = hosts.map((h, i) => router.route(t.nodeIndex.get(h)!, t.nodeIndex.get(hosts[(i + perPod) % N])!, i)!);
    for (const r of ecmp) expect(r.nodes).toHaveLength(7);
    const total = sum(longFlowRates(t, ecmp));
    expect(total).toBeLessThanOrEqual(N * NONBLOCKING.hostBandwidthBps * (1 + 1e-12));
    expect(total).toBeGreaterThan(0);
  });

  it("4:1 at the spine tier: a cross-pod shift under ECMP moves N·host ÷ 4 in all, each spine uplink full", () => {
    const spec = OVERSUBSCRIBED;
    const { topology: t, hosts } = build(spec);
    const perPod = spec.leavesPerPod * spec.hostsPerLeaf;
    const N = hosts.length;
    const router = new Router(t, "hops", 1);
    const routes = hosts.map((h, i) => router.route(t.nodeIndex.get(h)!, t.nodeIndex.get(hosts[(i + perPod) % N])!, i)!);
    const rates = longFlowRates(t, routes);
    // Why the bound is reached whatever the hash: a flow's only shared constraint tighter than its
    // spine uplink's share is none — a leaf uplink's flows fan out over at most C spine uplinks
    // (C × 100 ≤ 200 Gb/s), hosts carry one flow (100 ≥ 100 Gb/s) — so every spine uplink that
    // ECMP gives a flow is full. This checks that ECMP gave every one of the P·S·C uplinks a flow.
    const used = new Set<number>();
    for (const r of routes) used.add(r.resources[2]);
    expect(used.size).toBe(spec.pods * spec.spinesPerPod * spec.superSpinesPerPlane);
    const bound = (N * spec.hostBandwidthBps) / clos3Oversubscription(spec).endToEnd;
    expect(bound).toBe(spec.pods * spec.spinesPerPod * spec.superSpinesPerPlane * spec.spineUplinkBandwidthBps);
    expect(sum(rates) / bound).toBeCloseTo(1, 12);
  });

  it("is priced by capex as devices by kind (leaf, spine, core) and two ports per link by tier", () => {
    const { pods: P, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C } = OVERSUBSCRIBED;
    const { topology } = build(OVERSUBSCRIBED);
    const capex = { devicesUsd: { leaf: 10, spine: 20, core: 30 }, portsUsd: { "host-nic": 1, "leaf-spine": 2, "spine-core": 3 }, amortizationS: 1 };
    expect(capexUsd(topology, capex)).toBe(P * L * 10 + P * S * 20 + S * C * 30 + 2 * (P * L * H * 1 + P * L * S * 2 + P * S * C * 3));
  });

  it("rejects a count below 1 with the key it came from", () => {
    for (const key of ["pods", "leavesPerPod", "hostsPerLeaf", "spinesPerPod", "superSpinesPerPlane"] as const) {
      const b = new TopologyBuilder();
      expect(() => clos3(b, { ...NONBLOCKING, [key]: 0 })).toThrow(new InputError(`clos3.${key} must be an integer ≥ 1, found 0`));
    }
  });
});

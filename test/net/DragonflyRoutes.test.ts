// DragonflyRoutes: minimal and Valiant route shapes, global hops on uniform traffic, and max-min rates on adversarial and bisection traffic, all derived by hand.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { dragonfly, dragonflyBisectionBps, type DragonflyRouting, type DragonflySpec } from "../../src/net/dragonfly.js";
import { DragonflyRoutes } from "../../src/net/DragonflyRoutes.js";
import { maxMinRates } from "../../src/net/maxMinRates.js";
import { Router, type Route } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

const GBPS = 1.25e8;

/** The balanced maximum dragonfly a = 2p = 2h, g = ah+1: p = 2, a = 4, h = 2, g = 9 (72 hosts, one global link per pair of groups). */
const BALANCED: DragonflySpec = {
  p: 2,
  a: 4,
  h: 2,
  g: 9,
  hostBandwidthBps: 100 * GBPS,
  localBandwidthBps: 100 * GBPS,
  globalBandwidthBps: 100 * GBPS,
  hostLatencyS: 0,
  localLatencyS: 0,
  globalLatencyS: 0,
  routing: "minimal",
};

function setup(spec: DragonflySpec, routing: DragonflyRouting, seed = 1): { t: Topology; hosts: number[]; router: Router } {
  const b = new TopologyBuilder();
  const ids = dragonfly(b, { ...spec, routing });
  const t = b.build();
  const router = new Router(t, "hops", seed);
  if (routing !== "shortest") router.fabricRoutes = new DragonflyRoutes(t, [{ ...spec, routing }]);
  return { t, hosts: ids.map((id) => t.nodeIndex.get(id)!), router };
}

/** Group of a router node ("r{group}_{i}"), -1 for a host. */
function groupOf(t: Topology, n: number): number {
  const id = t.nodeIds[n];
  return id.startsWith("r") ? Number(id.slice(1, id.indexOf("_"))) : -1;
}

/** Local and global links a route crosses, and the groups it visits in order. */
function shape(t: Topology, r: Route): { local: number; global: number; groups: number[] } {
  let local = 0;
  let global = 0;
  const groups: number[] = [];
  for (let i = 0; i + 1 < r.nodes.length; i++) {
    const x = groupOf(t, r.nodes[i]);
    const y = groupOf(t, r.nodes[i + 1]);
    if (x < 0 || y < 0) continue;
    if (x === y) local++;
    else global++;
  }
  for (const n of r.nodes) {
    const q = groupOf(t, n);
    if (q >= 0 && groups[groups.length - 1] !== q) groups.push(q);
  }
  return { local, global, groups };
}

/** Max-min rates of one flow per route, all started together. */
function rates(t: Topology, routes: Route[]): Float64Array {
  const starts = [0];
  const resources: number[] = [];
  for (const r of routes) {
    resources.push(...r.resources);
    starts.push(resources.length);
  }
  return maxMinRates({ capacityBps: t.resourceCapacityBps, flowCount: routes.length, routeStart: Int32Array.from(starts), routeResources: Int32Array.from(resources) }).rateBps;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe("DragonflyRoutes", () => {
  it("minimal: between groups one global link and at most two local ones; inside a group one local link", () => {
    const { t, hosts, router } = setup(BALANCED, "minimal");
    // Tally of "same group?, local, global, groups visited, a node twice?" over every ordered pair of hosts.
    const seen = new Set<string>();
    for (const s of hosts) {
      for (const d of hosts) {
        if (s === d) continue;
        const r = router.route(s, d, s * 1000 + d)!;
        const { local, global, groups } = shape(t, r);
        const same = groupOf(t, r.nodes[1]) === groupOf(t, r.nodes[r.nodes.length - 2]);
        seen.add(`${same ? "intra" : "inter"} local ${local} global ${global} groups ${groups.length}${new Set(r.nodes).size === r.nodes.length ? "" : " loop"}`);
      }
    }
    expect([...seen].sort()).toEqual([
      "inter local 0 global 1 groups 2",
      "inter local 1 global 1 groups 2",
      "inter local 2 global 1 groups 2",
      "intra local 0 global 0 groups 1",
      "intra local 1 global 0 groups 1",
    ]);
  });

  it("plain hop-count shortest paths are not minimal routing on a dragonfly: some cross two global links", () => {
    // r0_0 holds the links to groups 1 and 2. From h0 (on r0_0) to a host of group 3 on the router where
    // group 1's link to group 3 lands, local–global–local (4 hops with the host links) ties with global–global.
    const { t, hosts, router } = setup(BALANCED, "shortest");
    let twoGlobal = 0;
    for (const d of hosts) for (let key = 0; key < 8; key++) if (d !== hosts[0] && shape(t, router.route(hosts[0], d, key)!).global === 2) twoGlobal++;
    expect(twoGlobal).toBeGreaterThan(0);
  });

  it("valiant: between groups exactly two global links through a third group, at most three local links, no node twice", () => {
    const { t, hosts, router } = setup(BALANCED, "valiant");
    const seen = new Set<string>();
    for (const s of hosts) {
      for (const d of hosts) {
        if (s === d) continue;
        const r = router.route(s, d, s * 1000 + d)!;
        const { local, global, groups } = shape(t, r);
        const third = groups.length === 3 && groups[1] !== groups[0] && groups[1] !== groups[2] && groups[0] !== groups[2];
        seen.add(`local ${local} global ${global} groups ${groups.length}${third || groups.length < 3 ? "" : " revisits a group"}${new Set(r.nodes).size === r.nodes.length ? "" : " loop"}`);
      }
    }
    // Inside a group as minimal; between groups l? g l? g l? (a local hop is skipped where the router holds the link).
    expect([...seen].sort()).toEqual([
      "local 0 global 0 groups 1",
      "local 0 global 2 groups 3",
      "local 1 global 0 groups 1",
      "local 1 global 2 groups 3",
      "local 2 global 2 groups 3",
      "local 3 global 2 groups 3",
    ]);
  });

  it("valiant spreads the flows of one pair over every one of the g − 2 intermediate groups, the same way for the same seed", () => {
    const { t, hosts, router } = setup(BALANCED, "valiant");
    const again = setup(BALANCED, "valiant").router;
    const other = setup(BALANCED, "valiant", 2).router;
    const count = new Map<number, number>();
    let moved = 0;
    for (let key = 0; key < 700; key++) {
      const r = router.route(hosts[0], hosts[8], key)!;
      const mid = shape(t, r).groups[1];
      count.set(mid, (count.get(mid) ?? 0) + 1);
      expect(Array.from(again.route(hosts[0], hosts[8], key)!.nodes)).toEqual(Array.from(r.nodes));
      if (shape(t, other.route(hosts[0], hosts[8], key)!).groups[1] !== mid) moved++;
    }
    // 700 flows over groups 2 … 8: 100 each on average; a binomial(700, 1/7) is within 100 ± 40 with near certainty.
    expect([...count.keys()].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const n of count.values()) expect(Math.abs(n - 100)).toBeLessThan(40);
    // Another seed draws other intermediates (6/7 of flows expected to move).
    expect(moved).toBeGreaterThan(500);
  });

  it("on uniform traffic (every ordered pair of hosts) valiant crosses exactly twice the global links minimal does", () => {
    // Minimal: one global link per inter-group pair; Valiant: two; intra-group pairs: none under both.
    // Of the 72·71 ordered pairs, 72·64 = 4,608 join two groups: 4,608 global crossings under minimal, 9,216 under Valiant.
    const globals = (routing: DragonflyRouting) => {
      const { t, hosts, router } = setup(BALANCED, routing);
      let n = 0;
      for (const s of hosts) for (const d of hosts) if (s !== d) n += shape(t, router.route(s, d, s * 1000 + d)!).global;
      return n;
    };
    expect(globals("minimal")).toBe(72 * 64);
    expect(globals("valiant")).toBe(2 * 72 * 64);
  });

  describe("adversarial traffic: every host of group i sends to group i + 1", () => {
    const P = BALANCED.p;
    const A = BALANCED.a;
    const G = BALANCED.g;
    const Bg = BALANCED.globalBandwidthBps;
    const Bh = BALANCED.hostBandwidthBps;
    /** Every host of group q sends to every host of group q + 1 (mod g): (p·a)² flows per group. */
    const flows = (routing: DragonflyRouting) => {
      const { t, hosts, router } = setup(BALANCED, routing);
      const routes: Route[] = [];
      for (let s = 0; s < hosts.length; s++) {
        const q = Math.floor(s / (P * A));
        for (let j = 0; j < P * A; j++) routes.push(router.route(hosts[s], hosts[((q + 1) % G) * P * A + j], routes.length)!);
      }
      return rates(t, routes);
    };

    it("minimal: the (p·a)² flows of a group share its one global link to the next group, m·Bg/(p·a)² each", () => {
      // m = 1 global link per pair; 64 flows per group → 100/64 Gb/s each; the whole network carries g · Bg.
      const r = flows("minimal");
      expect(r).toHaveLength(G * (P * A) ** 2);
      for (const x of r) expect(x).toBeCloseTo(Bg / (P * A) ** 2, 0);
      expect(sum(r)).toBeCloseTo(G * Bg, -3);
      // As a fraction of the injection bandwidth p·a·g·Bh: g·Bg / (p·a·g·Bh) = 1/8.
      expect(sum(r) / (P * A * G * Bh)).toBeCloseTo(1 / 8, 9);
    });

    it("valiant: close to half the injection bandwidth, the bound of two global links per byte", () => {
      // Every byte between groups crosses two global channels; there are g·a·h directed ones of Bg each, so the
      // throughput T ≤ g·a·h·Bg / 2. With h·Bg = p·Bh (balanced) that is p·a·g·Bh / 2: half the injection bandwidth.
      const bound = (G * A * BALANCED.h * Bg) / 2;
      expect(bound).toBe((P * A * G * Bh) / 2);
      const r = flows("valiant");
      const total = sum(r);
      expect(total).toBeLessThanOrEqual(bound * (1 + 1e-12));
      // The hashed choice loads channels unevenly; 84% of the bound here, 3.4× minimal's g·Bg.
      expect(total).toBeGreaterThan(0.8 * bound);
      expect(total).toBeGreaterThan(3 * G * Bg);
    });
  });

  it("a permutation across the bisection reaches the bisection bandwidth under minimal routing", () => {
    // p = 2, a = 3, h = 1, g = 4: one global link per pair; group bisection {0, 1} | {2, 3} = 2·2·1 links = 4 · Bg.
    // Host j of group q (6 per group) sends to host j of group q + 2 mod 4 (j < 3) or 3 − q (j ≥ 3) — a permutation where
    // every flow crosses the bisection and each directed global link between the halves carries 3 flows: Bg / 3 each
    // (hosts 100 Gb/s, and no local channel carries more than 2 flows: 2 · Bg/3 < Bl).
    const spec: DragonflySpec = { ...BALANCED, p: 2, a: 3, h: 1, g: 4 };
    const { t, hosts, router } = setup(spec, "minimal");
    const routes: Route[] = [];
    const dsts = new Set<number>();
    for (let s = 0; s < hosts.length; s++) {
      const q = Math.floor(s / 6);
      const j = s % 6;
      const d = (j < 3 ? (q + 2) % 4 : 3 - q) * 6 + j;
      dsts.add(d);
      routes.push(router.route(hosts[s], hosts[d], s)!);
    }
    expect(dsts.size).toBe(24);
    const r = rates(t, routes);
    for (const x of r) expect(x).toBeCloseTo(spec.globalBandwidthBps / 3, 0);
    // Half the flows go from {0, 1} to {2, 3}: their throughput is the bisection bandwidth, each way.
    expect(sum(r.subarray(0, 12))).toBeCloseTo(dragonflyBisectionBps(spec), -3);
    expect(sum(r.subarray(12))).toBeCloseTo(dragonflyBisectionBps(spec), -3);
  });

  it("a uniform random permutation under minimal routing: each flow between groups gets Bg ÷ the flows of its group pair", () => {
    // With one global link per pair of groups, a flow from group s to group d crosses exactly the global channel s→d and
    // nothing else it could share with another pair's flows is a bottleneck: local links are 100× faster, and each host
    // sends and receives one flow (a permutation) at most Bg = Bh. So a flow's rate is Bg / n(s, d), n counted from the
    // permutation alone; flows inside a group run at Bh; the total is Bg × (group pairs used) + Bh × (intra-group flows).
    const spec: DragonflySpec = { ...BALANCED, localBandwidthBps: 100 * BALANCED.globalBandwidthBps };
    const { t, hosts, router } = setup(spec, "minimal");
    const random = randomStream(7, "test/permutation");
    const perm = hosts.map((_, i) => i);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const pairs = perm.map((d, s) => [s, d]).filter(([s, d]) => s !== d);
    const groupOfHost = (h: number) => Math.floor(h / (spec.p * spec.a));
    const perPair = new Map<number, number>();
    for (const [s, d] of pairs) if (groupOfHost(s) !== groupOfHost(d)) perPair.set(groupOfHost(s) * 9 + groupOfHost(d), (perPair.get(groupOfHost(s) * 9 + groupOfHost(d)) ?? 0) + 1);
    const r = rates(t, pairs.map(([s, d], i) => router.route(hosts[s], hosts[d], i)!));
    pairs.forEach(([s, d], i) => {
      const gs = groupOfHost(s);
      const gd = groupOfHost(d);
      expect(r[i]).toBeCloseTo(gs === gd ? spec.hostBandwidthBps : spec.globalBandwidthBps / perPair.get(gs * 9 + gd)!, 0);
    });
    const intra = pairs.filter(([s, d]) => groupOfHost(s) === groupOfHost(d)).length;
    expect(sum(r)).toBeCloseTo(perPair.size * spec.globalBandwidthBps + intra * spec.hostBandwidthBps, -3);
    // Some pairs carry several flows (else the check would be trivial).
    expect(Math.max(...perPair.values())).toBeGreaterThan(1);
  });

  it("a pair whose global link is down falls back to shortest paths over the links left", () => {
    const { t, hosts, router } = setup(BALANCED, "minimal");
    const ch = t.channelBetween(t.nodeIndex.get("r0_0")!, t.nodeIndex.get("r1_0")!);
    const before = router.route(hosts[0], hosts[8], 1)!;
    expect(Array.from(before.nodes).map((n) => t.nodeIds[n])).toEqual(["h0", "r0_0", "r1_0", "h8"]);
    router.setLinkUsable(ch >> 1, false);
    const after = router.route(hosts[0], hosts[8], 1)!;
    expect(Array.from(after.resources)).not.toContain(ch);
    expect(shape(t, after).global).toBe(2);
  });

  it("leaves pairs outside its dragonfly to shortest paths", () => {
    const b = new TopologyBuilder();
    dragonfly(b, { ...BALANCED, g: 3, a: 2, h: 1, p: 1, prefix: "x." });
    b.addNode({ id: "out" });
    b.addLink({ from: "out", to: "x.r0_0", bandwidthBps: 1, latencyS: 0 });
    const t = b.build();
    const routes = new DragonflyRoutes(t, [{ ...BALANCED, g: 3, a: 2, h: 1, p: 1, prefix: "x.", routing: "minimal" }]);
    expect(routes.channels(t.nodeIndex.get("out")!, t.nodeIndex.get("x.h1")!, 0, 1, () => true)).toBeNull();
    expect(routes.channels(t.nodeIndex.get("x.h0")!, t.nodeIndex.get("x.h1")!, 0, 1, () => true)).not.toBeNull();
  });
});

// torus: node and link counts, ids and wrap-around links, ECMP over every minimal path, bisection against brute force and max flow, and the bisection bound of a crossing permutation, all derived by hand.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { torus, torusBisectionBps, torusRingLinks, type TorusSpec } from "../../src/net/torus.js";
import { capexUsd } from "../../src/report/costRows.js";
import { tierOf } from "../../src/report/tierOf.js";
import { longFlowRates, maxFlowBps } from "./maxFlow.js";

const GBPS = 1.25e8;
const BASE: TorusSpec = { dims: [4, 4], hostsPerNode: 1, bandwidthBps: 100 * GBPS, hostBandwidthBps: 100 * GBPS, latencyS: 1e-6 };

function build(spec: TorusSpec): { topology: Topology; hosts: string[] } {
  const b = new TopologyBuilder();
  const hosts = torus(b, spec);
  return { topology: b.build(), hosts };
}

const product = (dims: number[]) => dims.reduce((a, k) => a * k, 1);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

/** Coordinates of router n (x fastest), as the generator numbers them. */
function coords(dims: number[], n: number): number[] {
  return dims.map((k) => {
    const c = n % k;
    n = Math.floor(n / k);
    return c;
  });
}

/** Router–router links as pairs of router numbers, from the built topology. */
function routerLinks(t: Topology, dims: number[]): Array<[number, number]> {
  const number = (id: string) => {
    const c = id.slice(1).split("_").map(Number);
    return c.reduceRight((a, x, d) => a * dims[d] + x, 0);
  };
  const out: Array<[number, number]> = [];
  for (let ch = 0; ch < t.channelCount; ch += 2) {
    const a = t.nodeIds[t.channelFrom[ch]];
    const b = t.nodeIds[t.channelTo[ch]];
    if (a.startsWith("r") && b.startsWith("r")) out.push([number(a), number(b)]);
  }
  return out;
}

/** The fewest router–router links crossing any split of the routers into two halves, by trying every split (router 0 on the first side). */
function minBalancedCutLinks(dims: number[], links: Array<[number, number]>): number {
  const n = product(dims);
  let best = Infinity;
  // Every set of n/2 − 1 of routers 1 … n−1 in turn (Gosper's hack), plus router 0.
  const r = n / 2 - 1;
  for (let s = (1 << r) - 1; s < 1 << (n - 1); ) {
    const m = (s << 1) | 1;
    let cut = 0;
    for (const [a, b] of links) cut += ((m >> a) ^ (m >> b)) & 1;
    if (cut < best) best = cut;
    if (s === 0) break;
    const low = s & -s;
    const up = s + low;
    s = (((up ^ s) >> 2) / low) | up;
  }
  return best;
}

describe("torus", () => {
  it("has N·(1 + H) nodes and N·H + Σ (N/k)·ringLinks(k) links for rings, 2D and 3D tori", () => {
    const cases: Array<[number[], number]> = [
      [[5], 1],
      [[2], 3],
      [[4, 4], 1],
      [[3, 5], 2],
      [[2, 6], 1],
      [[4, 4, 4], 1],
      [[2, 3, 4], 2],
      [[8, 4, 4], 1],
    ];
    for (const [dims, H] of cases) {
      const { topology, hosts } = build({ ...BASE, dims, hostsPerNode: H });
      const n = product(dims);
      // A ring of k ≥ 3 routers has k links; two routers have one.
      const ring = dims.reduce((a, k) => a + (n / k) * (k >= 3 ? k : 1), 0);
      expect(topology.nodeCount, JSON.stringify(dims)).toBe(n * (1 + H));
      expect(topology.channelCount, JSON.stringify(dims)).toBe(2 * (n * H + ring));
      expect(hosts).toHaveLength(n * H);
    }
    expect([2, 3, 7].map(torusRingLinks)).toEqual([1, 3, 7]);
  });

  it("names routers by coordinates (x fastest), wraps around, and hangs hosts n·H … n·H+H−1 on router n", () => {
    const { topology: t, hosts } = build({ ...BASE, dims: [4, 3, 2], hostsPerNode: 2, prefix: "t." });
    const linked = (a: string, b: string) => t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!) >= 0;
    // Router 11 = 3 + 4·(2 + 3·0) is r3_2_0; its hosts are h22 and h23.
    expect(hosts.slice(22, 24)).toEqual(["t.h22", "t.h23"]);
    expect(linked("t.h22", "t.r3_2_0") && linked("t.h23", "t.r3_2_0")).toBe(true);
    expect(linked("t.r3_2_0", "t.r0_2_0")).toBe(true); // x wraps 3 → 0
    expect(linked("t.r3_2_0", "t.r3_0_0")).toBe(true); // y wraps 2 → 0
    expect(linked("t.r3_2_0", "t.r3_2_1")).toBe(true); // z: the single link of a size-2 dimension
    expect(linked("t.r3_2_0", "t.r1_2_0")).toBe(false);
    expect(t.nodeKinds[t.nodeIndex.get("t.r3_2_0")!]).toBe("switch");
    // Every router has 2 links per dimension of size ≥ 3, 1 per dimension of size 2, plus its hosts.
    const r = t.nodeIndex.get("t.r1_1_1")!;
    expect(t.outStart[r + 1] - t.outStart[r]).toBe(2 + 2 + 1 + 2);
    // Tiers: host–router host-nic; router–router "direct" (the role the generator gives a direct network's links).
    expect(tierOf(t, t.channelBetween(t.nodeIndex.get("t.h22")!, t.nodeIndex.get("t.r3_2_0")!))).toBe("host-nic");
    expect(tierOf(t, t.channelBetween(t.nodeIndex.get("t.r3_2_0")!, t.nodeIndex.get("t.r0_2_0")!))).toBe("direct");
  });

  it("ECMP spreads a flow's choices over every minimal path, both ways round a ring on a tie", () => {
    // r0_0 to r2_2 in a 4 × 4 torus: 2 steps in x and 2 in y, each either way round (a tie
    // at k/2): 2 × 2 directions × C(4, 2) orders = 24 paths of 4 router hops.
    const { topology: t } = build(BASE);
    const router = new Router(t, "hops", 7);
    const paths = new Set<string>();
    for (let key = 0; key < 2000; key++) {
      const r = router.route(t.nodeIndex.get("h0")!, t.nodeIndex.get("h10")!, key)!;
      expect(r.nodes).toHaveLength(7);
      paths.add(Array.from(r.nodes).join(" "));
    }
    expect(paths.size).toBe(24);
    // r0_0 to r1_2 in a 4 × 4 torus: x has one way (+1), y a tie: 2 directions × C(3, 1) = 6.
    const six = new Set<string>();
    for (let key = 0; key < 600; key++) six.add(Array.from(router.route(t.nodeIndex.get("h0")!, t.nodeIndex.get("h9")!, key)!.nodes).join(" "));
    expect(six.size).toBe(6);
  });

  it("bisection bandwidth equals the least balanced cut found by trying every split, on small tori", () => {
    for (const dims of [[8], [2, 4], [4, 4], [2, 6], [3, 4], [6, 3], [4, 5], [2, 2, 2], [2, 2, 4], [4, 3, 2]]) {
      const spec = { ...BASE, dims, bandwidthBps: 1, hostBandwidthBps: 1e9 };
      const { topology } = build(spec);
      expect(torusBisectionBps(spec), JSON.stringify(dims)).toBe(minBalancedCutLinks(dims, routerLinks(topology, dims)));
    }
    expect(() => torusBisectionBps({ ...BASE, dims: [3, 5] })).toThrow(RangeError);
  });

  it("bisection bandwidth equals the max flow between the two halves of the longest even dimension, or half the hosts' links when those are narrower", () => {
    for (const [dims, hostGbps] of [
      [[8, 4, 4], 100],
      [[6, 5], 100],
      [[4, 4, 4], 10],
    ] as Array<[number[], number]>) {
      const spec = { ...BASE, dims, hostBandwidthBps: hostGbps * GBPS };
      const { topology: t, hosts } = build(spec);
      const n = product(dims);
      const k = dims[0];
      // The cut halves x (dims[0] is the longest even one in each case): 2 links per x-ring, n/k rings;
      // or, with 10 Gb/s hosts, half the hosts' links: n/2 × 10 Gb/s.
      const expected = Math.min((n / k) * 2 * 100 * GBPS, (n / 2) * hostGbps * GBPS);
      const side = hosts.map((_, i) => coords(dims, i)[0] < k / 2);
      const a = hosts.filter((_, i) => side[i]).map((h) => t.nodeIndex.get(h)!);
      const b = hosts.filter((_, i) => !side[i]).map((h) => t.nodeIndex.get(h)!);
      expect(torusBisectionBps(spec), JSON.stringify(dims)).toBe(expected);
      expect(maxFlowBps(t, a, b), JSON.stringify(dims)).toBe(expected);
    }
  });

  it("a permutation mirroring x across the bisection moves exactly 2 × the bisection bandwidth, whatever ECMP picks", () => {
    // Host at x sends to x' = k−1−x (same other coordinates, same host slot): every flow crosses
    // the cut once, at the middle or at the wrap-around, and both ways. A ring's two cut links
    // per direction carry all k/2 flows of that direction, and any other link on the way carries a
    // subset of one cut link's flows, so each cut link is full: 2 links × 2 directions × bandwidth
    // per ring, (N/k) rings — 2 × the bisection. With k = 6 the flow from x = 1 to 4 has a tie
    // (3 hops either way), which ECMP breaks by hash; the total does not depend on it.
    for (const [dims, H] of [
      [[8, 4], 1],
      [[6, 3], 1],
      [[4, 4, 4], 2],
      [[8, 4, 4], 1],
    ] as Array<[number[], number]>) {
      const spec = { ...BASE, dims, hostsPerNode: H };
      const { topology: t, hosts } = build(spec);
      const k = dims[0];
      const partner = (i: number) => {
        const router = Math.floor(i / H);
        const x = router % k;
        return (router - x + (k - 1 - x)) * H + (i % H);
      };
      const router = new Router(t, "hops", 3);
      const routes = hosts.map((h, i) => router.route(t.nodeIndex.get(h)!, t.nodeIndex.get(hosts[partner(i)])!, i)!);
      const total = sum(longFlowRates(t, routes));
      expect(total / (2 * torusBisectionBps(spec)), JSON.stringify(dims)).toBeCloseTo(1, 12);
      expect(total / ((product(dims) / k) * 2 * 2 * spec.bandwidthBps)).toBeCloseTo(1, 12);
    }
  });

  it("a shift by half the ring crosses the bisection too, and stays at or under the same bound", () => {
    const spec = { ...BASE, dims: [8, 4] };
    const { topology: t, hosts } = build(spec);
    const router = new Router(t, "hops", 3);
    const routes = hosts.map((h, i) => router.route(t.nodeIndex.get(h)!, t.nodeIndex.get(hosts[i - (i % 8) + ((i % 8) + 4) % 8])!, i)!);
    expect(sum(longFlowRates(t, routes))).toBeLessThanOrEqual(2 * torusBisectionBps(spec) * (1 + 1e-12));
  });

  it("is priced by capex as routers (kind switch) plus two ports per link: host-nic for hosts, direct between routers", () => {
    const dims = [8, 4, 2];
    const { topology } = build({ ...BASE, dims, hostsPerNode: 2 });
    const n = product(dims);
    // Router links: 8-rings and 4-rings have k links each, the size-2 dimension 1 per pair: n + n + n/2.
    const routerLinks = n + n + n / 2;
    const capex = { devicesUsd: { switch: 100 }, portsUsd: { "host-nic": 1, direct: 5 }, amortizationS: 1 };
    expect(capexUsd(topology, capex)).toBe(n * 100 + 2 * (n * 2 * 1 + routerLinks * 5));
  });

  it("rejects bad dimensions and host counts with the key they came from", () => {
    const fails = (spec: Partial<TorusSpec>, message: string) => expect(() => torus(new TopologyBuilder(), { ...BASE, ...spec })).toThrow(new InputError(message));
    fails({ dims: [] }, "torus.dims must list 1 to 3 sizes, found 0");
    fails({ dims: [2, 2, 2, 2] }, "torus.dims must list 1 to 3 sizes, found 4");
    fails({ dims: [4, 1] }, "torus.dims[1] must be an integer ≥ 2, found 1");
    fails({ hostsPerNode: 0 }, "torus.hostsPerNode must be an integer ≥ 1, found 0");
  });
});

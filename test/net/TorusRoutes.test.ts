// TorusRoutes against the router's own shortest paths: the same routes (ECMP choices, resources, latencies) on 1-, 2- and 3-D tori, with links down, latencies changed, policies and attachments.
import { describe, expect, it } from "vitest";
import { Router, type RoutingMetric } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { torus, type TorusSpec } from "../../src/net/torus.js";
import { TorusRoutes } from "../../src/net/TorusRoutes.js";
import { CountingRoutes, showRoute } from "./countingRoutes.js";

const spec = (dims: number[], hostsPerNode = 1): TorusSpec => ({ dims, hostsPerNode, bandwidthBps: 1e11, hostBandwidthBps: 5e10, latencyS: 1e-6 });

function build(s: TorusSpec, extra?: (b: TopologyBuilder) => void): Topology {
  const b = new TopologyBuilder();
  torus(b, s);
  extra?.(b);
  return b.build();
}

/** Every ordered pair (three flow keys each), or `limit` pseudo-random pairs when there are more. */
function* pairs(n: number, limit = 2_000): Generator<[number, number, number]> {
  if (n * n * 3 <= limit) {
    for (let s = 0; s < n; s++) for (let d = 0; d < n; d++) for (const key of [0, 77, 0x9e3779b9]) yield [s, d, key];
    return;
  }
  let x = 7;
  for (let i = 0; i < limit; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const s = x % n;
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    yield [s, x % n, i * 2654435761];
  }
}

/** Compare both routers over many pairs; returns how many TorusRoutes answered and the first difference ("" if none). */
function compare(t: Topology, mine: Router, counting: CountingRoutes, generic: Router): { answered: number; first: string; asked: number } {
  counting.answered = 0;
  let first = "";
  let asked = 0;
  for (const [s, d, key] of pairs(t.nodeCount)) {
    const [a, b] = [showRoute(mine.route(s, d, key)), showRoute(generic.route(s, d, key))];
    if (a !== b && !first) first = `${t.nodeIds[s]} → ${t.nodeIds[d]} key ${key}: got ${a}, expected ${b}`;
    if (s !== d) asked++;
  }
  return { answered: counting.answered, first, asked };
}

function routers(s: TorusSpec, metric: RoutingMetric, seed: number, t: Topology): { mine: Router; generic: Router; counting: CountingRoutes } {
  const mine = new Router(t, metric, seed);
  const counting = new CountingRoutes(new TorusRoutes(t, [s], metric));
  mine.fabricRoutes = counting;
  return { mine, generic: new Router(t, metric, seed), counting };
}

const TORI: Array<[string, TorusSpec]> = [
  ["1-D k=2", spec([2], 2)],
  ["1-D k=7 (odd)", spec([7])],
  ["1-D k=8 (even)", spec([8], 2)],
  ["2-D 4×3", spec([4, 3])],
  ["2-D 2×5 (k=2: one link)", spec([2, 5], 2)],
  ["2-D 6×6", spec([6, 6])],
  ["3-D 2×2×2", spec([2, 2, 2])],
  ["3-D 4×4×4, 2 hosts per router", spec([4, 4, 4], 2)],
  ["3-D 3×2×5", spec([3, 2, 5])],
];

describe("TorusRoutes against the router's shortest paths", () => {
  for (const [name, s] of TORI) {
    for (const metric of ["hops", "latency"] as RoutingMetric[]) {
      it(`${name}, ${metric}: the same routes for every pair, with a router link, a router and a host link down, up again, and a slower link`, () => {
        const t = build(s);
        const ringLink = (l: number) => t.channelRole[2 * l] !== 0;
        const links = t.channelCount / 2;
        const ring = Array.from({ length: links }, (_, l) => l).filter(ringLink);
        const hostLink = Array.from({ length: links }, (_, l) => l).find((l) => !ringLink(l))!;
        for (const seed of [0, 3]) {
          const { mine, generic, counting } = routers(s, metric, seed, t);
          const both = (f: (r: Router) => void) => [mine, generic].forEach(f);
          let c = compare(t, mine, counting, generic);
          expect(c.first).toBe("");
          // Intact: every pair of distinct nodes is the torus's to route.
          expect(c.answered).toBe(c.asked);
          // One ring link down: pairs with a minimal path over it go back to the tables, the others stay structural.
          const cut = ring[(seed * 5) % ring.length];
          both((r) => r.setLinkUsable(cut, false));
          c = compare(t, mine, counting, generic);
          expect(c.first).toBe("");
          expect(c.answered).toBeGreaterThan(0);
          // Router 1's every link down too (a node failure), and a host's link.
          const r1 = t.nodeIndex.get(`r${s.dims.map((_, d) => (d === 0 ? 1 : 0)).join("_")}`)!;
          const r1Links: number[] = [];
          for (let i = t.outStart[r1]; i < t.outStart[r1 + 1]; i++) r1Links.push(t.outChannels[i] >> 1);
          both((r) => {
            for (const l of r1Links) r.setLinkUsable(l, false);
            r.setLinkUsable(hostLink, false);
          });
          c = compare(t, mine, counting, generic);
          expect(c.first).toBe("");
          both((r) => {
            for (const l of [cut, hostLink, ...r1Links]) r.setLinkUsable(l, true);
          });
          c = compare(t, mine, counting, generic);
          expect(c.first).toBe("");
          expect(c.answered).toBe(c.asked);
          // A ring link slower: under latency its routes may differ from minimal ones (tables decide; with a
          // single ring link all are still equal); under hops only latencies change.
          both((r) => r.setLinkLatency(ring[ring.length - 1], 5e-6));
          c = compare(t, mine, counting, generic);
          expect(c.first).toBe("");
          if (metric === "hops" || ring.length === 1) expect(c.answered).toBe(c.asked);
          else expect(c.answered).toBe(0);
        }
      });
    }
  }

  it("follows the router's policy masks: forbidden routers off every minimal path keep structural routes", () => {
    for (const [, s] of TORI) {
      const t = build(s);
      for (const metric of ["hops", "latency"] as RoutingMetric[]) {
        const { mine, generic, counting } = routers(s, metric, 5, t);
        // A policy that forbids every fifth node (routers and hosts).
        const mask = Uint8Array.from({ length: t.nodeCount }, (_, n) => (n % 5 === 2 ? 0 : 1));
        const c = compare(t, mine.restricted(mask), counting, generic.restricted(mask));
        expect(c.first).toBe("");
      }
    }
    // On a 6×6 torus forbidding one router leaves most pairs structural.
    const s = spec([6, 6]);
    const t = build(s);
    const { mine, generic, counting } = routers(s, "hops", 1, t);
    const mask = new Uint8Array(t.nodeCount).fill(1);
    mask[t.nodeIndex.get("r2_3")!] = 0;
    const c = compare(t, mine.restricted(mask), counting, generic.restricted(mask));
    expect(c.first).toBe("");
    expect(c.answered).toBeGreaterThan(c.asked / 2);
    expect(c.answered).toBeLessThan(c.asked);
  });

  it("routes structurally with a storage node hung off one router, and not when something outside joins two of its nodes", () => {
    const s = spec([4, 4]);
    const cases: Array<[string, (b: TopologyBuilder) => void, boolean]> = [
      [
        "storage on r1_1",
        (b) => {
          b.addNode({ id: "store", kind: "storage" });
          b.addLink({ from: "store", to: "r1_1", bandwidthBps: 1e11, latencyS: 1e-6 });
        },
        true,
      ],
      [
        "a switch joining r0_0 and r2_2",
        (b) => {
          b.addNode({ id: "x", kind: "switch" });
          b.addLink({ from: "x", to: "r0_0", bandwidthBps: 1e11, latencyS: 1e-6 });
          b.addLink({ from: "x", to: "r2_2", bandwidthBps: 1e11, latencyS: 1e-6 });
        },
        false,
      ],
      ["a shortcut r0_0 – r2_2", (b) => b.addLink({ from: "r0_0", to: "r2_2", bandwidthBps: 1e11, latencyS: 1e-6 }), false],
      ["a host linked to a second router", (b) => b.addLink({ from: "h0", to: "r2_2", bandwidthBps: 1e11, latencyS: 1e-6 }), false],
    ];
    for (const [name, extra, structural] of cases) {
      const t = build(s, extra);
      for (const metric of ["hops", "latency"] as RoutingMetric[]) {
        const { mine, generic, counting } = routers(s, metric, 2, t);
        const c = compare(t, mine, counting, generic);
        expect(c.first, name).toBe("");
        expect(c.answered > 0, name).toBe(structural);
      }
    }
  });

  it("keeps at most fabricRouteLimit structural routes for sharing, with the same routes past the limit", () => {
    const s = spec([6, 6]);
    const t = build(s);
    const { mine, generic } = routers(s, "hops", 3, t);
    mine.fabricRouteLimit = 10;
    let distinct = 0;
    for (const [a, b, key] of pairs(t.nodeCount)) {
      expect(showRoute(mine.route(a, b, key))).toBe(showRoute(generic.route(a, b, key)));
      expect(mine.fabricRouteCount).toBeLessThanOrEqual(10);
      distinct = Math.max(distinct, mine.fabricRouteCount);
    }
    expect(distinct).toBe(10);
    // Within the limit, flows on one path share one Route.
    const r1 = mine.route(0, 20, 5);
    expect(mine.route(0, 20, 5)).toBe(r1);
  });
});


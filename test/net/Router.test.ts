// Router: shortest paths by hops or latency, per-flow ECMP, pinned paths, and zero-latency links that cannot make a route circle.
import { describe, expect, it } from "vitest";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

function topo(nodes: string[], links: Array<[string, string, number]>): Topology {
  const b = new TopologyBuilder();
  for (const id of nodes) b.addNode({ id });
  for (const [from, to, latencyS] of links) b.addLink({ from, to, bandwidthBps: 1e9, latencyS });
  return b.build();
}

const names = (t: Topology, nodes: Int32Array) => Array.from(nodes, (n) => t.nodeIds[n]);

describe("Router", () => {
  // a–b–d is 2 hops but 30 ms; a–c–e–d is 3 hops and 3 ms.
  const t = topo(["a", "b", "c", "d", "e"], [
    ["a", "b", 0.01],
    ["b", "d", 0.02],
    ["a", "c", 0.001],
    ["c", "e", 0.001],
    ["e", "d", 0.001],
  ]);
  const n = (id: string) => t.nodeIndex.get(id)!;

  it("takes the fewest hops by default and the least latency when asked", () => {
    expect(names(t, new Router(t).route(n("a"), n("d"), 0)!.nodes)).toEqual(["a", "b", "d"]);
    const r = new Router(t, "latency").route(n("a"), n("d"), 0)!;
    expect(names(t, r.nodes)).toEqual(["a", "c", "e", "d"]);
    expect(r.latencyS).toBeCloseTo(0.003, 15);
  });

  it("spreads flows over equal-cost paths and keeps each flow on one", () => {
    // Diamond s–{x, y}–t: two 2-hop paths.
    const d = topo(["s", "x", "y", "t"], [["s", "x", 0], ["s", "y", 0], ["x", "t", 0], ["y", "t", 0]]);
    const r = new Router(d, "hops", 7);
    const via = new Set<string>();
    for (let key = 0; key < 64; key++) {
      const p = names(d, r.route(0, 3, key)!.nodes);
      expect(p).toEqual(names(d, r.route(0, 3, key)!.nodes));
      via.add(p[1]);
    }
    expect([...via].sort()).toEqual(["x", "y"]);
  });

  it("knows a pair's route without a flow key once found, only when no flow could take another", () => {
    const r = new Router(t);
    expect(r.knownRoute(n("a"), n("d"))).toBeUndefined();
    const found = r.route(n("a"), n("d"), 5)!;
    expect(r.knownRoute(n("a"), n("d"))).toBe(found);
    expect(r.knownRoute(n("d"), n("a"))).toBeUndefined();
    // An ECMP pair (the diamond's s → t) is never known: each flow's key picks its path.
    const d = topo(["s", "x", "y", "t"], [["s", "x", 0], ["s", "y", 0], ["x", "t", 0], ["y", "t", 0]]);
    const e = new Router(d);
    for (let key = 0; key < 8; key++) e.route(0, 3, key);
    expect(e.knownRoute(0, 3)).toBeUndefined();
    // A split installed between two endpoints may change any flow's route: steer decides.
    r.splits.set(0, [], []);
    expect(r.knownRoute(n("a"), n("d"))).toBeUndefined();
  });

  it("never circles on zero-latency links under the latency metric", () => {
    // g0, g1 and sw are joined by 0 s links (an NVSwitch island); the only way out is sw–out (1 ms).
    // Latency ties everywhere inside the island: the route must still make progress, in the fewest hops.
    const z = topo(["g0", "g1", "sw", "out"], [["g0", "sw", 0], ["g1", "sw", 0], ["g0", "g1", 0], ["sw", "out", 0.001]]);
    const r = new Router(z, "latency").route(z.nodeIndex.get("g0")!, z.nodeIndex.get("out")!, 3)!;
    expect(names(z, r.nodes)).toEqual(["g0", "sw", "out"]);
    expect(r.latencyS).toBe(0.001);
  });

  it("returns null for an unreachable destination and names a missing hop of a pinned path", () => {
    const lone = topo(["a", "b", "c"], [["a", "b", 0]]);
    const r = new Router(lone);
    expect(r.route(0, 2, 0)).toBeNull();
    expect(r.pinned([0, 2])).toBe('no link between "a" and "c"');
  });

  describe("traffic-engineering endpoints, candidate paths, splicing and steering", () => {
    // Sites A (border A, host a) and B (border B, host b); WAN A–B 1 ms and A–X–B 2 + 2 ms; h outside sites.
    const site = (id: string) => ({ id, kind: "cloud", latDeg: 0, lonDeg: 0, country: "XX", jurisdiction: "XX", provider: "" });
    const b = new TopologyBuilder();
    b.addSite(site("A"));
    b.addSite(site("B"));
    b.addSite(site("X"));
    for (const [id, s] of [["A", "A"], ["a", "A"], ["B", "B"], ["b", "B"], ["X", "X"], ["h", undefined]] as const) b.addNode({ id, ...(s && { site: s }) });
    for (const [from, to, latencyS] of [["a", "A", 0], ["A", "B", 0.001], ["A", "X", 0.002], ["X", "B", 0.002], ["B", "b", 0], ["h", "A", 0.0005]] as const) {
      b.addLink({ from, to, bandwidthBps: 1e9, latencyS });
    }
    const w = b.build();
    const id = (x: string) => w.nodeIndex.get(x)!;
    const r = new Router(w, "latency", 1);

    it("maps a node in a site to its border and a node outside every site to itself", () => {
      expect(["a", "A", "b", "X", "h"].map((x) => w.nodeIds[r.teEndpoint(id(x))])).toEqual(["A", "A", "B", "X", "h"]);
    });

    it("lists the candidates between borders and splices one into a host-to-host route, latency and all", () => {
      const paths = r.candidatePaths(id("A"), id("B"), 3, Infinity);
      expect(paths.map((p) => p.nodes.map((n) => w.nodeIds[n]).join("-"))).toEqual(["A-B", "A-X-B"]);
      const base = r.route(id("a"), id("b"), 0)!;
      expect(names(w, base.nodes)).toEqual(["a", "A", "B", "b"]);
      const long = r.splice(base, id("A"), id("B"), paths[1])!;
      expect(names(w, long.nodes)).toEqual(["a", "A", "X", "B", "b"]);
      const hops = [["a", "A"], ["A", "X"], ["X", "B"], ["B", "b"]].map(([u, v]) => w.channelBetween(id(u), id(v)));
      expect(Array.from(long.resources)).toEqual(hops);
      expect(long.latencyS - base.latencyS).toBeCloseTo(0.003, 15);
      expect(r.splice(base, id("A"), id("B"), paths[1])).toBe(long);
      // A route that does not visit both endpoints in order cannot take the path.
      expect(r.splice(r.route(id("b"), id("a"), 0)!, id("A"), id("B"), paths[1])).toBeNull();
    });

    it("steers exactly like route without a split, and by the split with one, skipping paths the router sees as down", () => {
      const s = new Router(w, "latency", 1);
      expect(s.steer(id("a"), id("b"), 5)).toBe(s.route(id("a"), id("b"), 5));
      const paths = s.candidatePaths(id("A"), id("B"), 3, Infinity);
      s.splits.set(id("A") * w.nodeCount + id("B"), paths, [1, 1]);
      expect(names(w, s.steer(id("a"), id("b"), 5)!.nodes)).toEqual(["a", "A", "B", "b"]);
      expect(names(w, s.steer(id("a"), id("b"), 5)!.nodes)).toEqual(["a", "A", "X", "B", "b"]);
      s.setLinkUsable(w.channelBetween(id("A"), id("B")) >> 1, false);
      // The direct link is down: the route itself now goes by X, and the split's direct path is skipped.
      for (let i = 0; i < 3; i++) expect(names(w, s.steer(id("a"), id("b"), i)!.nodes)).toEqual(["a", "A", "X", "B", "b"]);
      // A flow from h (outside sites) to b is its own endpoint: no split for (h, B), its ECMP route.
      expect(names(w, s.steer(id("h"), id("b"), 0)!.nodes)).toEqual(["h", "A", "X", "B", "b"]);
    });
  });
});

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
});

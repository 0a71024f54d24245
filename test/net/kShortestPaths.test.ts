// kShortestPaths: Yen's k shortest loopless paths against a hand enumeration and against every simple path listed by brute force.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { comparePaths, kShortestPaths, type Path, type PathGraph } from "../../src/net/kShortestPaths.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

function topo(nodes: string[], links: Array<[string, string, number]>): Topology {
  const b = new TopologyBuilder();
  for (const id of nodes) b.addNode({ id });
  for (const [from, to, latencyS] of links) b.addLink({ from, to, bandwidthBps: 1e9, latencyS });
  return b.build();
}

function graph(t: Topology, options: { down?: number[]; allowed?: Uint8Array } = {}): PathGraph {
  const down = new Set(options.down ?? []);
  return { topology: t, costOf: (ch) => t.channelLatencyS[ch], usable: (ch) => !down.has(ch), allowed: options.allowed ?? null };
}

const names = (t: Topology, p: Path) => p.nodes.map((n) => t.nodeIds[n]).join("-");

/** Every simple path from src to dst by depth-first search, cost summed along it (the oracle). */
function allSimplePaths(g: PathGraph, src: number, dst: number): Path[] {
  const t = g.topology;
  const out: Path[] = [];
  const onPath = new Uint8Array(t.nodeCount);
  const walk = (u: number, nodes: number[], channels: number[], cost: number) => {
    if (u === dst) {
      out.push({ nodes: nodes.slice(), channels: channels.slice(), cost });
      return;
    }
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      const v = t.channelTo[ch];
      if (onPath[v] || !g.usable(ch) || (g.allowed && g.allowed[v] !== 1)) continue;
      onPath[v] = 1;
      nodes.push(v);
      channels.push(ch);
      walk(v, nodes, channels, cost + g.costOf(ch));
      nodes.pop();
      channels.pop();
      onPath[v] = 0;
    }
  };
  onPath[src] = 1;
  walk(src, [src], [], 0);
  return out.sort(comparePaths);
}

describe("kShortestPaths", () => {
  // s–a 1 ms, a–t 1 ms, s–b 2 ms, b–t 2 ms, a–b 0.5 ms. The simple s→t paths, by hand:
  //   s-a-t 2 ms; s-a-b-t 3.5 ms; s-b-a-t 3.5 ms (3 hops, ties with s-a-b-t: lower channels first); s-b-t 4 ms.
  const t = topo(["s", "a", "b", "t"], [
    ["s", "a", 0.001],
    ["a", "t", 0.001],
    ["s", "b", 0.002],
    ["b", "t", 0.002],
    ["a", "b", 0.0005],
  ]);
  const n = (id: string) => t.nodeIndex.get(id)!;

  it("lists the loopless paths in order of latency, as enumerated by hand", () => {
    const paths = kShortestPaths(graph(t), n("s"), n("t"), 10);
    expect(paths.map((p) => names(t, p))).toEqual(["s-a-t", "s-a-b-t", "s-b-a-t", "s-b-t"]);
    paths.forEach((p, i) => expect(p.cost).toBeCloseTo([0.002, 0.0035, 0.0035, 0.004][i], 15));
  });

  it("stops at k, and at the stretch bound (cost ≤ stretch × the shortest)", () => {
    expect(kShortestPaths(graph(t), n("s"), n("t"), 2).map((p) => names(t, p))).toEqual(["s-a-t", "s-a-b-t"]);
    // 1.75 × 2 ms = 3.5 ms keeps both 3.5 ms paths (equal within the tolerance), not the 4 ms one.
    expect(kShortestPaths(graph(t), n("s"), n("t"), 10, 1.75).map((p) => names(t, p))).toEqual(["s-a-t", "s-a-b-t", "s-b-a-t"]);
    expect(kShortestPaths(graph(t), n("s"), n("t"), 10, 1.7).map((p) => names(t, p))).toEqual(["s-a-t"]);
  });

  it("skips unusable channels and forbidden nodes, and is empty when the destination is cut off", () => {
    const at = t.channelBetween(n("a"), n("t"));
    expect(kShortestPaths(graph(t, { down: [at] }), n("s"), n("t"), 10).map((p) => names(t, p))).toEqual(["s-a-b-t", "s-b-t"]);
    const noA = Uint8Array.from(t.nodeIds, (id) => (id === "a" ? 0 : 1));
    expect(kShortestPaths(graph(t, { allowed: noA }), n("s"), n("t"), 10).map((p) => names(t, p))).toEqual(["s-b-t"]);
    const bt = t.channelBetween(n("b"), n("t"));
    expect(kShortestPaths(graph(t, { down: [at, bt] }), n("s"), n("t"), 10)).toEqual([]);
  });

  it("agrees with a brute-force list of every simple path on random graphs (costs, hops, order)", () => {
    const rng = seedrandom("ksp");
    for (let trial = 0; trial < 60; trial++) {
      const count = 4 + Math.floor(rng() * 5);
      const ids = Array.from({ length: count }, (_, i) => `n${i}`);
      const links: Array<[string, string, number]> = [];
      for (let i = 0; i < count; i++) {
        for (let j = i + 1; j < count; j++) {
          // Latencies from a few values, so equal costs (ties) happen often.
          if (rng() < 0.5) links.push([ids[i], ids[j], [0, 0.001, 0.002, 0.003][Math.floor(rng() * 4)]]);
        }
      }
      const g = topo(ids, links);
      const view = graph(g);
      const oracle = allSimplePaths(view, 0, count - 1);
      const k = 1 + Math.floor(rng() * 8);
      const got = kShortestPaths(view, 0, count - 1, k);
      expect(got.length).toBe(Math.min(k, oracle.length));
      // Yen may break exact ties differently; the costs and hops in order must match, and every path must be simple and real.
      got.forEach((p, i) => {
        expect(p.cost).toBeCloseTo(oracle[i].cost, 12);
        expect(p.channels.length).toBe(oracle[i].channels.length);
        expect(new Set(p.nodes).size).toBe(p.nodes.length);
        expect(oracle.some((o) => comparePaths(o, p) === 0)).toBe(true);
      });
      expect(new Set(got.map((p) => p.channels.join(","))).size).toBe(got.length);
    }
  });
});

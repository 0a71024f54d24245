// minMaxPath: among the shortest paths to a destination, the one whose largest cost is smallest (traffic engineering's choice).
import type { DistanceView } from "./DistanceView.js";
import type { Topology } from "./Topology.js";

/**
 * Among the shortest paths from `src` to `dst` in `view` (distances to `dst`; `src` must
 * reach it), the one whose largest `cost` is smallest: cost(r) for every channel r crossed
 * and for the through capacity of every node after the first. A channel is on a shortest
 * path when it is usable (`down[ch]` 0), `onShortestPath(du, dv, ch)` holds for its ends'
 * distances and, under latency, it takes one hop fewer. Ties go to the lower channel number
 * at the first hop where paths differ. Returns the path's nodes and channels.
 */
export function minMaxPath(
  t: Topology,
  view: DistanceView,
  src: number,
  dst: number,
  cost: (resource: number) => number,
  down: Uint8Array,
  onShortestPath: (du: number, dv: number, ch: number) => boolean,
): { nodes: number[]; channels: number[] } {
  const hops = view.hops;
  // best[u]: smallest bottleneck cost from u to dst over the shortest-path DAG; next[u]: its channel.
  const best = new Map<number, number>();
  const next = new Map<number, number>();
  best.set(dst, 0);
  const solve = (u: number): number => {
    const known = best.get(u);
    if (known !== undefined) return known;
    let b = Infinity;
    let pick = -1;
    const du = view.dist(u);
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      const v = t.channelTo[ch];
      if (down[ch] !== 0 || !onShortestPath(du, view.dist(v, du - 1), ch) || (hops && hops[v] !== hops[u] - 1)) continue;
      const nr = t.nodeCapacityResource[v];
      const c = Math.max(cost(ch), nr >= 0 ? cost(nr) : 0, solve(v));
      if (c < b || pick < 0) {
        b = c;
        pick = ch;
      }
    }
    best.set(u, b);
    next.set(u, pick);
    return b;
  };
  solve(src);
  const nodes = [src];
  const channels: number[] = [];
  for (let u = src; u !== dst; ) {
    const ch = next.get(u)!;
    channels.push(ch);
    u = t.channelTo[ch];
    nodes.push(u);
  }
  return { nodes, channels };
}

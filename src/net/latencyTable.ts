// latencyTable: the seconds of every node to a destination (Dijkstra) and the fewest hops among latency-shortest paths, as a DistanceTable.
import { EventQueue } from "../core/EventQueue.js";
import type { DistanceTable } from "./DistanceTable.js";
import { onLatencyShortestPath } from "./onLatencyShortestPath.js";
import type { Topology } from "./Topology.js";

/** Seconds of every node to `dst` over the usable channels (`down[ch]` 0, latencies `latencyS`) and `allowed` nodes (Dijkstra on the event queue), and the fewest hops among latency-shortest paths. */
export function latencyTable(topology: Topology, dst: number, down: Uint8Array, latencyS: Float64Array, allowed: Uint8Array | null): DistanceTable {
  const t = topology;
  const n = t.nodeCount;
  const d = new Float64Array(n).fill(Infinity);
  d[dst] = 0;
  const pq = new EventQueue(64);
  pq.push(0, dst);
  const done = new Uint8Array(n);
  while (pq.size > 0) {
    const u = pq.pop();
    if (done[u]) continue;
    done[u] = 1;
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      if (down[ch]) continue;
      const v = t.channelTo[ch];
      if (allowed && allowed[v] !== 1) continue;
      const nd = d[u] + latencyS[ch];
      if (nd < d[v]) {
        d[v] = nd;
        pq.push(nd, v);
      }
    }
  }
  // Fewest hops among latency-shortest paths (breadth-first over the shortest-path
  // subgraph; links are full duplex, so channel u→v has the latency of v→u).
  const h = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  h[dst] = 0;
  queue[tail++] = dst;
  while (head < tail) {
    const u = queue[head++];
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      const v = t.channelTo[ch];
      if (h[v] < 0 && !down[ch] && d[v] !== Infinity && onLatencyShortestPath(d[v], d[u], latencyS[ch])) {
        h[v] = h[u] + 1;
        queue[tail++] = v;
      }
    }
  }
  return { node: dst, dist: d, near: null, unreachable: Infinity, hops: h, level: Infinity, frontier: null };
}

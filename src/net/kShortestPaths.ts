// kShortestPaths: Yen's k shortest loopless paths between two nodes of a Topology, by a per-channel cost, ties to fewer hops.
import { EventQueue } from "../core/EventQueue.js";
import type { Topology } from "./Topology.js";

/** A loopless path: its nodes from source to destination, the directed channels between them, and its total cost. */
export interface Path {
  nodes: number[];
  channels: number[];
  /** Sum of the channels' costs (seconds for latency, links for hops). */
  cost: number;
}

/** What the search may use: a cost per directed channel, which channels are usable and which nodes may be visited. */
export interface PathGraph {
  topology: Topology;
  /** Cost of directed channel `channel`, ≥ 0. */
  costOf(channel: number): number;
  /** Whether directed channel `channel` may be used (not failed). */
  usable(channel: number): boolean;
  /** 1 for every node a path may visit; null: every node. */
  allowed: Uint8Array | null;
}

/** Two costs are equal when within this relative tolerance (the Router's own, so "equal-cost" means the same here and there). */
const TOLERANCE = 1e-12;

const sameCost = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The order of paths: by cost (equal within a relative 1e-12), then fewer hops, then the
 * channel numbers compared one by one (lower first). A total order, so the list of paths
 * is the same on every machine.
 */
export function comparePaths(a: Path, b: Path): number {
  if (!sameCost(a.cost, b.cost)) return a.cost - b.cost;
  if (a.channels.length !== b.channels.length) return a.channels.length - b.channels.length;
  for (let i = 0; i < a.channels.length; i++) if (a.channels[i] !== b.channels[i]) return a.channels[i] - b.channels[i];
  return 0;
}

/**
 * Up to `k` loopless paths from `src` to `dst` in increasing order ({@link comparePaths}),
 * keeping only paths whose cost is at most `stretch` × the shortest one's (within the
 * tolerance): Yen's algorithm (J. Y. Yen, "Finding the K Shortest Loopless Paths in a
 * Network", Management Science 17(11), 1971). Path i+1 is the best of the candidates made
 * by leaving path i at each of its nodes (the spur) by a channel no earlier path with the
 * same root takes there, continuing by a shortest path that avoids the root's nodes.
 * Empty when `dst` cannot be reached (or `src`/`dst` is not allowed); `[src]` alone when
 * src === dst.
 *
 * Cost: k × (path length) single-pair Dijkstra searches, each O(E log V).
 */
export function kShortestPaths(g: PathGraph, src: number, dst: number, k: number, stretch = Infinity): Path[] {
  if (src === dst) return [{ nodes: [src], channels: [], cost: 0 }];
  const n = g.topology.nodeCount;
  const blockedNodes = new Uint8Array(n);
  const blockedChannels = new Uint8Array(g.topology.channelCount);
  const first = shortestPath(g, src, dst, blockedNodes, blockedChannels);
  if (!first) return [];
  const found: Path[] = [first];
  const candidates: Path[] = [];
  const seen = new Set<string>([first.channels.join(",")]);
  const bound = first.cost * stretch;
  while (found.length < k) {
    const prev = found[found.length - 1];
    let rootCost = 0;
    for (let j = 0; j + 1 < prev.nodes.length; j++) {
      const spur = prev.nodes[j];
      // Block the next channel of every path found so far that shares this root, and the root's own nodes.
      for (const p of found) if (p.channels.length > j && sharesRoot(p, prev, j)) blockedChannels[p.channels[j]] = 1;
      for (let i = 0; i < j; i++) blockedNodes[prev.nodes[i]] = 1;
      const tail = shortestPath(g, spur, dst, blockedNodes, blockedChannels);
      blockedChannels.fill(0);
      blockedNodes.fill(0);
      if (tail) {
        const path: Path = {
          nodes: prev.nodes.slice(0, j).concat(tail.nodes),
          channels: prev.channels.slice(0, j).concat(tail.channels),
          cost: rootCost + tail.cost,
        };
        const key = path.channels.join(",");
        if (!seen.has(key)) {
          seen.add(key);
          candidates.push(path);
        }
      }
      rootCost += g.costOf(prev.channels[j]);
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (comparePaths(candidates[i], candidates[best]) < 0) best = i;
    const next = candidates.splice(best, 1)[0];
    // Paths come in increasing cost: the first beyond the stretch bound ends the list.
    if (next.cost > bound && !sameCost(next.cost, bound)) break;
    found.push(next);
  }
  return found;
}

/** Whether `p` and `q` take the same first `j` channels. */
function sharesRoot(p: Path, q: Path, j: number): boolean {
  for (let i = 0; i < j; i++) if (p.channels[i] !== q.channels[i]) return false;
  return true;
}

/**
 * Dijkstra from `src` to `dst` over usable, unblocked channels and allowed, unblocked nodes:
 * least cost, then fewest hops, then the lower channel into each node. Null when unreachable.
 */
function shortestPath(g: PathGraph, src: number, dst: number, blockedNodes: Uint8Array, blockedChannels: Uint8Array): Path | null {
  const t = g.topology;
  const n = t.nodeCount;
  const allowed = g.allowed;
  if (allowed && (allowed[src] !== 1 || allowed[dst] !== 1)) return null;
  const dist = new Float64Array(n).fill(Infinity);
  const hops = new Int32Array(n);
  const via = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const pq = new EventQueue(64);
  dist[src] = 0;
  pq.push(0, src);
  while (pq.size > 0) {
    const u = pq.pop();
    if (done[u]) continue;
    done[u] = 1;
    if (u === dst) break;
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      if (blockedChannels[ch] || !g.usable(ch)) continue;
      const v = t.channelTo[ch];
      if (done[v] || blockedNodes[v] || (allowed && allowed[v] !== 1)) continue;
      const d = dist[u] + g.costOf(ch);
      const h = hops[u] + 1;
      const better = dist[v] === Infinity || (sameCost(d, dist[v]) ? h < hops[v] || (h === hops[v] && ch < via[v]) : d < dist[v]);
      if (!better) continue;
      dist[v] = d;
      hops[v] = h;
      via[v] = ch;
      pq.push(d, v);
    }
  }
  if (!done[dst]) return null;
  const channels: number[] = [];
  for (let v = dst; v !== src; v = t.channelFrom[via[v]]) channels.push(via[v]);
  channels.reverse();
  const nodes = [src];
  for (const ch of channels) nodes.push(t.channelTo[ch]);
  return { nodes, channels, cost: dist[dst] };
}

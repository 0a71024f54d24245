// Test helpers for fabric generators: the max flow between two node sets of a topology (Edmonds–Karp), and max-min rates of long flows on their routes.
import { maxMinRates } from "../../src/net/maxMinRates.js";
import type { Route } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";

/**
 * The maximum flow from the nodes `sources` to the nodes `sinks` of `t` over its directed
 * channels (each its capacity), by Edmonds–Karp: shortest augmenting paths from a super
 * source linked to every source to a super sink linked from every sink, with unbounded
 * capacity on those added edges. By max-flow/min-cut it equals the least capacity of a
 * cut separating the two sets — an independent check of a bisection formula.
 */
export function maxFlowBps(t: Topology, sources: number[], sinks: number[]): number {
  const n = t.nodeCount + 2;
  const s = n - 2;
  const z = n - 1;
  const head: number[] = [];
  const to: number[] = [];
  const cap: number[] = [];
  const adj: number[][] = Array.from({ length: n }, () => []);
  const edge = (a: number, b: number, c: number) => {
    adj[a].push(to.length);
    to.push(b);
    cap.push(c);
    head.push(a);
    adj[b].push(to.length);
    to.push(a);
    cap.push(0);
    head.push(b);
  };
  for (let ch = 0; ch < t.channelCount; ch++) edge(t.channelFrom[ch], t.channelTo[ch], t.resourceCapacityBps[ch]);
  for (const v of sources) edge(s, v, Infinity);
  for (const v of sinks) edge(v, z, Infinity);
  let total = 0;
  const via = new Int32Array(n);
  for (;;) {
    via.fill(-1);
    const queue = [s];
    via[s] = -2;
    for (let i = 0; i < queue.length && via[z] === -1; i++) {
      const u = queue[i];
      for (const e of adj[u]) {
        if (cap[e] > 0 && via[to[e]] === -1) {
          via[to[e]] = e;
          queue.push(to[e]);
        }
      }
    }
    if (via[z] === -1) return total;
    let push = Infinity;
    for (let v = z; v !== s; v = head[via[v]]) push = Math.min(push, cap[via[v]]);
    for (let v = z; v !== s; v = head[via[v]]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
    total += push;
  }
}

/** Max-min rates (bytes/s) of long flows on `routes`, all active at once: the steady state the `maxmin` model reaches. */
export function longFlowRates(t: Topology, routes: Route[]): Float64Array {
  const starts = [0];
  const resources: number[] = [];
  for (const r of routes) {
    resources.push(...r.resources);
    starts.push(resources.length);
  }
  return maxMinRates({
    capacityBps: t.resourceCapacityBps,
    flowCount: routes.length,
    routeStart: Int32Array.from(starts),
    routeResources: Int32Array.from(resources),
  }).rateBps;
}

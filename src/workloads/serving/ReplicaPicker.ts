// ReplicaPicker: the load-balancing policies (round robin, least loaded, nearest) over a pool of replicas.
import type { WorkloadContext } from "../Workload.js";
import type { BalancePolicy } from "./ServingSpecs.js";

/** What the picker needs of a replica: where it is and how many requests it holds. */
export interface Balanced {
  readonly node: string;
  /** Requests assigned and not yet finished (travelling to it, queued or in service). */
  load: number;
}

/**
 * Picks a replica for each request:
 * - round-robin: replicas in turn, in pool order;
 * - least-loaded: fewest outstanding requests, ties to the earlier replica;
 * - nearest: lowest one-way route latency from the caller's node, then fewest hops, then
 *   least loaded, then pool order. Route costs come from `ctx.pathInfo` and are cached per caller node.
 */
export class ReplicaPicker<R extends Balanced> {
  private turn = 0;
  private readonly nearest = new Map<string, R[]>();

  constructor(
    private readonly replicas: readonly R[],
    private readonly policy: BalancePolicy,
  ) {}

  /** The replica for a request from `fromNode`. */
  pick(fromNode: string, ctx: WorkloadContext): R {
    const rs = this.replicas;
    if (this.policy === "round-robin") return rs[this.turn++ % rs.length];
    if (this.policy === "least-loaded") return leastLoaded(rs);
    return leastLoaded(this.nearestGroup(fromNode, ctx));
  }

  /** Replicas at the smallest (latency, hops) from `fromNode`. */
  private nearestGroup(fromNode: string, ctx: WorkloadContext): R[] {
    let near = this.nearest.get(fromNode);
    if (!near) {
      const costs = this.replicas.map((r) => ctx.pathInfo(fromNode, r.node));
      let best = 0;
      costs.forEach((c, i) => {
        const b = costs[best];
        if (c.latencyS < b.latencyS || (c.latencyS === b.latencyS && c.hops < b.hops)) best = i;
      });
      near = this.replicas.filter((_, i) => costs[i].latencyS === costs[best].latencyS && costs[i].hops === costs[best].hops);
      this.nearest.set(fromNode, near);
    }
    return near;
  }
}

function leastLoaded<R extends Balanced>(rs: readonly R[]): R {
  let best = rs[0];
  for (let i = 1; i < rs.length; i++) if (rs[i].load < best.load) best = rs[i];
  return best;
}

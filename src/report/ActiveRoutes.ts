// ActiveRoutes: a recorder's compact copy of the resources of the flows now draining, so a rate change reads a few hot bytes, not the flow's Route object.
import { grown } from "../core/grown.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";

/**
 * The resources of each flow with a rate, copied from `FlowNetwork.routeOf` when a rate
 * change first needs them and kept in one pool until the flow's rate drops to 0 (completion,
 * a stall, or leaving a route to be rerouted). A run with 10⁵ flows changes rates millions
 * of times; reading each flow's Route object then (one object per flow, spread over the
 * heap) was most of the recorders' cost, while the pool holds only the draining flows' routes,
 * next to each other. Cost: 8 bytes per flow ever started, 4 per resource of a draining route.
 *
 * Use: `const at = routes.offsetOf(flow)` then `routes.pool[at … at + routes.lengthOf(flow))`,
 * read before the next `offsetOf` (which may move the pool), and `release(flow)` once the
 * change is accounted when the new rate is 0.
 */
export class ActiveRoutes {
  /** The resources of the draining flows' routes. */
  pool = new Int32Array(1024);
  private used = 0;
  /** Per flow: offset of its resources in `pool` (−1: none held), and their number. */
  private offset = new Int32Array(0);
  private length = new Int32Array(0);
  /** Free stretches of the pool by length (routes have few distinct lengths). */
  private readonly free: number[][] = [];

  constructor(private readonly network: FlowNetwork) {}

  /** Offset in {@link pool} of `flow`'s resources, copied from its route now if not held. */
  offsetOf(flow: number): number {
    if (flow >= this.offset.length) {
      const n = Math.max(1024, flow + 1, this.offset.length * 2);
      this.offset = grown(this.offset, n, -1);
      this.length = grown(this.length, n);
    }
    const at = this.offset[flow];
    if (at >= 0) return at;
    const resources = this.network.routeOf(flow).resources;
    const n = resources.length;
    let to = this.free[n]?.pop();
    if (to === undefined) {
      to = this.used;
      this.used += n;
      if (this.used > this.pool.length) this.pool = grown(this.pool, Math.max(this.used, this.pool.length * 2));
    }
    this.pool.set(resources, to);
    this.offset[flow] = to;
    this.length[flow] = n;
    return to;
  }

  /** Number of resources of `flow`'s route (after {@link offsetOf}). */
  lengthOf(flow: number): number {
    return this.length[flow];
  }

  /** Give up `flow`'s copy (its rate is 0: its next rate may be on another route). */
  release(flow: number): void {
    const at = this.offset[flow];
    if (at < 0) return;
    const n = this.length[flow];
    (this.free[n] ??= []).push(at);
    this.offset[flow] = -1;
  }
}

// TcpRoutes: the tcp flows' own compact copy of their routes' resources, so the hot walks (RTTs, crossing lists) read a few dense bytes, not each flow's Route object.
import { grown } from "../../core/grown.js";

/**
 * The resources of each live tcp flow's route, copied into one pool when the flow starts (and
 * again when it is rerouted) and given back when it is done. The transport walks a flow's route
 * for its RTT every time a port tracking its window is re-judged, every round and every step:
 * hundreds of thousands of walks in a 20,000-flow run. Reading the Route object each time (one
 * per flow, spread over the heap, its resources a typed array of their own) cost a few dependent
 * cache misses per walk; the pool keeps the live flows' resources next to each other (as the
 * report recorders' ActiveRoutes do). Cost: 8 bytes per flow ever started, 4 per resource of a
 * live route.
 *
 * Use: `routes.pool[routes.offsetOf(f) … + routes.lengthOf(f))`, read before the next
 * {@link hold} (which may move the pool).
 */
export class TcpRoutes {
  /** The live flows' resources. */
  pool = new Int32Array(1024);
  private used = 0;
  /** Per flow: offset of its resources in {@link pool} (−1: none held), and their number. */
  private offset = new Int32Array(0);
  private length = new Int32Array(0);
  /** Free stretches of the pool by length (routes have few distinct lengths). */
  private readonly free: number[][] = [];

  /** Hold a copy of `resources` as flow `flow`'s route (giving back the one it held). */
  hold(flow: number, resources: Int32Array): void {
    if (flow >= this.offset.length) {
      const n = Math.max(1024, flow + 1, this.offset.length * 2);
      this.offset = grown(this.offset, n, -1);
      this.length = grown(this.length, n);
    }
    this.release(flow);
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
  }

  /** Offset in {@link pool} of flow `flow`'s resources (it holds them: {@link hold}). */
  offsetOf(flow: number): number {
    return this.offset[flow];
  }

  /** Number of resources of flow `flow`'s route. */
  lengthOf(flow: number): number {
    return this.length[flow];
  }

  /** Give back flow `flow`'s copy (it is done), if it holds one. */
  release(flow: number): void {
    if (flow >= this.offset.length) return;
    const at = this.offset[flow];
    if (at < 0) return;
    (this.free[this.length[flow]] ??= []).push(at);
    this.offset[flow] = -1;
  }
}

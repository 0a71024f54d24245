// CrossingLists: the loss-based tcp flows in avoidance crossing each port, bound there or not — lists linked through the places of the flows' routes.
import type { QueueState } from "../../net/queues/QueueState.js";
import type { ListPool } from "../../core/ListPool.js";
import { grown } from "../../core/grown.js";
import { TcpCc, type TcpFlowTable } from "./TcpFlowTable.js";

/**
 * Loss-based flows in avoidance crossing each port, bound there or not, in no order (an
 * overflow sorts them): its drops hit them too. A list linked through the places of the flows'
 * routes in the owner's pool of live routes: place `routes.offsetOf(f) + i` (hop i of flow f's
 * route) is on the list of the port there while `flow` holds f at it (-1: on none; a
 * route through the same port twice is on its list once), after `prev` and before
 * `next` of the same place, from `head[r]`. Going on and off touches a few numbers,
 * where per-port arrays were pushed, popped and patched (a core port's list holds dozens).
 * Kept by {@link LossPorts}, which walks a port's list at an overflow (`head`, `next`, `flow`:
 * read them, never write them, outside this class).
 */
export class CrossingLists {
  /** Each port's first place on its list (-1: none). */
  readonly head: Int32Array;
  /** The place after each place on its port's list (-1: the last). */
  next = new Int32Array(0);
  /** The place before each place on its port's list (-1: the first). */
  prev = new Int32Array(0);
  /** The flow each place is on its port's list for (-1: on none). */
  flow = new Int32Array(0);
  /** Per flow, 1 while it is on the crossing lists of its route's tracked ports ({@link cross}). */
  private onCrossing = new Uint8Array(0);
  /** Per flow on the crossing lists, `routes.offsetOf(f)` when it went on (its places, should a reroute move its route in the pool). */
  private crossBase = new Int32Array(0);

  constructor(
    private readonly queues: QueueState,
    private readonly channelCount: number,
    resourceCount: number,
    private readonly t: TcpFlowTable,
    private readonly routes: ListPool,
  ) {
    this.head = new Int32Array(resourceCount).fill(-1);
  }

  /** Flows the per-flow tables hold room for now (flows 0 … this − 1). */
  get flowCapacity(): number {
    return this.onCrossing.length;
  }

  /** Make room for flows 0 … `n` − 1 (kept when already there). */
  reserve(n: number): void {
    if (n > this.onCrossing.length) {
      this.onCrossing = grown(this.onCrossing, n);
      this.crossBase = grown(this.crossBase, n);
    }
  }

  /** The loss-based flows in avoidance crossing port `r` now, in flow order (a copy). */
  crossingOf(r: number): number[] {
    const list: number[] = [];
    for (let i = this.head[r]; i >= 0; i = this.next[i]) list.push(this.flow[i]);
    return list.sort((a, b) => a - b);
  }

  /**
   * Add flow `f` (< {@link flowCapacity}) to (or take it off) the lists of the ports of its route
   * where its window is tracked. Its route's resources are read in the owner's pool of live
   * routes (`routes`, which holds the flow's current route while it is live), not in its Route object.
   */
  cross(f: number, on: boolean): void {
    const s = this.t.slotOf[f];
    if ((this.onCrossing[f] === 1) === on) return;
    this.onCrossing[f] = on ? 1 : 0;
    const routes = this.routes;
    const from = routes.offsetOf(f);
    const to = from + routes.lengthOf(f);
    const res = routes.pool;
    if (this.flow.length < res.length) {
      this.next = grown(this.next, res.length, -1);
      this.prev = grown(this.prev, res.length, -1);
      this.flow = grown(this.flow, res.length, -1);
    }
    if (on) this.crossBase[f] = from;
    const { head, next, prev, flow } = this;
    const channels = this.channelCount;
    const dctcp = this.t.cc[s] === TcpCc.Dctcp;
    const k = this.queues.settings.ecnThresholdBytes;
    for (let i = from; i < to; i++) {
      const r = res[i];
      if (r >= channels || (dctcp && k[r] > 0)) continue;
      if (on) {
        const first = head[r];
        // A route through the same port twice puts the flow on its list once (it went on at the first pass: it is first there).
        if (first >= 0 && flow[first] === f) continue;
        flow[i] = f;
        prev[i] = -1;
        next[i] = first;
        if (first >= 0) prev[first] = i;
        head[r] = i;
      } else if (flow[i] === f) this.takeOff(r, i);
    }
  }

  /**
   * Flow `f` moved off a route over `oldResources` (a reroute): it leaves the lists of the old
   * route's ports, if it is on them. (The owner's pool holds the new route already: the old
   * one's places are where its route began when it went on the lists, hop by hop.)
   */
  leaveRoute(f: number, oldResources: Int32Array): void {
    if (f < this.onCrossing.length && this.onCrossing[f] === 1) {
      this.onCrossing[f] = 0;
      const base = this.crossBase[f];
      for (let i = 0; i < oldResources.length; i++) if (this.flow[base + i] === f) this.takeOff(oldResources[i], base + i);
    }
  }

  /** Take place `i` off port `r`'s list. */
  private takeOff(r: number, i: number): void {
    const p = this.prev[i];
    const n = this.next[i];
    if (p >= 0) this.next[p] = n;
    else this.head[r] = n;
    if (n >= 0) this.prev[n] = p;
    this.flow[i] = -1;
  }
}

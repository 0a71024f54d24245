// WindowCaps: the window-limited tcp flows in avoidance, per resource of their routes, whose caps (window / RTT now) follow the queues on their routes between their steps.
import type { ListPool } from "../../core/ListPool.js";
import type { Simulation } from "../../core/Simulation.js";
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueObserver } from "../../net/queues/QueueObserver.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { CrossingLists } from "./CrossingLists.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/**
 * A flow in congestion avoidance that its window limits is capped at w·packet / RTT now
 * ({@link AvoidanceSteps.applyWindow}, with w the window of its step), and its next step may be
 * up to 1,000 round trips on. Its RTT moves meanwhile when a queue on its route (or on the way
 * back of its ACKs) moves: this keeps each such flow on the lists of every resource of its route
 * ({@link CrossingLists}, from {@link hold} to {@link release}) with the window of its cap, and
 * when a resource's queueing delay changes (a {@link QueueObserver}) caps again the flows that
 * cross it or whose ACKs cross it, at the same window over their RTT now. A flow the network binds
 * is left as it is (its cap does not bind it; its next step reads the RTT). Each cap set asks
 * for a solve at this instant (FlowNetwork.setFlowCap: one for all of the instant's).
 * Cost: a walk of the flows on the changed resource's two lists (and of each one's route, for its
 * RTT) per change of a queueing delay; 13 bytes per flow and 12 per place of a live route.
 */
export class WindowCaps implements QueueObserver {
  /** The flows held, on the lists of every resource of their routes. */
  private readonly lists: CrossingLists;
  /** Per flow, the window (segments) of its cap while held; NaN while not. */
  private windowSegs = new Float64Array(0);
  /** Per flow while held, the earliest time it is capped again: one round trip after its cap was last set (see {@link mark}). */
  private nextS = new Float64Array(0);
  /** Per flow, the pending event that caps it again at `nextS`, or -1. */
  private timer = new Int32Array(0);
  /** The simulation's event kind of a deferred cap ({@link due}). */
  private readonly kindDue: number;
  /** The flows marked to be capped again at the end of the queues' recomputation ({@link queuesSettled}): the first `dirtyCount`. */
  private dirty = new Int32Array(64);
  private dirtyCount = 0;
  /** Per resource, its queueing delay when this last looked (a change of queue that leaves it moves no RTT). */
  private readonly delaySeenS: Float64Array;

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channels: number,
    resourceCount: number,
    private readonly t: TcpFlowTable,
    /** The live flows' routes (TcpRoutes.held). */
    private readonly routes: ListPool,
    /** The RTT now of a flow (TcpRoutes.rttNow). */
    private readonly rttNow: (f: number) => number,
  ) {
    this.lists = new CrossingLists(queues, channels, resourceCount, t, routes, true);
    this.delaySeenS = new Float64Array(resourceCount);
    queues.observe(this);
    this.kindDue = sim.registerHandler((f) => this.due(f));
  }

  /** Make room for flows 0 … `n` − 1 (kept when already there). */
  reserve(n: number): void {
    if (n > this.windowSegs.length) {
      this.windowSegs = grown(this.windowSegs, n, NaN);
      this.nextS = grown(this.nextS, n, NaN);
      this.timer = grown(this.timer, n, -1);
      this.lists.reserve(n);
    }
  }

  /** Flow `f` is capped now at `w` segments over its RTT now (`rttS`): keep its cap there as the RTT moves. */
  hold(f: number, w: number, rttS: number): void {
    if (f >= this.windowSegs.length) this.reserve(Math.max(1024, f + 1, 2 * this.windowSegs.length));
    this.windowSegs[f] = w;
    this.lists.cross(f, true);
    this.cancel(f);
    this.nextS[f] = this.sim.nowS + rttS;
  }

  /** Flow `f`'s cap is no longer its window's over its RTT (lifted, set otherwise, or its flow done): let it be. */
  release(f: number): void {
    if (f >= this.windowSegs.length || Number.isNaN(this.windowSegs[f])) return;
    this.windowSegs[f] = NaN;
    this.lists.cross(f, false);
    this.cancel(f);
  }

  /** Flow `f` moved off a route over `oldResources` (the pool holds its new route already): released (its reroute caps it again). */
  rerouted(f: number, oldResources: Int32Array): void {
    if (f >= this.windowSegs.length || Number.isNaN(this.windowSegs[f])) return;
    this.windowSegs[f] = NaN;
    this.lists.leaveRoute(f, oldResources);
    this.cancel(f);
  }

  /** Cancel flow `f`'s deferred cap, if any. */
  private cancel(f: number): void {
    if (this.timer[f] >= 0) {
      this.sim.cancel(this.timer[f]);
      this.timer[f] = -1;
    }
  }

  /** @inheritdoc */
  queueChanged(r: number, _sawtooth: unknown, nowS: number): void {
    const d = this.queues.delayS(r);
    if (d === this.delaySeenS[r]) return;
    this.delaySeenS[r] = d;
    const { head, next, flow } = this.lists;
    // Those crossing r, then (a channel) those whose ACKs cross it: their routes cross its reverse.
    for (let i = head[r]; i >= 0; i = next[i]) this.mark(flow[i], nowS);
    if (r < this.channels) for (let i = head[r ^ 1]; i >= 0; i = next[i]) this.mark(flow[i], nowS);
  }

  /**
   * Held flow `f` crosses a queue that moved: cap it again once the queues are all recomputed,
   * or, within one round trip of its cap's last setting, at the end of that round trip. A window
   * is what a flow sends per round trip: its ACKs bring a queue's change back one round trip
   * later, and a queue that moves and moves back within it moves the flow's rate over the round
   * trip by the time-average only — the law's own time step, below which a cap that followed
   * every move would be finer than what it models (and each such cap moves the flow's rate,
   * the shares at its ports and so their queues, at the same instant: a loop).
   */
  private mark(f: number, nowS: number): void {
    if (this.timer[f] >= 0) return;
    if (nowS < this.nextS[f]) {
      this.timer[f] = this.sim.schedule(this.nextS[f], this.kindDue, f);
      return;
    }
    // Capped again at the end of the recomputations: not again within a round trip.
    this.nextS[f] = Infinity;
    if (this.dirtyCount === this.dirty.length) this.dirty = grown(this.dirty, 2 * this.dirty.length + 64);
    this.dirty[this.dirtyCount++] = f;
  }

  /** Flow `f`'s deferred cap is due: cap it at its window over its RTT now. */
  private due(f: number): void {
    this.timer[f] = -1;
    if (!Number.isNaN(this.windowSegs[f])) this.capAgain(f);
  }

  /**
   * Every queue that moved has been recomputed (the end of a solve's recomputations, or one queue
   * set outside a solve): cap the flows marked again at their windows over their RTTs now — the
   * queues' state at the end of the instant's recomputations, not one read half way through them. A flow is capped again at
   * most once per instant: its new rate moves the ACK load and the shares at its ports, which
   * may move a queue on its route again, and again, at the same instant (a loop of solves that
   * a DCTCP run met); a later move at the instant waits for the next one, or its step.
   */
  /** @inheritdoc */
  queuesSettled(): void {
    const n = this.dirtyCount;
    if (n === 0) return;
    this.dirtyCount = 0;
    const dirty = this.dirty;
    for (let i = 0; i < n; i++) {
      const f = dirty[i];
      // Released (or finished) since it was marked: its cap is not its window's any more.
      if (f < this.windowSegs.length && !Number.isNaN(this.windowSegs[f])) this.capAgain(f);
    }
  }

  /** Cap held flow `f` at its window over its RTT now (as AvoidanceSteps.applyWindow), unless the network binds it; not again within that RTT ({@link mark}). */
  private capAgain(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    // Bound by the network, its cap does not bind it: nothing to set, and a later move may cap it at once.
    if (this.queues.boundAt(f) >= 0) {
      this.nextS[f] = this.sim.nowS;
      return;
    }
    const rtt = this.rttNow(f);
    this.nextS[f] = this.sim.nowS + rtt;
    this.network.setFlowCap(f, Math.min(t.userCapBps[s], t.windowBytes[s] / rtt, (this.windowSegs[f] * t.packetBytes[s]) / rtt));
  }
}

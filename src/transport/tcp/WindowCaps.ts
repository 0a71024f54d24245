// WindowCaps: the window-limited tcp flows in avoidance, per resource of their routes, whose caps (window / RTT now) follow the queues on their routes between their steps.
import type { ListPool } from "../../core/ListPool.js";
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
  /** Per flow, when this last capped it again (once per instant: see {@link capAgain}). */
  private cappedAtS = new Float64Array(0);
  /** Per resource, its queueing delay when this last looked (a change of queue that leaves it moves no RTT). */
  private readonly delaySeenS: Float64Array;

  constructor(
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
  }

  /** Make room for flows 0 … `n` − 1 (kept when already there). */
  reserve(n: number): void {
    if (n > this.windowSegs.length) {
      this.windowSegs = grown(this.windowSegs, n, NaN);
      this.cappedAtS = grown(this.cappedAtS, n, NaN);
      this.lists.reserve(n);
    }
  }

  /** Flow `f` is capped now at `w` segments over its RTT now: keep its cap there as the RTT moves. */
  hold(f: number, w: number): void {
    if (f >= this.windowSegs.length) this.reserve(Math.max(1024, f + 1, 2 * this.windowSegs.length));
    this.windowSegs[f] = w;
    this.lists.cross(f, true);
  }

  /** Flow `f`'s cap is no longer its window's over its RTT (lifted, set otherwise, or its flow done): let it be. */
  release(f: number): void {
    if (f >= this.windowSegs.length || Number.isNaN(this.windowSegs[f])) return;
    this.windowSegs[f] = NaN;
    this.lists.cross(f, false);
  }

  /** Flow `f` moved off a route over `oldResources` (the pool holds its new route already): released (its reroute caps it again). */
  rerouted(f: number, oldResources: Int32Array): void {
    if (f >= this.windowSegs.length || Number.isNaN(this.windowSegs[f])) return;
    this.windowSegs[f] = NaN;
    this.lists.leaveRoute(f, oldResources);
  }

  /** @inheritdoc */
  queueChanged(r: number, _sawtooth: unknown, nowS: number): void {
    const d = this.queues.delayS(r);
    if (d === this.delaySeenS[r]) return;
    this.delaySeenS[r] = d;
    const { head, next, flow } = this.lists;
    // Those crossing r, then (a channel) those whose ACKs cross it: their routes cross its reverse.
    for (let i = head[r]; i >= 0; i = next[i]) this.capAgain(flow[i], nowS);
    if (r < this.channels) for (let i = head[r ^ 1]; i >= 0; i = next[i]) this.capAgain(flow[i], nowS);
  }

  /**
   * Cap held flow `f` at its window over its RTT now (as AvoidanceSteps.applyWindow), unless the
   * network binds it, or this capped it again at this instant already: its new rate moves the
   * ACK load and the shares at its ports, which may move a queue on its route again, and again,
   * at the same instant (a loop of solves that a DCTCP run met); a later move at the instant
   * waits for the next one, or its step.
   */
  private capAgain(f: number, nowS: number): void {
    if (this.queues.boundAt(f) >= 0 || this.cappedAtS[f] === nowS) return;
    this.cappedAtS[f] = nowS;
    const t = this.t;
    const s = t.slotOf[f];
    const rtt = this.rttNow(f);
    this.network.setFlowCap(f, Math.min(t.userCapBps[s], t.windowBytes[s] / rtt, (this.windowSegs[f] * t.packetBytes[s]) / rtt));
  }
}

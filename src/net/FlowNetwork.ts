// FlowNetwork: flows in time — latency first, then draining at max-min rates that change as flows come and go.
import { grown } from "../core/grown.js";
import type { Simulation } from "../core/Simulation.js";
import { DrainingSlots } from "./DrainingSlots.js";
import type { Route } from "./Router.js";
import type { FlowObserver } from "./FlowObserver.js";
import { FlowObserverLists } from "./FlowObserverLists.js";
import type { FlowOptions } from "./FlowOptions.js";
import type { SharingEngine } from "./SharingEngine.js";

/**
 * Lifecycle of a flow: in flight (latency), active (draining), done (last byte delivered),
 * failed (given up: its destination became unreachable; see {@link FlowNetwork.fail}).
 */
export const FlowState = { InFlight: 1, Active: 2, Done: 3, Failed: 4 } as const;
/** One of the {@link FlowState} values. */
export type FlowState = (typeof FlowState)[keyof typeof FlowState];

/**
 * The time-aware network: starts flows, advances their remaining bytes lazily (only when
 * their rate changes), and keeps one completion event per active flow, moved only when
 * the sharing engine reports that the flow's rate changed.
 *
 * Timing (docs/design.md, the `maxmin` model): a flow of S bytes started at t0 on a route of
 * one-way latency L spends L in flight without using bandwidth, then drains at its current
 * max-min rate; alone at bottleneck B it finishes at exactly t0 + L + S/B.
 *
 * Engine updates are batched: any number of arrivals and departures at one instant cause
 * one solve, scheduled as an event at the same time (after those already queued).
 *
 * Per-flow state is struct-of-arrays indexed by flow id (ids are never reused, so reports
 * can index by them); about 70 bytes per flow plus its route. What a rate change reads and
 * writes of a draining flow lives apart, in a record per live slot ({@link DrainingSlots}).
 *
 * Dynamics: {@link setCapacity} changes a resource (0 for a failed link: its flows stall
 * at rate 0) and {@link capacityOf} reads the capacity in force (its one owner);
 * {@link reroute} moves a live flow with its remaining bytes to a new route (paying the
 * new route's latency again: the bytes restart on a new path), and {@link fail} gives a
 * live flow up. Neither changes a flow's id or start time.
 */
export class FlowNetwork {
  private cap = 0;
  private count = 0;
  private state = new Uint8Array(0);
  private sizeBytes = new Float64Array(0);
  private startS = new Float64Array(0);
  /** Bytes left of a flow that is not draining (wire bytes in flight; banked when it left; 0 once done); a draining flow's are in its slot. */
  private remainingBytes = new Float64Array(0);
  /** Draining flows' remaining bytes, rate, last banking and completion event (while in flight, {@link event} holds the activation). */
  private readonly live = new DrainingSlots();
  private finishS = new Float64Array(0);
  private event = new Int32Array(0);
  private weight = new Float64Array(0);
  private capBps = new Float64Array(0);
  private startDelayS = new Float64Array(0);
  private readonly routes: Route[] = [];
  private readonly callbacks: Array<((flow: number) => void) | undefined> = [];
  /** The observers, by callback ({@link FlowObserverLists}), and the rate changes handed to them. */
  private readonly observers = new FlowObserverLists();
  private readonly kindActivate: number;
  private readonly kindComplete: number;
  private readonly kindSolve: number;
  private solvePending = false;
  private activeCount = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly engine: SharingEngine,
  ) {
    this.kindActivate = sim.registerHandler((f) => this.activate(f));
    this.kindComplete = sim.registerHandler((f) => this.complete(f));
    this.kindSolve = sim.registerHandler(() => this.solve());
    this.grow(1024);
  }

  /** Subscribe an observer. */
  observe(observer: FlowObserver): void {
    this.observers.add(observer);
  }

  /**
   * Make room for flows 0 … `n` − 1 at once (kept when already there): a transport that knows
   * how many flows its workloads start (tcp: one per workload at least) sizes the network's
   * per-flow arrays with its own, where {@link startFlow} doubles them from 1,024 as flows come
   * (copying them, and a path its compiled code — and the transport's start it was inlined
   * into — was thrown away for at the 1,025th flow).
   */
  reserveFlows(n: number): void {
    if (n > this.cap) this.grow(n);
  }

  /** Number of flows ever started. */
  get flowCount(): number {
    return this.count;
  }

  /** Flows currently draining. */
  get activeFlows(): number {
    return this.activeCount;
  }

  /** Start a flow of `sizeBytes` along `route` now; returns its id. */
  startFlow(route: Route, sizeBytes: number, options: FlowOptions = {}): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const f = this.count++;
    const now = this.sim.nowS;
    this.state[f] = FlowState.InFlight;
    this.sizeBytes[f] = sizeBytes;
    this.startS[f] = now;
    this.remainingBytes[f] = options.wireBytes ?? sizeBytes;
    this.finishS[f] = NaN;
    this.event[f] = -1;
    this.weight[f] = options.weight ?? 1;
    this.capBps[f] = options.capBps ?? Infinity;
    this.routes[f] = route;
    this.callbacks[f] = options.onComplete;
    const started = this.observers.started;
    for (let i = 0; i < started.length; i++) started[i](f, now);
    const delayS = options.startDelayS;
    this.startDelayS[f] = delayS ?? 0;
    // While in flight, event[f] holds the activation, so a reroute or failure can cancel it.
    this.event[f] = this.sim.schedule(delayS ? now + delayS + route.latencyS : now + route.latencyS, this.kindActivate, f);
    return f;
  }

  /** Change a resource's capacity now (rates are re-solved at this instant); 0 stalls its flows. */
  setCapacity(resource: number, capacityBps: number): void {
    const old = this.engine.capacityOf(resource);
    this.engine.setCapacity(resource, capacityBps);
    for (const o of this.observers.all) o.capacityChanged?.(resource, old, capacityBps, this.sim.nowS);
    this.requestSolve();
  }

  /**
   * The capacity in force of a resource now, bytes/s: the topology's as built until a
   * {@link setCapacity} (a scenario event: degradation, upgrade, failure at 0) changes it.
   * The one source of this value during a run: controllers and reports read it here, never
   * from a copy taken when the network was built.
   */
  capacityOf(resource: number): number {
    return this.engine.capacityOf(resource);
  }

  /** Whether a flow is still to be delivered (in flight or active). */
  isLive(flow: number): boolean {
    const s = this.state[flow];
    return s === FlowState.InFlight || s === FlowState.Active;
  }

  /**
   * Move a live flow to `route` now, carrying its remaining bytes: it leaves its old route
   * (rate reported r → 0 there), spends the new route's latency in flight, then drains on
   * the new route. Its id, size, start time, weight, cap and callback are kept. An
   * in-flight flow restarts its latency on the new route (a pending start delay is dropped).
   */
  reroute(flow: number, route: Route): void {
    if (!this.isLive(flow)) throw new Error(`FlowNetwork.reroute: flow ${flow} is not live`);
    const now = this.sim.nowS;
    this.leave(flow, now);
    const old = this.routes[flow];
    this.routes[flow] = route;
    this.state[flow] = FlowState.InFlight;
    this.event[flow] = this.sim.schedule(now + route.latencyS, this.kindActivate, flow);
    for (const o of this.observers.all) o.flowRerouted?.(flow, old, now);
  }

  /**
   * Move an in-flight flow's first byte `byS` later: its start delay grows by `byS` (a
   * transport's set-up took longer, e.g. a lost SYN waited out its timeout) and it activates at
   * start + delay + latency, the same sum {@link startFlow} schedules. A negative `byS` moves it
   * earlier (a set-up found shorter queues than first reckoned); the new time must not be past.
   * Returns that time (when its first byte arrives and it activates).
   */
  postponeStart(flow: number, byS: number): number {
    if (this.state[flow] !== FlowState.InFlight || this.event[flow] < 0) throw new Error(`FlowNetwork.postponeStart: flow ${flow} is not in flight`);
    this.startDelayS[flow] += byS;
    const activeS = this.startS[flow] + this.startDelayS[flow] + this.routes[flow].latencyS;
    this.sim.reschedule(this.event[flow], activeS);
    return activeS;
  }

  /**
   * Give a live flow up now: it stops (rate reported r → 0), is marked failed with its
   * remaining bytes undelivered, and its completion callback is dropped (never called).
   */
  fail(flow: number): void {
    if (!this.isLive(flow)) throw new Error(`FlowNetwork.fail: flow ${flow} is not live`);
    const now = this.sim.nowS;
    this.leave(flow, now);
    this.state[flow] = FlowState.Failed;
    this.callbacks[flow] = undefined;
    for (const o of this.observers.all) o.flowFailed?.(flow, now);
  }

  /** Bytes of a flow not yet delivered, as of now (its wire bytes until it starts draining). */
  remainingOf(flow: number): number {
    if (this.state[flow] !== FlowState.Active) return this.state[flow] === FlowState.Done ? 0 : this.remainingBytes[flow];
    return this.live.remainingAt(this.live.slotOf[flow], this.sim.nowS);
  }

  /** Take a live flow off its route: cancel its pending event and, if draining, bank its progress and leave the engine. */
  private leave(f: number, now: number): void {
    const h = this.event[f];
    if (h >= 0) this.sim.cancel(h);
    this.event[f] = -1;
    if (this.state[f] !== FlowState.Active) return;
    const live = this.live;
    const s = live.slotOf[f];
    const done = live.int[(s << 3) | 6];
    if (done >= 0) this.sim.cancel(done);
    const old = live.num[(s << 2) | 1];
    this.remainingBytes[f] = live.bank(s, now);
    live.free(f, s);
    this.engine.removeFlow(f);
    this.activeCount--;
    this.observers.tellRate(f, old, 0, -1, now);
    this.requestSolve();
  }

  /**
   * Change a live (in-flight or active) flow's sharing weight now: a transport whose weight
   * follows the route (maxmin-rtt, after a reroute) sets it here.
   */
  setFlowWeight(flow: number, weight: number): void {
    if (!this.isLive(flow)) throw new Error(`FlowNetwork.setFlowWeight: flow ${flow} is not live`);
    this.weight[flow] = weight;
    if (this.state[flow] === FlowState.Active) {
      this.engine.setFlowWeight(flow, weight);
      this.requestSolve();
    }
  }

  /**
   * Change an active or in-flight flow's rate cap now; rates are re-solved at this instant
   * unless the engine says the new cap cannot move them (SharingEngine.setFlowCap).
   */
  setFlowCap(flow: number, capBps: number): void {
    this.capBps[flow] = capBps;
    if (this.state[flow] === FlowState.Active && this.engine.setFlowCap(flow, capBps)) this.requestSolve();
  }

  /** Lifecycle state of a flow. */
  stateOf(flow: number): FlowState {
    return this.state[flow] as FlowState;
  }
  /** Route of a flow. */
  routeOf(flow: number): Route {
    return this.routes[flow];
  }
  /** Size of a flow in bytes. */
  sizeOf(flow: number): number {
    return this.sizeBytes[flow];
  }
  /** Start time of a flow, seconds. */
  startOf(flow: number): number {
    return this.startS[flow];
  }
  /** Time the last byte was delivered (NaN while unfinished), seconds. */
  finishOf(flow: number): number {
    return this.finishS[flow];
  }
  /** Current rate of a flow, bytes/s (0 unless it is draining). */
  rateOf(flow: number): number {
    return this.live.rateOf(flow);
  }
  /** Seconds between a flow's request and its first byte leaving (a transport's handshake and queueing), 0 for none. */
  startDelayOf(flow: number): number {
    return this.startDelayS[flow];
  }
  /** Rate cap of a flow (Infinity for none), bytes/s. */
  capOf(flow: number): number {
    return this.capBps[flow];
  }
  /** Sharing weight of a flow: as it started (1 unless the flow was given one), or as {@link setFlowWeight} last set it. */
  weightOf(flow: number): number {
    return this.weight[flow];
  }

  private activate(f: number): void {
    const now = this.sim.nowS;
    this.event[f] = -1;
    // Nothing to drain, or nothing to share (a route with no resources and no cap, e.g.
    // src = dst on a node without capacity): the last byte arrives with the first.
    if (this.remainingBytes[f] <= 0 || (this.routes[f].resources.length === 0 && this.capBps[f] === Infinity)) {
      this.finish(f, now);
      return;
    }
    this.state[f] = FlowState.Active;
    this.live.take(f, this.remainingBytes[f], now);
    this.activeCount++;
    this.observers.changes.reserve(this.activeCount);
    this.engine.addFlow(f, this.routes[f].resources, this.weight[f], this.capBps[f]);
    this.requestSolve();
    const activated = this.observers.activated;
    for (let i = 0; i < activated.length; i++) activated[i](f, now);
  }

  private complete(f: number): void {
    const now = this.sim.nowS;
    const s = this.live.slotOf[f];
    this.engine.removeFlow(f);
    this.activeCount--;
    const old = this.live.num[(s << 2) | 1];
    this.live.free(f, s);
    this.remainingBytes[f] = 0;
    this.observers.tellRate(f, old, 0, -1, now);
    this.finish(f, now);
    this.requestSolve();
  }

  private finish(f: number, now: number): void {
    this.state[f] = FlowState.Done;
    this.finishS[f] = now;
    const completed = this.observers.completed;
    for (let i = 0; i < completed.length; i++) completed[i](f, now);
    const cb = this.callbacks[f];
    if (cb) {
      this.callbacks[f] = undefined;
      cb(f);
    }
  }

  /**
   * Ask for a solve at this instant, after the events already queued for it (at most one is
   * pending at a time); every observer's `solved` runs at its end. Transports that judge what
   * happened at one instant as a whole (bursts meeting at a port) do it there.
   */
  requestSolve(): void {
    if (this.solvePending) return;
    this.solvePending = true;
    this.sim.schedule(this.sim.nowS, this.kindSolve, 0);
  }

  private solve(): void {
    this.solvePending = false;
    const now = this.sim.nowS;
    const n = this.engine.solve();
    const changed = this.engine.changedFlows();
    const observers = this.observers;
    const changes = observers.changes;
    changes.nowS = now;
    const rateObservers = observers.rate;
    // No flow takes a slot during this loop (flows activate in events of their own), so the records stay where they are.
    const live = this.live;
    const { slotOf, num, int } = live;
    for (let i = 0; i < n; i++) {
      const f = changed[i];
      // Draining (Active) exactly when it holds a live slot.
      const s = slotOf[f];
      if (s < 0) continue;
      const old = num[(s << 2) | 1];
      const rem = live.bank(s, now);
      const r = this.engine.changedRateBps(i);
      num[(s << 2) | 1] = r;
      const done = r > 0 ? now + rem / r : Infinity;
      const h = int[(s << 3) | 6];
      if (done === Infinity) {
        if (h >= 0) this.sim.cancel(h);
        int[(s << 3) | 6] = -1;
      } else if (h >= 0) this.sim.reschedule(h, done);
      else int[(s << 3) | 6] = this.sim.schedule(done, this.kindComplete, f);
      const bottleneck = this.engine.changedBottleneck(i);
      const k = changes.count++;
      changes.flows[k] = f;
      changes.oldRatesBps[k] = old;
      changes.newRatesBps[k] = r;
      changes.bottlenecks[k] = bottleneck;
      for (let j = 0; j < rateObservers.length; j++) rateObservers[j].rateChanged(changes, k);
    }
    if (changes.count > 0) observers.tellChanges();
    const solved = observers.solved;
    for (let i = 0; i < solved.length; i++) solved[i](now);
  }

  private grow(n: number): void {
    this.state = grown(this.state, n);
    this.event = grown(this.event, n);
    this.sizeBytes = grown(this.sizeBytes, n);
    this.startS = grown(this.startS, n);
    this.remainingBytes = grown(this.remainingBytes, n);
    this.live.growFlows(n);
    this.finishS = grown(this.finishS, n);
    this.weight = grown(this.weight, n);
    this.capBps = grown(this.capBps, n);
    this.startDelayS = grown(this.startDelayS, n);
    this.cap = n;
  }
}

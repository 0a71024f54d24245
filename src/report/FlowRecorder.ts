// FlowRecorder: per-flow ideal times and the bottleneck that bound each flow longest, recorded from the network's rate changes; flows.csv from them (FlowRows).
import { grown } from "../core/grown.js";
import { FlowState, type FlowNetwork } from "../net/FlowNetwork.js";
import type { FlowObserver } from "../net/FlowObserver.js";
import type { RateChanges } from "../net/RateChanges.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { FlowBounds, type FlowBoundsState } from "./FlowBounds.js";
import type { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";
import { FlowRows } from "./FlowRows.js";

/** The bottlenecks of flows 0 … `flows` − 1 as kept in another thread ({@link FlowBounds} there), handed over after the run. */
export interface FlowBoundsHandOver {
  state: FlowBoundsState;
  flows: number;
}
/** The `status` of a flow in flows.csv: delivered, given up (destination unreachable after a failure), or still live at the end of the run. */
export type FlowStatus = "done" | "failed" | "unfinished";

/**
 * Observes a {@link FlowNetwork} and records, per flow, its ideal completion time and
 * which bottleneck bound it for how long. Subscribes itself on construction; create it
 * before the first flow starts.
 *
 * Attribution: the time between two rate changes of a flow goes to the bottleneck the
 * engine reported at the first of them (a resource id, or the flow's own cap). A change
 * of bottleneck that comes without a change of rate is not reported by the engine and so
 * not seen here. The final r → 0 change at completion closes the flow's last interval.
 *
 * Ideal completion time (`ideal_fct_s`): the time the flow would take alone under the best
 * conditions it was offered, L + S / B, where L is the smallest one-way latency of the
 * routes it had and B the largest rate a route it was on offered it at any moment of its
 * life: min(the cap it was started with, the capacity in force — FlowNetwork.capacityOf — of
 * every resource on that route). Its rate never exceeds B (a transport only ever lowers a
 * flow's cap) and it always pays at least L in flight (the latency of its last route), so
 * its completion time is at least the ideal: slowdown ≥ 1, also after a reroute or a
 * capacity event. Without events or reroutes this is latency + size ÷ the route's
 * bottleneck capacity (or cap) at its start. A capacity rise scans the live flows once
 * (cheap for the handful of events a scenario has); a reroute updates only its flow.
 *
 * Cost: 16 bytes per flow (best rate; least latency), a map entry per flow started with a
 * cap, and the bottlenecks' {@link FlowBounds} (20 bytes per flow and 24 per (flow, bottleneck)
 * for the flows bound by more than one), in typed arrays. The bottlenecks are kept from the
 * rate changes either here or, when the run's link accounting goes to a worker thread, in that
 * worker from the same records (`boundsElsewhere`: FlowBounds there, handed over after the
 * run), which takes their per-change work off the simulation's thread.
 *
 * `labels[flow]` is the flow's user-facing id in flows.csv (the flow number when missing);
 * the array is read only when rows are written, so callers may fill it as flows start.
 */
export class FlowRecorder implements FlowObserver {
  private capacity = 0;
  /** Which bottleneck bound each flow for how long (kept here, or taken from {@link boundsElsewhere} at first use). */
  private bounds: FlowBounds;
  /** Largest rate a route offered the flow over its life: min(cap, capacities in force on it), bytes/s (see the class doc). */
  private bestRateBps = new Float64Array(0);
  /** Smallest one-way latency of the routes the flow had, seconds. */
  private leastLatencyS = new Float64Array(0);
  /** The cap each flow was started with, for the few flows started with one (a transport may change the cap in force later). */
  private readonly requestedCapBps = new Map<number, number>();
  /** The rows of flows.csv. */
  private readonly csv: FlowRows;
  private finished = 0;
  private failed = 0;
  private lastFinish = 0;
  private horizon = 0;

  /**
   * `boundsElsewhere`: the bottlenecks are kept from the same rate changes in another thread,
   * and this gives them once the run is over (it throws before); this recorder then takes no
   * rate changes (it does not observe them).
   */
  constructor(
    private readonly network: FlowNetwork,
    topology: Topology,
    labels: readonly string[],
    private boundsElsewhere?: () => FlowBoundsHandOver,
  ) {
    this.csv = new FlowRows(this, network, topology, labels);
    this.bounds = new FlowBounds();
    this.grow(1024);
    if (!boundsElsewhere) {
      network.observe(this);
      return;
    }
    network.observe({
      flowStarted: (flow, nowS) => this.flowStarted(flow, nowS),
      flowRerouted: (flow, oldRoute, nowS) => this.flowRerouted(flow, oldRoute, nowS),
      capacityChanged: (resource, oldBps, newBps, nowS) => this.capacityChanged(resource, oldBps, newBps, nowS),
      flowFailed: (flow, nowS) => this.flowFailed(flow, nowS),
      flowCompleted: (flow, nowS) => this.flowCompleted(flow, nowS),
    });
  }

  /** @inheritdoc */
  flowStarted(flow: number, nowS: number): void {
    if (flow >= this.capacity) this.grow(Math.max(flow + 1, this.capacity * 2));
    if (!this.boundsElsewhere) this.bounds.started(flow, nowS);
    const route = this.network.routeOf(flow);
    const capBps = this.network.capOf(flow);
    if (capBps < Infinity) this.requestedCapBps.set(flow, capBps);
    this.bestRateBps[flow] = this.offeredRateBps(flow, route);
    this.leastLatencyS[flow] = route.latencyS;
  }

  /** @inheritdoc */
  flowRerouted(flow: number, _oldRoute: Route, _nowS: number): void {
    const route = this.network.routeOf(flow);
    const rateBps = this.offeredRateBps(flow, route);
    if (rateBps > this.bestRateBps[flow]) this.bestRateBps[flow] = rateBps;
    if (route.latencyS < this.leastLatencyS[flow]) this.leastLatencyS[flow] = route.latencyS;
  }

  /** @inheritdoc */
  capacityChanged(resource: number, oldCapacityBps: number, newCapacityBps: number, _nowS: number): void {
    // Only a rise can offer a live flow more than it was offered before.
    if (!(newCapacityBps > oldCapacityBps)) return;
    const net = this.network;
    for (let f = 0; f < net.flowCount; f++) {
      if (!net.isLive(f)) continue;
      const route = net.routeOf(f);
      if (!route.resources.includes(resource)) continue;
      const rateBps = this.offeredRateBps(f, route);
      if (rateBps > this.bestRateBps[f]) this.bestRateBps[f] = rateBps;
    }
  }

  /** The rate `route` offers `flow` now: min(the cap it was started with, the capacity in force of every resource on it). */
  private offeredRateBps(flow: number, route: Route): number {
    let rateBps = this.requestedCapBps.get(flow) ?? Infinity;
    for (const r of route.resources) rateBps = Math.min(rateBps, this.network.capacityOf(r));
    return rateBps;
  }

  /** @inheritdoc */
  ratesChanged(changes: RateChanges): void {
    this.bounds.ratesChanged(changes, this.network);
  }

  /** @inheritdoc */
  flowFailed(_flow: number, _nowS: number): void {
    this.failed++;
  }

  /** Number of flows given up (see FlowNetwork.fail). */
  get failedCount(): number {
    return this.failed;
  }

  /** A flow's status for flows.csv. */
  statusOf(flow: number): FlowStatus {
    const s = this.network.stateOf(flow);
    return s === FlowState.Done ? "done" : s === FlowState.Failed ? "failed" : "unfinished";
  }

  /** @inheritdoc */
  flowCompleted(_flow: number, nowS: number): void {
    this.finished++;
    if (nowS > this.lastFinish) this.lastFinish = nowS;
  }

  /**
   * Add `headers` to flows.csv, filled from `cells(flow)` when rows are written (numbers
   * formatted like every other cell; empty cells where it returns undefined). Transport models
   * add theirs (tcp: handshake_s, slow_start_s, queueing_s, retransmits, timeouts), so runs
   * that use none keep the plain columns.
   */
  addColumns(headers: readonly string[], cells: (flow: number) => Array<number | string> | undefined): void {
    this.csv.addColumns(headers, cells);
  }

  /** Set the end of the run: unfinished flows are bound by their current bottleneck until `endS`. */
  finish(endS: number): void {
    this.horizon = endS;
  }

  /** Number of flows whose last byte was delivered. */
  get finishedCount(): number {
    return this.finished;
  }

  /** Time of the last completion (0 if none), seconds. */
  get lastFinishS(): number {
    return this.lastFinish;
  }

  /** Ideal completion time of a flow (alone, under the best conditions it was offered: see the class doc), seconds. */
  idealFctOf(flow: number): number {
    const size = this.network.sizeOf(flow);
    const latencyS = this.leastLatencyS[flow];
    return size > 0 ? latencyS + size / this.bestRateBps[flow] : latencyS;
  }

  /**
   * The bottleneck that bound a flow longest: a resource id, {@link CAP_BOUND}, or
   * {@link NEVER_ACTIVE}. Ties go to the one that bound it first.
   */
  bottleneckOf(flow: number): number {
    return this.kept().bottleneckOf(flow, this.network.finishOf(flow), this.horizon);
  }

  /**
   * Call `fn(resource, seconds)` for every bottleneck that bound `flow` (a resource id or
   * {@link CAP_BOUND}), with how long: from activation to completion, or to the end of the
   * run for an unfinished flow. Nothing for a flow that never moved a byte.
   */
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void {
    this.kept().forEachBound(flow, this.network.finishOf(flow), this.horizon, fn);
  }

  /** The bottlenecks, taken over from the other thread at the first call when they were kept there (the flows it never heard of never drained). */
  private kept(): FlowBounds {
    const elsewhere = this.boundsElsewhere;
    if (elsewhere) {
      const handed = elsewhere();
      this.boundsElsewhere = undefined;
      const bounds = new FlowBounds(handed.state);
      const net = this.network;
      for (let f = handed.flows; f < net.flowCount; f++) bounds.started(f, net.startOf(f));
      this.bounds = bounds;
    }
    return this.bounds;
  }

  /** The rows of flows.csv (see {@link FLOW_CSV_HEADERS}), in flow-id order, as text cells. */
  rows(): Generator<string[]> {
    return this.csv.rows();
  }

  /** Write flows.csv to `path`, each cell formatted once straight into the file (see CsvWriter). */
  writeCsv(path: string): Promise<void> {
    return this.csv.writeCsv(path);
  }

  private grow(n: number): void {
    this.bestRateBps = grown(this.bestRateBps, n);
    this.leastLatencyS = grown(this.leastLatencyS, n);
    this.capacity = n;
  }
}

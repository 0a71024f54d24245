// FlowRecorder: per-flow ideal times and the bottleneck that bound each flow longest, recorded from the network's rate changes; flows.csv from them (FlowRows).
import { grown } from "../core/grown.js";
import { FlowState, type FlowNetwork, type FlowObserver } from "../net/FlowNetwork.js";
import type { RateChanges } from "../net/RateChanges.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { BoundTimeLists } from "./BoundTimeLists.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";
import { FlowRows } from "./FlowRows.js";

/** Layout of a flow's values in FlowRecorder's `state`: since when its current bottleneck binds (s), first bound-time entry. */
const SINCE_S = 0;
const TIMES = 1;
const STRIDE = 2;
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
 * Cost: 36 bytes per flow (current bottleneck; since-time and first bound-time entry side by
 * side; best rate; least latency), a map entry per flow started with a cap, and 24 bytes per
 * (flow, bottleneck) for the flows that are ever bound by more than one bottleneck, reserved
 * three at a time (72 bytes for a flow bound by two or three), in typed
 * arrays (a flow bound by one bottleneck only needs no per-bottleneck times: that one bound
 * it longest). A rate change reads the flow's current bottleneck, and only when that changes
 * (or the flow completes) its since-time and entry, side by side in one 16-byte record.
 *
 * `labels[flow]` is the flow's user-facing id in flows.csv (the flow number when missing);
 * the array is read only when rows are written, so callers may fill it as flows start.
 */
export class FlowRecorder implements FlowObserver {
  private capacity = 0;
  /**
   * Per flow, its current (or only) bottleneck (NEVER_ACTIVE before its first rate), apart from
   * {@link state}: two thirds of rate changes leave a flow's bottleneck as it was (k=16 fat-tree,
   * web-search), and need read only this, 4 bytes per flow, where the draining flows' values —
   * the recent flow numbers — stay in the cache.
   */
  private current = new Int32Array(0);
  /**
   * Per flow, {@link STRIDE} doubles: when its current bottleneck started binding (seconds), and
   * its first bound-time entry (−1 while it has been bound by one bottleneck only).
   */
  private state = new Float64Array(0);
  /** Largest rate a route offered the flow over its life: min(cap, capacities in force on it), bytes/s (see the class doc). */
  private bestRateBps = new Float64Array(0);
  /** Smallest one-way latency of the routes the flow had, seconds. */
  private leastLatencyS = new Float64Array(0);
  /** The cap each flow was started with, for the few flows started with one (a transport may change the cap in force later). */
  private readonly requestedCapBps = new Map<number, number>();
  /** Seconds per bottleneck of the flows bound by two or more, a list per flow (its first entry in {@link state}). */
  private readonly lists = new BoundTimeLists();
  /** The rows of flows.csv. */
  private readonly csv: FlowRows;
  private finished = 0;
  private failed = 0;
  private lastFinish = 0;
  private horizon = 0;

  constructor(
    private readonly network: FlowNetwork,
    topology: Topology,
    labels: readonly string[],
  ) {
    this.csv = new FlowRows(this, network, topology, labels);
    this.grow(1024);
    network.observe(this);
  }

  /** @inheritdoc */
  flowStarted(flow: number, nowS: number): void {
    if (flow >= this.capacity) this.grow(Math.max(flow + 1, this.capacity * 2));
    const o = flow * STRIDE;
    this.current[flow] = NEVER_ACTIVE;
    this.state[o + SINCE_S] = nowS;
    this.state[o + TIMES] = -1;
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
    const nowS = changes.nowS;
    const { flows, newRatesBps, bottlenecks } = changes;
    const st = this.state;
    const cur = this.current;
    for (let k = 0, n = changes.count; k < n; k++) {
      const flow = flows[k];
      const bottleneck = bottlenecks[k];
      const current = cur[flow];
      // The same bottleneck as before (never NEVER_ACTIVE), and not an r → 0 that may be the completion: nothing to record.
      if (bottleneck === current && (bottleneck !== CAP_BOUND || newRatesBps[k] !== 0)) continue;
      // r → 0 with no bottleneck is the completion (unless a zero cap really binds).
      const completing = newRatesBps[k] === 0 && bottleneck === CAP_BOUND && this.network.capOf(flow) !== 0;
      const o = flow * STRIDE;
      if (current === NEVER_ACTIVE) {
        if (completing) continue;
        cur[flow] = bottleneck;
        st[o + SINCE_S] = nowS;
        continue;
      }
      const times = st[o + TIMES];
      if (completing) {
        // A flow bound by one bottleneck keeps its since-time: it was bound from then to its finish.
        if (times >= 0) {
          this.lists.add(times, current, nowS - st[o + SINCE_S]);
          st[o + SINCE_S] = nowS;
        }
        continue;
      }
      if (bottleneck === current) continue;
      const boundS = nowS - st[o + SINCE_S];
      if (times >= 0) this.lists.add(times, current, boundS);
      else if (boundS > 0) st[o + TIMES] = this.lists.create(current, boundS);
      cur[flow] = bottleneck;
      st[o + SINCE_S] = nowS;
    }
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
    const o = flow * STRIDE;
    const times = this.state[o + TIMES];
    const current = this.current[flow];
    if (times < 0) return current;
    const open = Number.isNaN(this.network.finishOf(flow)) ? Math.max(0, this.horizon - this.state[o + SINCE_S]) : 0;
    return this.lists.longest(times, current, open, NEVER_ACTIVE);
  }

  /**
   * Call `fn(resource, seconds)` for every bottleneck that bound `flow` (a resource id or
   * {@link CAP_BOUND}), with how long: from activation to completion, or to the end of the
   * run for an unfinished flow. Nothing for a flow that never moved a byte.
   */
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void {
    const o = flow * STRIDE;
    const current = this.current[flow];
    if (current === NEVER_ACTIVE) return;
    const finish = this.network.finishOf(flow);
    const open = Math.max(0, (Number.isNaN(finish) ? this.horizon : finish) - this.state[o + SINCE_S]);
    const times = this.state[o + TIMES];
    if (times < 0) {
      fn(current, open);
      return;
    }
    this.lists.forEach(times, current, Number.isNaN(finish), open, fn);
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
    this.current = grown(this.current, n);
    this.state = grown(this.state, n * STRIDE);
    this.bestRateBps = grown(this.bestRateBps, n);
    this.leastLatencyS = grown(this.leastLatencyS, n);
    this.capacity = n;
  }
}

// FlowRecorder: per-flow completion times, ideal times and the bottleneck that bound each flow longest; writes flows.csv.
import { grown } from "../core/grown.js";
import { FlowState, type FlowNetwork, type FlowObserver } from "../net/FlowNetwork.js";
import type { RateChanges } from "../net/RateChanges.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { CellArray, writeWith, type CellSink } from "./CsvWriter.js";
import { clampSlowdown } from "./roundoff.js";

/** Bottleneck value of a flow that never drained (zero-size, or still in flight). */
export const NEVER_ACTIVE = -2;
/** Bottleneck value of a flow bound by its own rate cap (as reported by the engine). */
export const CAP_BOUND = -1;

/** Columns of flows.csv, in order. */
export const FLOW_CSV_HEADERS = [
  "id",
  "src",
  "dst",
  "size_bytes",
  "start_s",
  "finish_s",
  "fct_s",
  "ideal_fct_s",
  "slowdown",
  "mean_rate_gbps",
  "bottleneck",
  "status",
] as const;

/** Layout of a flow's values in FlowRecorder's `state`: since when its current bottleneck binds (s), first bound-time entry. */
const SINCE_S = 0;
const TIMES = 1;
const STRIDE = 2;
/** Layout of a bound-time entry in FlowRecorder's `entries`: bottleneck, seconds, next entry (−1: none). */
const ENTRY_BOTTLENECK = 0;
const ENTRY_SECONDS = 1;
const ENTRY_NEXT = 2;
/** Entries a new list reserves side by side (its first and the next two appended), so a walk of up to three reads adjacent memory. */
const LIST_BLOCK = 3;
/** The bottleneck of a reserved entry not yet in its list (bottlenecks are resource ids ≥ 0 or CAP_BOUND). */
const FREE_ENTRY = -3;

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
  /**
   * Seconds per bottleneck of the flows bound by two or more, as a linked list per flow in
   * the order the bottlenecks first bound it: entry i is (bottleneck, seconds, next entry or −1)
   * at entries[3i … 3i + 2], side by side. A flow's entries are made at different times, so a
   * list reserves {@link LIST_BLOCK} adjacent entries when it is made and takes the next free one
   * of them for each entry appended (beyond them, a new block): a walk of a list of up to
   * three reads one stretch of 72 bytes instead of an entry far from the last at each step.
   */
  private entries = new Float64Array(3 * 256);
  private entryCount = 0;
  /** Extra columns (a transport model's), each group with the function giving a flow's cells (undefined: empty cells). */
  private readonly extra: Array<{ headers: readonly string[]; cells: (flow: number) => Array<number | string> | undefined }> = [];
  /** Names of the resources written as bottlenecks so far, by resource id (each name built once, not once per flow). */
  private readonly names = new Map<number, string>();
  private finished = 0;
  private failed = 0;
  private lastFinish = 0;
  private horizon = 0;

  constructor(
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    private readonly labels: readonly string[],
  ) {
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
          this.addBound(times, current, nowS - st[o + SINCE_S]);
          st[o + SINCE_S] = nowS;
        }
        continue;
      }
      if (bottleneck === current) continue;
      const boundS = nowS - st[o + SINCE_S];
      if (times >= 0) this.addBound(times, current, boundS);
      else if (boundS > 0) st[o + TIMES] = this.newList(current, boundS);
      cur[flow] = bottleneck;
      st[o + SINCE_S] = nowS;
    }
  }

  /** Add `seconds` to `bottleneck`'s entry in the list starting at entry `first`, appending one if it has none (as Map.set(b, (get(b) ?? 0) + s)). */
  private addBound(first: number, bottleneck: number, seconds: number): void {
    const entries = this.entries;
    let e = first;
    for (;;) {
      if (entries[3 * e + ENTRY_BOTTLENECK] === bottleneck) {
        entries[3 * e + ENTRY_SECONDS] += seconds;
        return;
      }
      const next = entries[3 * e + ENTRY_NEXT];
      if (next < 0) break;
      e = next;
    }
    // The entry after the last, when it is a free one of the list's block; else a new block.
    const spare = e + 1;
    if (spare % LIST_BLOCK !== 0 && entries[3 * spare + ENTRY_BOTTLENECK] === FREE_ENTRY) {
      this.setEntry(spare, bottleneck, 0 + seconds);
      entries[3 * e + ENTRY_NEXT] = spare;
      return;
    }
    const added = this.newList(bottleneck, 0 + seconds);
    this.entries[3 * e + ENTRY_NEXT] = added;
  }

  /** The first entry (bottleneck, seconds) of a new block of {@link LIST_BLOCK} (the others free); returns its index. */
  private newList(bottleneck: number, seconds: number): number {
    const e = this.entryCount;
    this.entryCount += LIST_BLOCK;
    if (3 * this.entryCount > this.entries.length) this.entries = grown(this.entries, Math.max(2 * this.entries.length, 3 * this.entryCount));
    this.setEntry(e, bottleneck, seconds);
    for (let i = 1; i < LIST_BLOCK; i++) this.entries[3 * (e + i) + ENTRY_BOTTLENECK] = FREE_ENTRY;
    return e;
  }

  /** Make entry `e` (bottleneck, seconds), last of its list. */
  private setEntry(e: number, bottleneck: number, seconds: number): void {
    const o = 3 * e;
    this.entries[o + ENTRY_BOTTLENECK] = bottleneck;
    this.entries[o + ENTRY_SECONDS] = seconds;
    this.entries[o + ENTRY_NEXT] = -1;
  }

  /** Whether the list starting at entry `first` has an entry for `bottleneck`. */
  private hasEntry(first: number, bottleneck: number): boolean {
    for (let e = first; e >= 0; e = this.entries[3 * e + ENTRY_NEXT]) if (this.entries[3 * e + ENTRY_BOTTLENECK] === bottleneck) return true;
    return false;
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
    this.extra.push({ headers, cells });
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
    let best = NEVER_ACTIVE;
    let bestS = -1;
    for (let e = times; e >= 0; e = this.entries[3 * e + ENTRY_NEXT]) {
      const b = this.entries[3 * e + ENTRY_BOTTLENECK];
      const s = this.entries[3 * e + ENTRY_SECONDS];
      const total = b === current ? s + open : s;
      if (total > bestS) {
        best = b;
        bestS = total;
      }
    }
    if (!this.hasEntry(times, current) && open > bestS) best = current;
    return best;
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
    const unfinished = Number.isNaN(finish);
    for (let e = times; e >= 0; e = this.entries[3 * e + ENTRY_NEXT]) {
      const b = this.entries[3 * e + ENTRY_BOTTLENECK];
      const sec = this.entries[3 * e + ENTRY_SECONDS];
      fn(b, b === current && unfinished ? sec + open : sec);
    }
    if (unfinished && !this.hasEntry(times, current)) fn(current, open);
  }

  /** The rows of flows.csv (see {@link FLOW_CSV_HEADERS}), in flow-id order, as text cells. */
  *rows(): Generator<string[]> {
    const sink = new CellArray();
    for (let f = 0; f < this.network.flowCount; f++) {
      this.cells(f, sink);
      yield sink.take();
    }
  }

  /** Write flows.csv to `path`, each cell formatted once straight into the file (see CsvWriter). */
  writeCsv(path: string): Promise<void> {
    const headers = [...FLOW_CSV_HEADERS, ...this.extra.flatMap((g) => g.headers)];
    return writeWith(path, headers, async (w) => {
      for (let f = 0; f < this.network.flowCount; f++) {
        this.cells(f, w);
        w.endRow();
        if (w.full) await w.flush();
      }
    });
  }

  /** Name of resource `r` (a channel "a->b", a node capacity), kept once made. */
  private nameOf(r: number): string {
    let name = this.names.get(r);
    if (name === undefined) this.names.set(r, (name = this.topology.resourceName(r)));
    return name;
  }

  /** The cells of flow `f`'s row of flows.csv, into `sink`. */
  private cells(f: number, sink: CellSink): void {
    const net = this.network;
    const t = this.topology;
    const route = net.routeOf(f);
    const size = net.sizeOf(f);
    const start = net.startOf(f);
    const finish = net.finishOf(f);
    const fct = finish - start;
    const ideal = this.idealFctOf(f);
    const slowdown = size > 0 ? fct / ideal : Number.isNaN(fct) ? NaN : 1;
    // Draining starts when the first byte arrives: after a transport's start delay (handshake, queues) and the route's latency.
    const delayS = net.startDelayOf(f);
    const drainS = delayS > 0 ? fct - delayS - route.latencyS : fct - route.latencyS;
    const b = this.bottleneckOf(f);
    sink.text(this.labels[f] ?? String(f));
    sink.text(t.nodeIds[route.nodes[0]]);
    sink.text(t.nodeIds[route.nodes[route.nodes.length - 1]]);
    sink.number(size);
    sink.number(start);
    sink.number(finish);
    sink.number(fct);
    sink.number(ideal);
    sink.number(clampSlowdown(slowdown));
    if (drainS > 0) sink.number((size * 8) / 1e9 / drainS);
    else sink.text("");
    sink.text(b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : this.nameOf(b));
    sink.text(this.statusOf(f));
    for (const group of this.extra) {
      const cells = group.cells(f);
      for (let i = 0; i < group.headers.length; i++) {
        const v = cells?.[i];
        if (typeof v === "number") sink.number(v);
        else sink.text(v === undefined ? "" : v);
      }
    }
  }

  private grow(n: number): void {
    this.current = grown(this.current, n);
    this.state = grown(this.state, n * STRIDE);
    this.bestRateBps = grown(this.bestRateBps, n);
    this.leastLatencyS = grown(this.leastLatencyS, n);
    this.capacity = n;
  }
}

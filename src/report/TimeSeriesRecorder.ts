// TimeSeriesRecorder: bytes, throughput and utilisation per interval, per directed link and per workload; writes timeseries.csv.
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { FlowObserver } from "../net/FlowObserver.js";
import type { RateChanges } from "../net/RateChanges.js";
import { ActiveRoutes } from "./ActiveRoutes.js";
import type { Topology } from "../net/Topology.js";
import { elapsedS } from "../core/elapsedS.js";
import { csvFraction, csvNumber } from "./csvNumber.js";
import { IntervalSums } from "./IntervalSums.js";
import { streamCsv } from "./CsvWriter.js";

/** Columns of timeseries.csv, in order. */
export const TIMESERIES_CSV_HEADERS = ["interval_start_s", "interval_end_s", "scope", "name", "bytes", "throughput_gbps", "mean_util"] as const;

/**
 * Observes a {@link FlowNetwork} and integrates, per interval [kΔ, (k+1)Δ), the bytes each
 * directed channel and each workload moved, and each channel's utilisation against its
 * capacity in force at the time, read from its owner (`FlowNetwork.capacityOf`; capacity
 * changes during the run are seen: a failed link has capacity 0 and, carrying nothing, no
 * utilisation). Subscribes itself on construction;
 * create it before the first flow starts.
 *
 * Lazy like {@link import("./ResourceRecorder.js").ResourceRecorder}: a channel's or
 * workload's load (the sum of its flows' rates) is constant between two rate changes
 * touching it, so each change first closes the span since the last one, splitting it at
 * interval boundaries. Cost: per rate change, the flow's channels (read from the recorder's
 * pool of draining routes, {@link ActiveRoutes}) plus one workload; per
 * series, one entry (interval, bytes, utilisation-seconds) per interval in which it carried
 * traffic — so proportional to intervals × active links and workloads, and nothing at all
 * for a run without `report.interval` (no recorder is made).
 *
 * Rows: only intervals in which a link or workload moved bytes; ordered by interval, then
 * links in channel order, then workloads in scenario order. The last interval ends at the
 * horizon (the run's makespan). throughput_gbps = bytes·8/1e9 / interval length, from the whole bytes the row shows;
 * mean_util = time-averaged load/capacity over the interval (empty for workloads), as links.csv's mean_util over the run.
 */
export class TimeSeriesRecorder implements FlowObserver {
  private readonly channels: number;
  private readonly loadBps: Float64Array;
  /**
   * Per series, the round-off {@link loadBps} lost as rates were added and taken away
   * (Neumaier's compensated sum): the load is `loadBps + lostBps`, the sum of the rates now on
   * it to an ulp, however many flows came and went (a plain running sum kept their round-off).
   */
  private readonly lostBps: Float64Array;
  private readonly carrying: Int32Array;
  private readonly lastS: Float64Array;
  /** Per series (channels, then workloads): bytes and utilisation·seconds by interval. */
  private readonly sums: IntervalSums;
  private horizon = 0;
  /** The resources of the draining flows (see ActiveRoutes). */
  private readonly routes: ActiveRoutes;
  private readonly linkExtra: Array<{ headers: readonly string[]; cells: (channel: number, startS: number, endS: number) => number[] }> = [];

  /**
   * @param intervalS the interval Δ, seconds (> 0).
   * @param workloadNames names of the run's workloads, in scenario order.
   * @param workloadOf index into `workloadNames` of the workload that started a flow.
   */
  constructor(
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    readonly intervalS: number,
    private readonly workloadNames: readonly string[],
    private readonly workloadOf: (flow: number) => number,
  ) {
    if (!(intervalS > 0 && Number.isFinite(intervalS))) throw new Error(`TimeSeriesRecorder: interval ${intervalS} s, expected > 0`);
    this.channels = topology.channelCount;
    const n = this.channels + workloadNames.length;
    this.loadBps = new Float64Array(n);
    this.lostBps = new Float64Array(n);
    this.carrying = new Int32Array(n);
    this.lastS = new Float64Array(n);
    this.sums = new IntervalSums(intervalS, n);
    this.routes = new ActiveRoutes(network);
    network.observe(this);
  }

  /** @inheritdoc */
  ratesChanged(changes: RateChanges): void {
    const nowS = changes.nowS;
    const { flows, oldRatesBps, newRatesBps } = changes;
    const routes = this.routes;
    for (let k = 0, n = changes.count; k < n; k++) {
      const flow = flows[k];
      const oldRateBps = oldRatesBps[k];
      const newRateBps = newRatesBps[k];
      const at = routes.offsetOf(flow);
      const end = at + routes.lengthOf(flow);
      const pool = routes.pool;
      const carryingDelta = (newRateBps > 0 ? 1 : 0) - (oldRateBps > 0 ? 1 : 0);
      for (let i = at; i < end; i++) {
        const r = pool[i];
        if (r < this.channels) this.update(r, carryingDelta, oldRateBps, newRateBps, nowS);
      }
      if (newRateBps === 0) routes.release(flow);
      const w = this.workloadOf(flow);
      if (w >= 0 && w < this.workloadNames.length) this.update(this.channels + w, carryingDelta, oldRateBps, newRateBps, nowS);
    }
  }

  /** @inheritdoc */
  capacityChanged(resource: number, oldCapacityBps: number, _newCapacityBps: number, nowS: number): void {
    // The span up to now ran at the old capacity.
    if (resource < this.channels) this.close(resource, nowS, oldCapacityBps);
  }

  /** Close every series at `endS`, the end of the last interval. */
  finish(endS: number): void {
    for (let s = 0; s < this.loadBps.length; s++) this.close(s, endS, s < this.channels ? this.network.capacityOf(s) : 0);
    if (endS > this.horizon) this.horizon = endS;
  }

  /** Bytes a directed channel moved in interval k (0 if none). */
  channelBytes(channel: number, k: number): number {
    const i = this.sums.indexOf(channel, k);
    return i < 0 ? 0 : this.sums.lists[channel]![i + 1];
  }

  /** Bytes a workload (index in scenario order) moved in interval k (0 if none). */
  workloadBytes(workload: number, k: number): number {
    const s = this.channels + workload;
    const i = this.sums.indexOf(s, k);
    return i < 0 ? 0 : this.sums.lists[s]![i + 1];
  }

  /** End of the observed period (the last {@link finish} time), seconds. */
  get horizonS(): number {
    return this.horizon;
  }

  /**
   * Add `headers` to timeseries.csv, filled on link rows from `cells(channel, startS, endS)`
   * (empty on workload rows): the queue columns of a run whose transports build queues.
   */
  addLinkColumns(headers: readonly string[], cells: (channel: number, startS: number, endS: number) => number[]): void {
    this.linkExtra.push({ headers, cells });
  }

  /** The rows of timeseries.csv (see the class doc), after {@link finish}. */
  *rows(): Generator<string[]> {
    // Entries by interval, then series: a stable counting sort by interval of the entries
    // taken series by series (each series has at most one entry per interval).
    const series = this.sums.lists.length;
    let total = 0;
    let intervals = 0;
    for (let s = 0; s < series; s++) {
      const n = this.sums.used[s] / 3;
      total += n;
      if (n > 0) intervals = Math.max(intervals, this.sums.lists[s]![(n - 1) * 3] + 1);
    }
    const start = new Int32Array(intervals + 1);
    for (let s = 0; s < series; s++) for (let i = 0; i < this.sums.used[s]; i += 3) start[this.sums.lists[s]![i] + 1]++;
    for (let k = 1; k <= intervals; k++) start[k] += start[k - 1];
    const orderSeries = new Int32Array(total);
    const orderAt = new Int32Array(total);
    for (let s = 0; s < series; s++) {
      for (let i = 0; i < this.sums.used[s]; i += 3) {
        const j = start[this.sums.lists[s]![i]]++;
        orderSeries[j] = s;
        orderAt[j] = i;
      }
    }
    const t = this.topology;
    // Whole bytes that telescope: each row gets round(bytes so far) − round(bytes before it), so a
    // series' rows add up to its rounded total rather than drifting by a byte per interval.
    const sumBytes = new Float64Array(series);
    for (let j = 0; j < total; j++) {
      const s = orderSeries[j];
      const i = orderAt[j];
      const list = this.sums.lists[s]!;
      const k = list[i];
      const startS = this.sums.startS(k);
      const endS = Math.min(this.sums.startS(k + 1), this.horizon);
      // The interval as the row states it, to the digits its boundaries resolve: [8, 8.000006)
      // is 6 µs, not 6.000000000838 µs. mean_util divides by the plain difference instead: its
      // utilisation-seconds were integrated over the same unrounded instants, so their
      // round-off cancels (0.125, where the rounded length gives 0.125000000017).
      const spanS = endS - startS;
      const lengthS = elapsedS(startS, endS);
      const bytes = list[i + 1];
      const link = s < this.channels;
      const before = sumBytes[s];
      sumBytes[s] += bytes;
      const wholeBytes = Math.round(sumBytes[s]) - Math.round(before);
      const extra: string[] = [];
      for (const g of this.linkExtra) {
        if (link) extra.push(...g.cells(s, startS, endS).map(csvNumber));
        else for (let x = 0; x < g.headers.length; x++) extra.push("");
      }
      yield [
        csvNumber(startS),
        csvNumber(endS),
        link ? "link" : "workload",
        link ? t.resourceName(s) : this.workloadNames[s - this.channels],
        csvNumber(wholeBytes),
        // From the bytes the row shows, so that the two cells agree to the digit (the fluid
        // sum behind them carries round-off: 58,859.99999993 B written as 58,860 B and
        // 0.00941759999989 Gb/s before, and 18,750 B in 6 µs as 24.9999999965 Gb/s).
        csvNumber(lengthS > 0 ? (wholeBytes * 8) / 1e9 / lengthS : NaN),
        link && spanS > 0 ? csvFraction(list[i + 2] / spanS) : "",
        ...extra,
      ];
    }
  }

  /** Close the series at `endS` and write timeseries.csv to `path`. */
  writeCsv(path: string, endS: number): Promise<void> {
    this.finish(endS);
    return streamCsv(path, [...TIMESERIES_CSV_HEADERS, ...this.linkExtra.flatMap((g) => g.headers)], this.rows());
  }

  private update(s: number, carryingDelta: number, oldRateBps: number, newRateBps: number, nowS: number): void {
    if (this.lastS[s] < nowS) this.close(s, nowS, s < this.channels ? this.network.capacityOf(s) : 0);
    const c = (this.carrying[s] += carryingDelta);
    if (c > 0) {
      this.add2(s, newRateBps);
      this.add2(s, -oldRateBps);
    } else {
      // Exactly 0 when idle, so float residue of +r … −r never shows as traffic.
      this.loadBps[s] = 0;
      this.lostBps[s] = 0;
    }
  }

  /** Add `x` to series `s`'s load, keeping what the addition rounded off in {@link lostBps} (Neumaier). */
  private add2(s: number, x: number): void {
    const sum = this.loadBps[s];
    const t = sum + x;
    this.lostBps[s] += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    this.loadBps[s] = t;
  }

  /** Account for series `s` from its last update to `nowS` at its current load and capacity `cap` (the one in force over the span; 0 for workloads), split at interval boundaries. */
  private close(s: number, nowS: number, cap: number): void {
    const fromS = this.lastS[s];
    if (!(nowS > fromS)) return;
    this.lastS[s] = nowS;
    const load = this.loadBps[s] + this.lostBps[s];
    if (load <= 0) return;
    this.sums.addSpan(s, fromS, nowS, load, cap > 0 ? load / cap : 0);
  }
}

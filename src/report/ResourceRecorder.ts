// ResourceRecorder: load, bytes, utilisation and bottleneck flow-seconds of every resource; writes links.csv and bottlenecks.csv.
import { grown } from "../core/grown.js";
import { BIN_LOG_ENTRIES, BinLog } from "./BinLog.js";
import { ActiveRoutes } from "./ActiveRoutes.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { FlowObserver } from "../net/FlowObserver.js";
import type { RateChanges } from "../net/RateChanges.js";
import type { Topology } from "../net/Topology.js";
import { streamTable, tableRows, type RowSink } from "./CsvWriter.js";
import { rankBottlenecks } from "./rankBottlenecks.js";
import { BOTTLENECK_CSV_HEADERS, emitBottleneckRows, emitLinkRows, LINK_CSV_HEADERS, type BottleneckEntry, type LinkColumns } from "./resourceCsv.js";
import { UtilHistogram } from "./UtilHistogram.js";
import { utilPercentiles } from "./utilPercentiles.js";

/**
 * The numbers a rate change and a close read: the offsets of a resource's record in
 * ResourceRecorder's `acc` (and, for the counts, in its Int32 view), the histogram's bins and the
 * saturation threshold. A const enum, because the CLI's bundle writes its members as number
 * literals: a module-level `const` there is a variable set by esbuild's lazy module
 * initialisation, which V8's optimised code loads and checks again at every use.
 */
const enum Acc {
  /** Float64 fields per record: 8 × 8 = 64 bytes, the last field's 8 bytes holding two int32 counts. */
  RECORD = 8,
  /** End of the resource's last closed interval, seconds. */
  LAST_S = 0,
  /** Sum of the rates of the flows crossing it (exactly 0 when none carries). */
  LOAD_BPS = 1,
  BYTES = 2,
  /** ∫ utilisation dt. */
  UTIL_S = 3,
  /** Highest utilisation held for a span the reports can show ({@link SHOWN_SPAN_RELATIVE}). */
  PEAK_UTIL = 4,
  /** Seconds at load ≥ SATURATION_FRACTION × capacity, over spans the reports can show. */
  SATURATED_S = 5,
  /** Σ over flows of the seconds the resource was their bottleneck. */
  BOTTLENECK_FLOW_S = 6,
  /** Int32 fields per record in the counts view, and the two counts in the record's last 8 bytes. */
  COUNTS = 16,
  /** Flows on the resource with a positive rate. */
  CARRYING = 14,
  /** Flows whose bottleneck the resource is. */
  BOTTLENECKED = 15,
  /** {@link UTIL_BINS}. */
  BINS = 1000,
  /** {@link SATURATION_FRACTION}. */
  SATURATION = 1 - 1e-9,
  /** {@link SHOWN_SPAN_RELATIVE}. */
  SHOWN = 1e-12,
}

/** A resource is saturated when its load is at least this fraction of its capacity. */
export const SATURATION_FRACTION: number = Acc.SATURATION;

/**
 * The shortest span, relative to its end time, that holds a peak or counts as saturated: the
 * reports write times to 12 significant digits, so a span whose two ends read alike there
 * (two rate changes a few ulps of time apart, as decimal latencies summed along two paths
 * give) is one instant to a reader and holds no peak. Bytes and the utilisation integral
 * take every positive span as before (what such a span adds to them is below the last digit).
 */
export const SHOWN_SPAN_RELATIVE: number = Acc.SHOWN;

/** Bins of the utilisation histogram; each is 1/UTIL_BINS = 0.001 wide. */
export const UTIL_BINS: number = Acc.BINS;

/**
 * Observes a {@link FlowNetwork} and integrates, per resource (directed channels and node
 * capacities), the load it carries over time. Subscribes itself on construction; create
 * it before the first flow starts (time 0). Call {@link finish} once the run is over.
 *
 * Load is the sum of the rates of the flows crossing a resource, updated on every rate
 * change through the flow's route; between two updates it is constant, so each interval
 * adds load·dt bytes, util·dt to the utilisation integral, dt to the saturated time when
 * load ≥ (1 − 1e-9)·capacity, and (flows bottlenecked here)·dt bottleneck flow-seconds.
 * Zero-length intervals (several updates at one instant) add nothing, so the transient
 * overshoots between two updates at the same time never count as a peak; nor do those
 * between two updates closer than the reports can show ({@link SHOWN_SPAN_RELATIVE}). A rate change reads
 * the flow's resources from the recorder's own pool of draining routes ({@link ActiveRoutes}),
 * not from the flow's Route object, and closes each resource at most once per instant
 * however many of its flows change: per-resource sums in typed arrays, a few additions each.
 *
 * Utilisation is measured against the capacity in force, read from its owner
 * (`FlowNetwork.capacityOf`): the nominal one (`topology.resourceCapacityBps`, the
 * `capacity_gbps` reported) until a `FlowNetwork.setCapacity` (a scenario event) changes
 * it; the span before a change is closed at the old capacity. A failed resource
 * (capacity 0) carries nothing, so it adds no utilisation.
 *
 * The 95th percentile of utilisation is time-weighted over [0, horizon] and resolved to
 * 0.001: a histogram of 1,000 bins of width 0.001 (bin i holds utilisations in
 * (i/1000, (i+1)/1000], up to a 1e-9 slack for float residue; utilisation above 1 lands
 * in the last bin) is made only for resources that ever carry traffic, sparse until it
 * touches many bins ({@link UtilHistogram}), and idle time is horizon − Σ bins. The reported
 * value is the upper edge of the bin where 95 % of the time is reached, or 0 when the
 * resource was idle at least 95 % of the time.
 *
 * Histogram additions are logged in the order made and grouped by resource a block at a time
 * ({@link BinLog}): adding straight into thousands of 8 KB histograms at
 * random was the recorder's main cost (a cache and TLB miss per update). The p95s are read
 * once for all resources after the last addition: a resource's histogram (if the log was
 * ever full and folded into it) is copied into one dense scratch array and its pending
 * additions are added there in order, so a run whose additions fit the log (2²¹ of them: the
 * k=16 fat-tree's 20,000-flow run makes 1.27 million) makes no histogram at all. Each bin
 * still receives its additions in time order, so the sums are bit-identical to adding
 * directly.
 */
export class ResourceRecorder implements FlowObserver {
  private readonly resourceCount: number;
  /**
   * Every resource's accumulators in one record of 64 bytes (a cache line's worth) at
   * `RECORD × r`: the fields `LAST_S` … `BOTTLENECK_FLOW_S`, then two counts read through
   * {@link counts}. A rate change visits each resource of the flow's route and a close
   * reads and writes all of them: one record each instead of nine arrays.
   */
  private readonly acc: Float64Array;
  /** The same memory as whole numbers: flows with a rate (`CARRYING`) and flows bottlenecked (`BOTTLENECKED`) at `COUNTS × r`. */
  private readonly counts: Int32Array;
  /** Capacity in force of each resource (the network's, copied at construction and at each change). */
  private readonly capacity: Float64Array;
  private readonly histogram: Array<UtilHistogram | undefined>;
  private flowBottleneck = new Int32Array(0);
  /** The resources of the draining flows (a rate change reads them there, not in the flow's Route). */
  private readonly routes: ActiveRoutes;
  /** Seconds at each utilisation bin, logged per resource in order (read by {@link percentiles}; folded into the histograms when full). */
  private readonly histogramLog: BinLog<UtilHistogram>;
  /** Every resource's p95 utilisation, made at the first read after the last addition (see {@link p95UtilOf}). */
  private p95: Float64Array | undefined;
  private horizon = 0;
  private readonly linkExtra: LinkColumns[] = [];

  /** `logEntries`: utilisation-histogram additions held before they are folded into the histograms ({@link BinLog}). */
  constructor(
    protected readonly network: FlowNetwork,
    private readonly topology: Topology,
    logEntries = BIN_LOG_ENTRIES,
  ) {
    const R = topology.resourceCount;
    this.resourceCount = R;
    this.acc = new Float64Array(R * Acc.RECORD);
    this.counts = new Int32Array(this.acc.buffer);
    this.histogram = new Array<UtilHistogram | undefined>(R).fill(undefined);
    this.capacity = new Float64Array(R);
    for (let r = 0; r < R; r++) this.capacity[r] = network.capacityOf(r);
    this.histogramLog = new BinLog(R, (r) => (this.histogram[r] ??= new UtilHistogram(Acc.BINS)), addSeconds, logEntries);
    this.routes = new ActiveRoutes(network);
    network.observe(this);
  }

  /**
   * @inheritdoc
   * The per-flow arrays (here and in the pool of routes) grow here rather than at a rate
   * change: a path first taken after V8 has optimised ratesChanged (flow 1,024's first rate)
   * throws its optimised code away.
   */
  flowStarted(flow: number, _nowS: number): void {
    this.reserveFlow(flow);
    this.routes.reserve(flow);
  }

  /** @inheritdoc */
  ratesChanged(changes: RateChanges): void {
    const nowS = changes.nowS;
    const { flows, oldRatesBps, newRatesBps, bottlenecks } = changes;
    const { acc, counts, capacity, routes } = this;
    for (let k = 0, n = changes.count; k < n; k++) {
      const flow = flows[k];
      const oldRateBps = oldRatesBps[k];
      const newRateBps = newRatesBps[k];
      const bottleneck = bottlenecks[k];
      // Taken only for flows started before this recorder subscribed.
      if (flow >= this.flowBottleneck.length) this.reserveFlow(flow);
      const at = routes.offsetOf(flow);
      const end = at + routes.lengthOf(flow);
      const pool = routes.pool;
      const carryingDelta = (newRateBps > 0 ? 1 : 0) - (oldRateBps > 0 ? 1 : 0);
      const deltaBps = newRateBps - oldRateBps;
      for (let i = at; i < end; i++) {
        const r = pool[i];
        const a = r * Acc.RECORD;
        if (acc[a + Acc.LAST_S] < nowS) this.close(r, nowS, capacity[r]);
        const c = (counts[r * Acc.COUNTS + Acc.CARRYING] += carryingDelta);
        // Exactly 0 when idle, so float residue of +r … −r never shows as traffic.
        acc[a + Acc.LOAD_BPS] = c > 0 ? acc[a + Acc.LOAD_BPS] + deltaBps : 0;
      }
      if (newRateBps === 0) routes.release(flow);
      const old = this.flowBottleneck[flow];
      if (old === bottleneck) continue;
      if (old >= 0) {
        if (acc[old * Acc.RECORD + Acc.LAST_S] < nowS) this.close(old, nowS, capacity[old]);
        counts[old * Acc.COUNTS + Acc.BOTTLENECKED]--;
      }
      this.flowBottleneck[flow] = bottleneck;
      if (bottleneck >= 0) {
        if (acc[bottleneck * Acc.RECORD + Acc.LAST_S] < nowS) this.close(bottleneck, nowS, capacity[bottleneck]);
        counts[bottleneck * Acc.COUNTS + Acc.BOTTLENECKED]++;
      }
    }
  }

  /** @inheritdoc */
  capacityChanged(resource: number, oldCapacityBps: number, _newCapacityBps: number, nowS: number): void {
    // The span up to now ran at the old capacity.
    if (this.acc[resource * Acc.RECORD + Acc.LAST_S] < nowS) this.close(resource, nowS, oldCapacityBps);
    this.capacity[resource] = this.network.capacityOf(resource);
  }

  /** Close every resource's open interval at `endS` (the horizon of means and fractions). */
  finish(endS: number): void {
    for (let r = 0; r < this.resourceCount; r++) this.close(r, endS, this.capacity[r]);
    if (endS > this.horizon) {
      this.horizon = endS;
      this.p95 = undefined;
    }
  }

  /** End of the observed period (the last {@link finish} time), seconds. */
  get horizonS(): number {
    return this.horizon;
  }

  /** Bytes carried by a resource. */
  bytesOf(r: number): number {
    return this.acc[r * Acc.RECORD + Acc.BYTES];
  }
  /** Time-averaged utilisation over [0, horizon]. */
  meanUtilOf(r: number): number {
    return this.horizon > 0 ? this.acc[r * Acc.RECORD + Acc.UTIL_S] / this.horizon : 0;
  }
  /** Highest utilisation held for a span the reports can show ({@link SHOWN_SPAN_RELATIVE}). */
  peakUtilOf(r: number): number {
    return this.acc[r * Acc.RECORD + Acc.PEAK_UTIL];
  }
  /** Fraction of [0, horizon] during which the resource was saturated. */
  saturatedFracOf(r: number): number {
    return this.horizon > 0 ? this.acc[r * Acc.RECORD + Acc.SATURATED_S] / this.horizon : 0;
  }
  /** Σ over flows of the seconds this resource was their bottleneck. */
  bottleneckFlowSOf(r: number): number {
    return this.acc[r * Acc.RECORD + Acc.BOTTLENECK_FLOW_S];
  }

  /** Numbers {@link writeAccounts} writes for `resourceCount` resources. */
  static accountsLength(resourceCount: number): number {
    return resourceCount * (Acc.RECORD + 1) + 1;
  }

  /**
   * Write what the accessors read into `out` ({@link accountsLength} numbers): every resource's
   * record, its p95 utilisation (made now, as {@link p95UtilOf} would) and the horizon. A
   * recorder run in a worker thread hands its accounts over this way ({@link readAccounts}).
   */
  writeAccounts(out: Float64Array): void {
    const R = this.resourceCount;
    out.set(this.acc, 0);
    if (this.horizon > 0) out.set((this.p95 ??= this.percentiles(0.95)), R * Acc.RECORD);
    else out.fill(0, R * Acc.RECORD, R * (Acc.RECORD + 1));
    out[R * (Acc.RECORD + 1)] = this.horizon;
  }

  /** Take the accounts {@link writeAccounts} wrote (of a recorder of the same topology): the accessors answer from them. */
  protected readAccounts(from: Float64Array): void {
    const R = this.resourceCount;
    this.acc.set(from.subarray(0, R * Acc.RECORD));
    this.horizon = from[R * (Acc.RECORD + 1)];
    this.p95 = this.horizon > 0 ? from.slice(R * Acc.RECORD, R * (Acc.RECORD + 1)) : undefined;
  }

  /** Time-weighted 95th percentile of utilisation over [0, horizon], resolved to 0.001 (see class doc). */
  p95UtilOf(r: number): number {
    if (this.horizon <= 0) return 0;
    return (this.p95 ??= this.percentiles(0.95))[r];
  }

  /** Resources that bottlenecked any flow, by bottleneck flow-seconds descending, ties by resource id ({@link rankBottlenecks}). */
  rankBottlenecks(): BottleneckEntry[] {
    return rankBottlenecks(this, this.topology);
  }

  /**
   * Add `headers` to links.csv, filled from `cells(channel)` when rows are written (numbers
   * formatted like the other cells): the queue columns of a run whose transports build queues.
   */
  addLinkColumns(headers: readonly string[], cells: (channel: number) => Array<number | string>): void {
    this.linkExtra.push({ headers, cells });
  }

  /** The rows of links.csv (see {@link LINK_CSV_HEADERS}): one per directed channel, in channel order. */
  linkRows(): string[][] {
    return tableRows((sink) => this.emitLinks(sink));
  }

  /** Write links.csv's rows into `sink`, yielding after each row (see CsvWriter's streamTable). */
  emitLinks(sink: RowSink): Generator<void> {
    return emitLinkRows(sink, this, this.topology, this.linkExtra);
  }

  /** The rows of bottlenecks.csv (see {@link BOTTLENECK_CSV_HEADERS}) of `ranking` (by default {@link rankBottlenecks}'s). */
  bottleneckRows(ranking = this.rankBottlenecks()): string[][] {
    return tableRows((sink) => emitBottleneckRows(sink, ranking));
  }

  /** Write links.csv to `path` (one row per channel: streamed, see CsvWriter). */
  writeLinksCsv(path: string): Promise<void> {
    return streamTable(path, [...LINK_CSV_HEADERS, ...this.linkExtra.flatMap((g) => g.headers)], (sink) => this.emitLinks(sink));
  }

  /**
   * Write bottlenecks.csv to `path` (streamed, see CsvWriter: a fat-tree's ranking has
   * thousands of rows), from `ranking` when the caller has it (summarizeRun's), else ranked now.
   */
  writeBottlenecksCsv(path: string, ranking = this.rankBottlenecks()): Promise<void> {
    return streamTable(path, BOTTLENECK_CSV_HEADERS, (sink) => emitBottleneckRows(sink, ranking));
  }

  /** Every resource's upper edge at `fraction` of [0, horizon] ({@link utilPercentiles}). */
  private percentiles(fraction: number): Float64Array {
    return utilPercentiles(this.histogram, this.histogramLog, Acc.BINS, this.horizon, fraction);
  }

  /** Room for `flow` in the per-flow array. */
  private reserveFlow(flow: number): void {
    if (flow >= this.flowBottleneck.length) {
      this.flowBottleneck = grown(this.flowBottleneck, Math.max(1024, flow + 1, this.flowBottleneck.length * 2), -1);
    }
  }

  /** Account for resource `r` from its last update to `nowS` at its current load and capacity `cap` (the one in force over the span). */
  private close(r: number, nowS: number, cap: number): void {
    const acc = this.acc;
    const a = r * Acc.RECORD;
    const dt = nowS - acc[a + Acc.LAST_S];
    if (!(dt > 0)) return;
    acc[a + Acc.LAST_S] = nowS;
    const load = acc[a + Acc.LOAD_BPS];
    acc[a + Acc.BOTTLENECK_FLOW_S] += this.counts[r * Acc.COUNTS + Acc.BOTTLENECKED] * dt;
    if (load <= 0) return;
    // 1 / 0, not the global Infinity: on this never-taken branch (a failed resource still
    // carrying) V8 loads the global without feedback and keeps util as a heap number, one
    // allocated per close (1.3 million in the k=16 20,000-flow run, a fifth of its garbage).
    const util = cap > 0 ? load / cap : 1 / 0;
    acc[a + Acc.BYTES] += load * dt;
    acc[a + Acc.UTIL_S] += util * dt;
    if (dt > Acc.SHOWN * nowS) {
      if (util > acc[a + Acc.PEAK_UTIL]) acc[a + Acc.PEAK_UTIL] = util;
      if (load >= Acc.SATURATION * cap) acc[a + Acc.SATURATED_S] += dt;
    }
    // The 1e-9 slack keeps float residue (0.07 · 1000 = 70.00000000000001) out of the next bin.
    const bin = Math.ceil(util * Acc.BINS - 1e-9) - 1;
    this.histogramLog.add(r, bin < 0 ? 0 : bin >= Acc.BINS ? Acc.BINS - 1 : bin, dt);
    this.p95 = undefined;
  }
}

/** Add `dtS` seconds to bin `bin` of a utilisation histogram. */
function addSeconds(h: UtilHistogram, bin: number, dtS: number): void {
  h.add(bin, dtS);
}

// tierRows: bottleneck-seconds and bytes per tier, per workload and for the whole run (tiers.csv).
import type { Topology } from "../net/Topology.js";
import { BoundList } from "./BoundList.js";
import { csvNumber } from "./csvNumber.js";
import { tableRows, type RowSink } from "./CsvWriter.js";
import type { TierShares } from "./formatSummary.js";
import { CAP_BOUND } from "./flowBottleneck.js";
import { emitTierRows, filledTierRows, type TierData } from "./emitTierRows.js";
import { TIERS, tierOf } from "./tierOf.js";

/** Columns of tiers.csv, in order (plus {@link TIERS_QUEUEING_HEADER} in runs whose transports build queues). */
export const TIERS_CSV_HEADERS = ["workload", "tier", "bottleneck_flow_s", "bottleneck_share", "bytes", "flows"] as const;
/** The column tiers.csv gains when queues are modelled: seconds the tier's queues held the workload's flows. */
export const TIERS_QUEUEING_HEADER = "queueing_flow_s";

/**
 * Where flows waited: each flow's queueing seconds (as its transport counted them), spread
 * over the channels of its route in proportion to each channel's mean queueing delay over the run.
 */
export interface TierQueueing {
  /** Seconds the flow waited in queues (undefined or 0: none). */
  ofFlow(flow: number): number | undefined;
  /** A resource's mean queueing delay over the run, seconds. */
  delayAt(resource: number): number;
}

/** What {@link tierRows} reads of each flow. */
export interface TierFlowFacts {
  flowCount: number;
  sizeOf(flow: number): number;
  /** Resources of the flow's route. */
  resourcesOf(flow: number): ArrayLike<number>;
  /** Every bottleneck that bound the flow and for how long (FlowRecorder.forEachBound). */
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void;
}

/**
 * tiers.csv rows: for every workload in order, then for "all", one row per tier that bound
 * a flow or carried a byte. `bottleneck_flow_s`: flow-seconds during which the workload's flows
 * were bound by a resource of the tier (a flow at its own cap counts under tier "cap");
 * `bottleneck_share`: that over the workload's total, so a workload's shares sum to 1;
 * `bytes`: bytes of the workload's flows that crossed the tier (a flow counts once per
 * tier on its route, whatever it delivered); `flows`: how many crossed it; with `queueing`,
 * `queueing_flow_s`: the seconds the workload's flows waited in the tier's queues (see
 * {@link TierQueueing}).
 */
export function tierRows(names: readonly string[], workloadOfFlow: ArrayLike<number>, flows: TierFlowFacts, topology: Topology, queueing?: TierQueueing): string[][] {
  const table = new TierTable(names, topology, queueing);
  const bound = new BoundList();
  for (let f = 0; f < flows.flowCount; f++) {
    const w = workloadOfFlow[f];
    if (w === undefined || w < 0 || w >= names.length) continue;
    table.add(w, flows.sizeOf(f), bound.collect(flows, f), flows.resourcesOf(f), queueing?.ofFlow(f));
  }
  return table.rows();
}

/**
 * {@link tierRows} fed one flow at a time (so writeReports can fill every per-flow report in one pass over the flows).
 *
 * Its cells are (workloads + 1) × T, where T counts only the tiers some resource of the
 * topology is in, and "cap": a tier no resource is in can bind or carry no flow, so it has no
 * row, and its cell would only add zeros. A k=16 fat-tree has 3 of the 13 tiers, so a table of
 * 20,000 transfers holds 4 cells a workload in each of its arrays instead of 14, and the pass
 * over the flows first touches (a page fault each, the arrays being fresh memory) and
 * tiers.csv's writing reads 3.5× fewer pages. Every resource is classified once, at
 * construction (`tierOf`, linear in the topology, as the walk over a run's flows visits most
 * resources anyway).
 */
export class TierTable {
  /** Names of the table's tiers in TIERS order, then "cap": tier k of a cell is labels[k]. */
  private readonly labels: string[];
  /** Each resource's tier, as an index into {@link labels}. */
  private readonly cache: Int8Array;
  /** The index of "cap" in {@link labels} (the last). */
  private readonly capNo: number;
  private readonly T: number;
  private readonly boundS: Float64Array;
  private readonly bytes: Float64Array;
  private readonly crossing: Float64Array;
  private readonly waitedS: Float64Array;
  private readonly seen: Uint8Array;

  /**
   * @param horizonS the run's makespan: `bottleneck_flow_s` and `queueing_flow_s` cells are
   * rounded to the digits its instants resolve (core/elapsedS's spannedS); 0 writes the sums as they are.
   * @param shared the cells in shared memory, so that {@link data} is posted to a worker
   * without a copy (~10 MB at 100,000 transfers) while this thread still reads it (shares()).
   */
  constructor(
    private readonly names: readonly string[],
    private readonly topology: Topology,
    private readonly queueing?: TierQueueing,
    private readonly horizonS = 0,
    shared = false,
  ) {
    const R = topology.resourceCount;
    const tierNumber = new Map<string, number>(TIERS.map((t, k) => [t, k]));
    const tierOfResource = new Int8Array(R);
    const present = new Uint8Array(TIERS.length);
    for (let r = 0; r < R; r++) {
      const k = tierNumber.get(tierOf(topology, r))!;
      tierOfResource[r] = k;
      present[k] = 1;
    }
    // Each tier present, in TIERS order, gets the next index: rows keep the order of the full table's.
    const compact = new Int8Array(TIERS.length).fill(-1);
    this.labels = [];
    for (let k = 0; k < TIERS.length; k++) {
      if (!present[k]) continue;
      compact[k] = this.labels.length;
      this.labels.push(TIERS[k]);
    }
    this.capNo = this.labels.length;
    this.labels.push("cap");
    this.cache = new Int8Array(R);
    for (let r = 0; r < R; r++) this.cache[r] = compact[tierOfResource[r]];
    this.T = this.labels.length;
    const cells = (names.length + 1) * this.T;
    const cellArray = () => (shared ? new Float64Array(new SharedArrayBuffer(8 * cells)) : new Float64Array(cells));
    this.boundS = cellArray();
    this.bytes = cellArray();
    this.crossing = cellArray();
    this.waitedS = cellArray();
    this.seen = new Uint8Array(this.T);
  }

  private tierNo(r: number): number {
    return r === CAP_BOUND ? this.capNo : this.cache[r];
  }

  /**
   * Count a flow of workload `w` (an index into the names) of `sizeBytes`, bound as `bound`
   * says, on a route crossing `resources`, that waited `queuedS` seconds in queues.
   */
  add(w: number, sizeBytes: number, bound: BoundList, resources: ArrayLike<number>, queuedS?: number): void {
    const T = this.T;
    const all = this.names.length * T;
    for (let i = 0; i < bound.count; i++) {
      const k = this.tierNo(bound.bottleneck[i]);
      const s = bound.seconds[i];
      this.boundS[w * T + k] += s;
      this.boundS[all + k] += s;
    }
    const seen = this.seen;
    seen.fill(0);
    const res = resources;
    const queueing = this.queueing;
    if (queuedS !== undefined && queuedS > 0 && queueing) {
      let total = 0;
      for (let i = 0; i < res.length; i++) total += queueing.delayAt(res[i]);
      if (total > 0) {
        for (let i = 0; i < res.length; i++) {
          const share = (queuedS * queueing.delayAt(res[i])) / total;
          const k = this.tierNo(res[i]);
          this.waitedS[w * T + k] += share;
          this.waitedS[all + k] += share;
        }
      }
    }
    for (let i = 0; i < res.length; i++) {
      const k = this.tierNo(res[i]);
      if (seen[k]) continue;
      seen[k] = 1;
      this.bytes[w * T + k] += sizeBytes;
      this.crossing[w * T + k]++;
      this.bytes[all + k] += sizeBytes;
      this.crossing[all + k]++;
    }
  }

  /** tiers.csv rows (see {@link tierRows}). */
  rows(): string[][] {
    return tableRows((sink) => this.emit(sink));
  }

  /** Write tiers.csv's rows into `sink`, yielding when the sink is full (see {@link emitTierRows}). */
  emit(sink: RowSink): Generator<void> {
    return emitTierRows(this.data(), sink);
  }

  /** The table's cells and names, as {@link emitTierRows} writes them (the arrays are the table's own, not copies). */
  data(): TierData {
    const { names, labels, boundS, bytes, crossing, horizonS } = this;
    return { names, labels, boundS, bytes, crossing, horizonS, ...(this.queueing && { waitedS: this.waitedS }) };
  }

  /**
   * tiers.csv's rows as shares per workload (and `all`), largest first, ties in file order:
   * the terminal summary's lines. Each share is the `bottleneck_share` cell read back.
   */
  shares(): TierShares {
    const by = new Map<string, Array<[string, number]>>();
    const { cells, count, boundTotalS } = this.filledRows();
    for (let j = 0; j < count; j++) {
      const i = cells[j];
      const w = (i / this.T) | 0;
      const workload = this.workloadName(w);
      let list = by.get(workload);
      if (!list) by.set(workload, (list = []));
      list.push([this.labels[i - w * this.T], Number(csvNumber(boundTotalS[w] > 0 ? this.boundS[i] / boundTotalS[w] : NaN))]);
    }
    for (const list of by.values()) list.sort((a, b) => b[1] - a[1]);
    return { all: by.get("all") ?? [], workloads: [...by].filter(([w]) => w !== "all") };
  }

  /** The `queueing_flow_s` cells of tiers.csv's rows of workload "all", read back, in file order. */
  queueingOfAll(): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    const { cells, count } = this.filledRows();
    for (let j = 0; j < count; j++) {
      const i = cells[j];
      const w = (i / this.T) | 0;
      // By name, as ever: a workload may be named "all" too.
      if (this.workloadName(w) === "all") out.push([this.labels[i - w * this.T], Number(csvNumber(this.waitedS[i]))]);
    }
    return out;
  }

  private filledRows(): { cells: Int32Array; count: number; boundTotalS: Float64Array } {
    const { names, labels, boundS, crossing } = this;
    return filledTierRows({ names, labels, boundS, crossing });
  }

  /** Workload w's name (w = the number of workloads: "all"). */
  private workloadName(w: number): string {
    return w < this.names.length ? this.names[w] : "all";
  }
}

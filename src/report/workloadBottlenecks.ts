// workloadBottlenecks: which workload's flows were bound where, in flow-seconds (workload-bottlenecks.csv).
import type { Topology } from "../net/Topology.js";
import type { FlowFacts } from "./collectivesCsv.js";
import { BoundList } from "./BoundList.js";
import { tableRows, type RowSink } from "./CsvWriter.js";
import { CAP_BOUND } from "./flowBottleneck.js";
import { emitWorkloadBottlenecks, type WorkloadBottleneckData } from "./emitWorkloadBottlenecks.js";
import { tierOf } from "./tierOf.js";

/** Columns of workload-bottlenecks.csv, in order. */
export const WORKLOAD_BOTTLENECK_CSV_HEADERS = ["workload", "rank", "resource", "tier", "flows", "bytes", "bottleneck_flow_s", "bottleneck_share"] as const;

/**
 * For each workload (in scenario order), the resources that bound its flows, ranked by
 * `bottleneck_flow_s`: Σ over the workload's flows of the seconds each was bound there
 * (every interval of a flow goes to the resource binding it then, as in bottlenecks.csv,
 * tiers.csv and collectives.csv; "cap" for time at its own rate cap). `flows`: how many of
 * its flows the resource bound for a positive time, `bytes` their sizes (a flow bound by
 * several resources counts at each); `bottleneck_share`: the row's flow-seconds over the
 * workload's total. Rows with no flow-second are left out; ties rank by resource id (cap
 * first). `tier` is {@link tierOf}'s, as in every report.
 */
export function workloadBottleneckRows(
  names: readonly string[],
  workloadOfFlow: ArrayLike<number>,
  flowCount: number,
  flows: Pick<FlowFacts, "sizeOf" | "forEachBound">,
  topology: Topology,
): string[][] {
  const table = new WorkloadBottleneckTable(names, topology);
  const bound = new BoundList();
  for (let f = 0; f < flowCount; f++) table.add(workloadOfFlow[f], flows.sizeOf(f), bound.collect(flows, f));
  return table.rows();
}

/** Entries a workload's chain holds before its entries are found through the map (see {@link WorkloadBottleneckTable}). */
const CHAIN_ENTRIES = 8;

/**
 * {@link workloadBottleneckRows} fed one flow at a time (so writeReports can fill every
 * per-flow report in one pass over the flows): one entry per (workload, bottleneck) in typed
 * arrays, instead of a map and an object per workload — a scenario listing 100,000 transfers
 * has 100,000 workloads. A workload's entries are found along its chain (`newest`, `next`:
 * a transfer has one flow and one or two bottlenecks), and once it has more than
 * {@link CHAIN_ENTRIES}, through one map of (workload, bottleneck) keys: no map entry for
 * most workloads, and no long walk for a workload of many flows bound in many places.
 */
export class WorkloadBottleneckTable {
  private readonly keyOf = new Map<number, number>();
  private entries = 0;
  private workload = new Int32Array(64);
  private bottleneck = new Int32Array(64);
  private flows = new Float64Array(64);
  private bytes = new Float64Array(64);
  private seconds = new Float64Array(64);
  /** The next entry of the same workload's chain (−1 at its end). */
  private next = new Int32Array(64);
  /** Each workload's newest entry (−1: none yet), and how many it has (past {@link CHAIN_ENTRIES}: in the map). */
  private readonly newest: Int32Array;
  private readonly count: Int32Array;

  /**
   * @param horizonS the run's makespan: `bottleneck_flow_s` cells are rounded to the digits its
   * instants resolve ({@link spannedS}); 0 writes the sums as they are.
   */
  constructor(
    private readonly names: readonly string[],
    private readonly topology: Topology,
    private readonly horizonS = 0,
  ) {
    this.newest = new Int32Array(names.length).fill(-1);
    this.count = new Int32Array(names.length);
  }

  /** Count flow of workload `w` (an index into the names; others are ignored) of `sizeBytes`, bound as `bound` says. */
  add(w: number, sizeBytes: number, bound: BoundList): void {
    if (!(w >= 0 && w < this.names.length)) return;
    const span = this.topology.resourceCount + 1;
    for (let i = 0; i < bound.count; i++) {
      const s = bound.seconds[i];
      if (!(s > 0)) continue;
      const b = bound.bottleneck[i];
      // CAP_BOUND is −1: keys w·(R + 1) + b + 1 are distinct.
      const mapped = this.count[w] > CHAIN_ENTRIES;
      let e = -1;
      if (mapped) e = this.keyOf.get(w * span + b + 1) ?? -1;
      else for (e = this.newest[w]; e >= 0 && this.bottleneck[e] !== b; e = this.next[e]);
      if (e < 0) {
        e = this.entries++;
        if (e === this.workload.length) this.grow();
        this.workload[e] = w;
        this.bottleneck[e] = b;
        this.next[e] = this.newest[w];
        this.newest[w] = e;
        if (mapped) this.keyOf.set(w * span + b + 1, e);
        else if (++this.count[w] > CHAIN_ENTRIES) {
          // The chain grew long: from now on this workload's entries are found through the map.
          for (let x = e; x >= 0; x = this.next[x]) this.keyOf.set(w * span + this.bottleneck[x] + 1, x);
        }
      }
      this.flows[e]++;
      this.bytes[e] += sizeBytes;
      this.seconds[e] += s;
    }
  }

  /** workload-bottlenecks.csv rows (see {@link workloadBottleneckRows}). */
  rows(): string[][] {
    return tableRows((sink) => this.emit(sink));
  }

  /** Write workload-bottlenecks.csv's rows into `sink`, yielding when the sink is full (see {@link emitWorkloadBottlenecks}). */
  emit(sink: RowSink): Generator<void> {
    return emitWorkloadBottlenecks(this.data(), sink);
  }

  /**
   * The table's entries and the names and tiers of the resources they name, as
   * {@link emitWorkloadBottlenecks} writes them (the arrays are the table's own, not copies:
   * {@link buffers} lists them, to transfer them to a worker; the table is unusable after).
   */
  data(): WorkloadBottleneckData {
    const t = this.topology;
    const span = t.resourceCount + 1;
    const resourceNames = new Array<string>(span).fill("");
    const resourceTiers = new Array<string>(span).fill("");
    for (let e = 0; e < this.entries; e++) {
      const b = this.bottleneck[e];
      if (resourceNames[b + 1] !== "") continue;
      resourceNames[b + 1] = b === CAP_BOUND ? "cap" : t.resourceName(b);
      resourceTiers[b + 1] = b === CAP_BOUND ? "cap" : tierOf(t, b);
    }
    const { names, horizonS, entries, workload, bottleneck, flows, bytes, seconds } = this;
    return { names, horizonS, entries, workload, bottleneck, flows, bytes, seconds, resourceNames, resourceTiers };
  }

  /** The memory of the arrays {@link data} hands out. */
  buffers(): ArrayBuffer[] {
    return [this.workload.buffer, this.bottleneck.buffer, this.flows.buffer, this.bytes.buffer, this.seconds.buffer] as ArrayBuffer[];
  }

  private grow(): void {
    const n = 2 * this.workload.length;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a as never);
      return b;
    };
    this.workload = grow(this.workload);
    this.bottleneck = grow(this.bottleneck);
    this.flows = grow(this.flows);
    this.bytes = grow(this.bytes);
    this.seconds = grow(this.seconds);
    this.next = grow(this.next);
  }
}

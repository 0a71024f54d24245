// resourceCsv: the rows of links.csv and bottlenecks.csv, written from a resource recorder's accounts.
import { spannedS } from "../core/elapsedS.js";
import type { Topology } from "../net/Topology.js";
import type { RowSink } from "./CsvWriter.js";
import { clampFraction } from "./roundoff.js";
import { tierOf, type Tier } from "./tierOf.js";

/** Columns of links.csv, in order. */
export const LINK_CSV_HEADERS = [
  "link",
  "from",
  "to",
  "tier",
  "capacity_gbps",
  "bytes",
  "mean_util",
  "peak_util",
  "p95_util",
  "saturated_frac",
  "bottleneck_flow_s",
] as const;

/** Columns of bottlenecks.csv, in order. */
export const BOTTLENECK_CSV_HEADERS = [
  "rank",
  "resource",
  "tier",
  "capacity_gbps",
  "bottleneck_flow_s",
  "bottleneck_share",
  "saturated_frac",
  "mean_util",
] as const;

/** One row of the bottleneck ranking. */
export interface BottleneckEntry {
  /** Resource id. */
  resource: number;
  /** Readable name ("a->b", "node:x"). */
  name: string;
  /** Tier ({@link tierOf}: "leaf-spine", "appliance", …). */
  tier: Tier;
  capacityBps: number;
  /** Σ over flows of the seconds this resource was their bottleneck. */
  bottleneckFlowS: number;
  /** bottleneckFlowS over the total of all resources (flows bound by their own cap are not counted). */
  share: number;
  saturatedFrac: number;
  meanUtil: number;
}

/** Columns a transport adds to links.csv (the queue columns), filled per channel when rows are written. */
export interface LinkColumns {
  headers: readonly string[];
  cells: (channel: number) => Array<number | string>;
}

/** What links.csv reads of a resource recorder: its accounts per resource, closed at the horizon. */
export interface LinkAccounts {
  readonly horizonS: number;
  bytesOf(r: number): number;
  meanUtilOf(r: number): number;
  peakUtilOf(r: number): number;
  p95UtilOf(r: number): number;
  saturatedFracOf(r: number): number;
  bottleneckFlowSOf(r: number): number;
}

/**
 * Write links.csv's rows (see {@link LINK_CSV_HEADERS}, then each of `extra`'s headers) into
 * `sink`: one per directed channel of `topology`, in channel order, yielding after each row.
 * Fractions are clamped to [0, 1] (round-off), bytes rounded to whole bytes and
 * `bottleneck_flow_s` to the digits the horizon's instants resolve ({@link spannedS}).
 */
export function* emitLinkRows(sink: RowSink, accounts: LinkAccounts, topology: Topology, extra: readonly LinkColumns[]): Generator<void> {
  const t = topology;
  for (let ch = 0; ch < t.channelCount; ch++) {
    sink.text(t.resourceName(ch));
    sink.text(t.nodeIds[t.channelFrom[ch]]);
    sink.text(t.nodeIds[t.channelTo[ch]]);
    sink.text(tierOf(t, ch));
    sink.number((t.resourceCapacityBps[ch] * 8) / 1e9);
    sink.number(Math.round(accounts.bytesOf(ch)));
    sink.number(clampFraction(accounts.meanUtilOf(ch)));
    sink.number(clampFraction(accounts.peakUtilOf(ch)));
    sink.number(clampFraction(accounts.p95UtilOf(ch)));
    sink.number(clampFraction(accounts.saturatedFracOf(ch)));
    sink.number(spannedS(accounts.bottleneckFlowSOf(ch), accounts.horizonS));
    for (const g of extra) {
      const cells = g.cells(ch);
      for (let i = 0; i < g.headers.length; i++) {
        const v = cells[i];
        if (typeof v === "number") sink.number(v);
        else sink.text(v ?? "");
      }
    }
    sink.endRow();
    yield;
  }
}

/** Write bottlenecks.csv's rows of `ranking` (see {@link BOTTLENECK_CSV_HEADERS}) into `sink`, yielding after each row. */
export function* emitBottleneckRows(sink: RowSink, ranking: readonly BottleneckEntry[]): Generator<void> {
  let rank = 0;
  for (const e of ranking) {
    sink.number(++rank);
    sink.text(e.name);
    sink.text(e.tier);
    sink.number((e.capacityBps * 8) / 1e9);
    sink.number(e.bottleneckFlowS);
    sink.number(clampFraction(e.share));
    sink.number(clampFraction(e.saturatedFrac));
    sink.number(clampFraction(e.meanUtil));
    sink.endRow();
    yield;
  }
}

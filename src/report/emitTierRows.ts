// emitTierRows: tiers.csv's rows from the table's cells and names alone (no topology), so either thread can write them.
import { spannedS } from "../core/elapsedS.js";
import type { RowSink } from "./CsvWriter.js";

/**
 * What tiers.csv is written from: a {@link TierTable}'s cells, (workloads + 1) × T of them
 * (workload ⌊i / T⌋, `all` last; tier `labels[i mod T]`). Plain strings and typed arrays, so
 * that it can be posted to a worker thread (see OffloadedResourceRecorder's report jobs).
 */
export interface TierData {
  /** The workloads' names, in scenario order. */
  names: readonly string[];
  /** The table's tiers, in row order. */
  labels: readonly string[];
  boundS: Float64Array;
  bytes: Float64Array;
  crossing: Float64Array;
  /** With queues only: the `queueing_flow_s` column's sums. */
  waitedS?: Float64Array;
  /** The run's makespan (`bottleneck_flow_s` and `queueing_flow_s` are rounded to the digits it resolves; 0: as summed). */
  horizonS: number;
}

/** Write tiers.csv's rows into `sink`, yielding when the sink is full (see CsvWriter's streamTable). */
export function* emitTierRows(d: TierData, sink: RowSink): Generator<void> {
  const { cells, count, boundTotalS } = filledTierRows(d);
  const T = d.labels.length;
  const { boundS, bytes, crossing, waitedS, horizonS } = d;
  for (let j = 0; j < count; j++) {
    const i = cells[j];
    const w = (i / T) | 0;
    const total = boundTotalS[w];
    sink.text(w < d.names.length ? d.names[w] : "all");
    sink.text(d.labels[i - w * T]);
    sink.number(spannedS(boundS[i], horizonS));
    sink.number(total > 0 ? boundS[i] / total : NaN);
    sink.number(bytes[i]);
    sink.number(crossing[i]);
    if (waitedS) sink.number(spannedS(waitedS[i], horizonS));
    sink.endRow();
    if (sink.full) yield;
  }
}

/**
 * tiers.csv's rows in file order — per workload, then `all`, each tier that bound or carried
 * one of its flows — as their cell indices i (workload ⌊i / T⌋, tier i mod T; `cells[0 …
 * count)`), and per workload (`all` last) its bound seconds over every tier, the share's
 * denominator: typed arrays, not an object per row (tiers.csv has a row per tier of each of
 * 100,000 transfers).
 */
export function filledTierRows(d: Pick<TierData, "names" | "labels" | "boundS" | "crossing">): { cells: Int32Array; count: number; boundTotalS: Float64Array } {
  const T = d.labels.length;
  const W = d.names.length + 1;
  const { boundS, crossing } = d;
  const cells = new Int32Array(W * T);
  const boundTotalS = new Float64Array(W);
  let count = 0;
  for (let w = 0; w < W; w++) {
    let total = 0;
    for (let k = 0; k < T; k++) total += boundS[w * T + k];
    boundTotalS[w] = total;
    for (let k = 0; k < T; k++) {
      const i = w * T + k;
      if (boundS[i] === 0 && crossing[i] === 0) continue;
      cells[count++] = i;
    }
  }
  return { cells, count, boundTotalS };
}

// Workload specs in engine units (seconds, bytes, bytes/s), as the scenario layer produces them.

/** A bulk transfer between two nodes, optionally repeated. */
export interface TransferSpec {
  kind: "transfer";
  /** Flow id in reports; `transfer<index>` when absent. */
  id?: string;
  src: string;
  dst: string;
  sizeBytes: number;
  startS: number;
  /** Pinned path as node ids (src first, dst last). */
  path?: string[];
  /** Max-min weight (default 1). */
  weight?: number;
  /** Rate cap, bytes/s. */
  capBps?: number;
  /** Start `count` copies in all, one every `everyS` seconds from `startS`. */
  repeat?: { count: number; everyS: number };
}

/** How a traffic workload picks the endpoints of each arrival. */
export type TrafficPattern = "uniform" | "permutation" | "incast" | "all-to-all";

/** The traffic patterns, for validation messages. */
export const TRAFFIC_PATTERNS: readonly TrafficPattern[] = ["uniform", "permutation", "incast", "all-to-all"];

/**
 * A flow-size distribution. `cdf` is "websearch", "datamining" or an absolute path to a
 * CSV file of `size_bytes,cdf` rows.
 */
export type SizeSpec =
  | { fixed: number }
  | { exponential: { meanBytes: number } }
  | { lognormal: { medianBytes: number; sigma: number } }
  | { pareto: { meanBytes: number; shape: number } }
  | { cdf: string };

/** Synthetic datacenter traffic: Poisson arrivals of flows between hosts. */
export interface TrafficSpec {
  kind: "traffic";
  /** Workload name: prefix of flow ids and seed of its random streams. */
  name: string;
  /** Host node ids taking part (the scenario layer defaults this to all hosts). */
  hosts: string[];
  pattern: TrafficPattern;
  /** Poisson arrival rate, arrivals per second (see `arrivalRateForLoad`). */
  arrivalRatePerS: number;
  size: SizeSpec;
  /** Senders per incast arrival. */
  fanIn?: number;
  startS: number;
  /** Arrivals happen strictly before startS + durationS. */
  durationS?: number;
  /** Maximum number of arrivals (an incast or all-to-all arrival is a group of flows). */
  flows?: number;
}

/**
 * Many bulk transfers in columns (a trace replay, read from a CSV file): row i starts a flow
 * `ids[i]` of `sizeBytes[i]` from `nodes[src[i]]` to `nodes[dst[i]]` at `startS[i]`, on the
 * pinned path `pathNodes[pathStart[i] … pathStart[i + 1])` (node numbers into `nodes`) when
 * that is not empty, else on shortest paths. A million rows take about 60 bytes each plus
 * their ids, not an object per row.
 */
export interface TransferList {
  /** Number of rows. */
  count: number;
  /** Flow id of each row (unique). */
  ids: string[];
  /** The node ids the rows name, each once. */
  nodes: string[];
  src: Int32Array;
  dst: Int32Array;
  sizeBytes: Float64Array;
  startS: Float64Array;
  /** Absent when no row pins a path; else `count + 1` offsets into `pathNodes`. */
  pathStart?: Int32Array;
  pathNodes?: Int32Array;
}

/** Bulk transfers given as a {@link TransferList}: one workload, one flow per row. */
export interface TransferListSpec {
  kind: "transfers";
  /** Workload name (default "transfers<index in workloads>"). */
  name: string;
  list: TransferList;
}

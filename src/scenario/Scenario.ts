// Scenario: a validated scenario file in engine units (seconds, bytes, bytes/s), ready to build and run.
import type { RoutingMetric } from "../net/Router.js";
import type { FatTreeSpec } from "../net/fatTree.js";
import type { LeafSpineSpec } from "../net/leafSpine.js";
import type { LinkSpec, NodeSpec } from "../net/TopologyBuilder.js";

/**
 * How big each flow of a traffic workload is, in bytes. `cdf` is "websearch",
 * "datamining" or the absolute path of a CSV file (resolved against the scenario file).
 */
export type SizeSpec =
  | { fixed: number }
  | { exponential: { meanBytes: number } }
  | { lognormal: { medianBytes: number; sigma: number } }
  | { pareto: { meanBytes: number; shape: number } }
  | { cdf: string };

/** One bulk transfer (optionally repeated), in engine units. */
export interface TransferSpec {
  kind: "transfer";
  /** Flow id in reports; unique across the scenario when given. */
  id?: string;
  src: string;
  dst: string;
  sizeBytes: number;
  startS: number;
  /** Pinned path as node ids, src first and dst last (checked to follow links). */
  path?: string[];
  /** Max-min weight, > 0 (default 1). */
  weight?: number;
  /** Rate cap, bytes/s, > 0. */
  capBps?: number;
  /** Start `count` copies, the i-th at startS + i·everyS. */
  repeat?: { count: number; everyS: number };
}

/** Traffic patterns of a {@link TrafficSpec}. */
export type TrafficPattern = "uniform" | "permutation" | "incast" | "all-to-all";

/** Synthetic datacenter traffic: flows arriving among a set of hosts, in engine units. */
export interface TrafficSpec {
  kind: "traffic";
  /** Unique workload name (default "traffic<index in workloads>"). */
  name: string;
  /** Hosts taking part; absent means every node of kind "host". */
  hosts?: string[];
  pattern: TrafficPattern;
  /** Offered load as a fraction in (0, 1] of the hosts' access capacity. */
  load: number;
  size: SizeSpec;
  /** Senders per incast (incast only); fewer than the number of hosts. */
  fanIn?: number;
  startS: number;
  /** Exactly one of durationS and flows is set. */
  durationS?: number;
  /** Number of flow arrivals. */
  flows?: number;
}

/** Any workload a scenario can declare. */
export type WorkloadSpec = TransferSpec | TrafficSpec;

/** One part of a topology: explicit nodes and links and/or generated fabrics. */
export interface TopologyPart {
  /** Where this part sits in the file, for messages: "topology" or "topology[2]". */
  keyPath: string;
  nodes: NodeSpec[];
  links: LinkSpec[];
  fatTree?: FatTreeSpec;
  leafSpine?: LeafSpineSpec;
}

/** A validated scenario. */
export interface Scenario {
  /** The scenario file as given (used in messages). */
  file: string;
  /** Name (default: the file's base name without extension). */
  name: string;
  /** Run seed (default 1). */
  seed: number;
  description?: string;
  /** Stop time, seconds; absent means run until every workload is done. */
  untilS?: number;
  routing: { metric: RoutingMetric };
  /** Topology parts in file order; later parts may link to nodes of earlier ones. */
  topology: TopologyPart[];
  workloads: WorkloadSpec[];
}

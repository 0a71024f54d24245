// Scenario: a validated scenario file in engine units (seconds, bytes, bytes/s), ready to build and run.
import type { RoutingMetric } from "../net/Router.js";
import type { FatTreeSpec } from "../net/fatTree.js";
import type { GpuClusterSpec } from "../net/gpuCluster.js";
import type { LeafSpineSpec } from "../net/leafSpine.js";
import type { LinkSpec, NodeSpec } from "../net/TopologyBuilder.js";
import type { EventSpec } from "./EventSpec.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import type { SizeSpec, TrafficPattern, TransferSpec } from "../workloads/specs.js";

export type { SizeSpec, TrafficPattern, TransferSpec } from "../workloads/specs.js";

/**
 * Synthetic datacenter traffic as the scenario states it (an offered load); the run turns
 * it into the workload's {@link import("../workloads/specs.js").TrafficSpec} (an arrival rate).
 */
export interface TrafficLoadSpec {
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
  /** How its flows are carried (the scenario's transport merged with the workload's); absent means maxmin. */
  transport?: TransportSpec;
}

/** Any workload a scenario can declare. */
export type WorkloadSpec = TransferSpec | TrafficLoadSpec;

/** One part of a topology: explicit nodes and links and/or generated fabrics. */
export interface TopologyPart {
  /** Where this part sits in the file, for messages: "topology" or "topology[2]". */
  keyPath: string;
  nodes: NodeSpec[];
  links: LinkSpec[];
  fatTree?: FatTreeSpec;
  leafSpine?: LeafSpineSpec;
  gpuCluster?: GpuClusterSpec;
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
  /** Path metric, and the delay after a link or node goes down or up before routes change, seconds. */
  routing: { metric: RoutingMetric; convergenceS: number };
  /** The scenario-level transport (absent means maxmin); each workload carries its merged one. */
  transport?: TransportSpec;
  /** Topology parts in file order; later parts may link to nodes of earlier ones. */
  topology: TopologyPart[];
  workloads: WorkloadSpec[];
  /** Timeline of network changes and surges, in file order (empty when none). */
  events: EventSpec[];
  /** Interval of timeseries.csv, seconds; absent means no time series. */
  reportIntervalS?: number;
}

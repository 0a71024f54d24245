// Scenario: a validated scenario file in engine units (seconds, bytes, bytes/s), ready to build and run.
import type { ChakraSpec } from "../workloads/chakra/ChakraSpec.js";
import type { CostSpec } from "../net/CostSpec.js";
import type { RoutingMetric } from "../net/Router.js";
import type { RoutingPolicy } from "../net/RoutingPolicy.js";
import type { TeSpec } from "../net/TrafficEngineer.js";
import type { Clos3Spec } from "../net/clos3.js";
import type { DragonflySpec } from "../net/dragonfly.js";
import type { FatTreeSpec } from "../net/fatTree.js";
import type { GpuClusterSpec } from "../net/gpuCluster.js";
import type { LeafSpineSpec } from "../net/leafSpine.js";
import type { TorusSpec } from "../net/torus.js";
import type { LinkSpec, NodeSpec } from "../net/TopologyBuilder.js";
import type { EventSpec } from "./EventSpec.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import type { SizeSpec, TrafficPattern, TransferListSpec, TransferSpec } from "../workloads/specs.js";
import type { AgentsSpec } from "../workloads/agents/AgentsSpec.js";
import type { InferenceSpec, ServiceSpec } from "../workloads/serving/ServingSpecs.js";

import type { TrainingSpec } from "../workloads/training/TrainingSpec.js";

export type { SizeSpec, TrafficPattern, TransferList, TransferListSpec, TransferSpec } from "../workloads/specs.js";
export type { TrainingSpec } from "../workloads/training/TrainingSpec.js";

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

/** A bulk transfer as the scenario states it, with its merged transport (absent means maxmin). */
export type TransferLoadSpec = TransferSpec & { transport?: TransportSpec };

/**
 * Transfers listed in a CSV file as the scenario states them: the list in columns, the file
 * as the messages name it, and the way back from a row to its cell for messages about it.
 */
export type TransferListLoadSpec = TransferListSpec & {
  /** The CSV file, as messages name it (relative to where the scenario file was named from). */
  file: string;
  /** "line:column (name)" of row `row`'s cell `column` in the file (of its `hop`-th node for the path). */
  locate(row: number, column: "id" | "src" | "dst" | "path", hop?: number): string;
  /** An hpcc or htsim file under the "hosts" rule: `list.nodes` are integers i, named after the topology is built by `mapHostNumbers` (the i-th node of kind host). */
  hostNumbers?: boolean;
  transport?: TransportSpec;
};

/** A training job as the scenario states it, with its merged transport (training defaults to rdma). */
export type TrainingLoadSpec = TrainingSpec & { transport?: TransportSpec };

/** A pool of inference replicas as the scenario states it: explicit GPUs, or a count placed on the topology's GPUs. */
export type ReplicaPool = { gpus: string[] } | { replicas: number };

/**
 * An inference workload as the scenario states it; the run resolves its pools to GPU ids
 * (see `placeReplicas`) to make the workload's {@link InferenceSpec}.
 */
export interface InferencePlacementSpec extends Omit<InferenceSpec, "gpus" | "disaggregation" | "coldStart"> {
  /** Colocated replicas; absent when disaggregated. */
  pool?: ReplicaPool;
  disaggregation?: { prefill: ReplicaPool; decode: ReplicaPool; kvBytesPerToken: number };
  /** Storage nodes absent means every node of kind "storage". */
  coldStart?: { weightsBytes: number; storageNodes?: string[] };
  /** How its KV-cache and weight flows are carried. */
  transport?: TransportSpec;
}

/** A service as the scenario states it (its flows ride on its callers' contexts). */
export type ServiceLoadSpec = ServiceSpec & { transport?: TransportSpec };

/** An agent population as the scenario states it, with its merged transport (connection: new/persistent ⇒ tcp). */
export type AgentsLoadSpec = AgentsSpec & { transport?: TransportSpec };

/** A Chakra trace replay as the scenario states it, with its merged transport (rdma by default, like training). */
export type ChakraLoadSpec = ChakraSpec & { transport?: TransportSpec };

/** Any workload a scenario can declare. */
export type WorkloadSpec = TransferLoadSpec | TransferListLoadSpec | TrafficLoadSpec | TrainingLoadSpec | ServiceLoadSpec | InferencePlacementSpec | AgentsLoadSpec | ChakraLoadSpec;

/** The generated fabrics a part or a site may hold. */
export interface Fabrics {
  fatTree?: FatTreeSpec;
  leafSpine?: LeafSpineSpec;
  gpuCluster?: GpuClusterSpec;
  clos3?: Clos3Spec;
  torus?: TorusSpec;
  dragonfly?: DragonflySpec;
}

/** A site as the scenario states it: a border node `id` at a place, optionally with a fabric and access hosts. */
export interface SiteSpec {
  id: string;
  kind: string;
  /** A city of data/cities.csv; gives the coordinates and the default country. */
  city?: string;
  latDeg?: number;
  lonDeg?: number;
  country?: string;
  jurisdiction?: string;
  provider?: string;
  /** A fabric inside the site; its ids are prefixed with `<id>.`. */
  fabric?: Fabrics;
  /** Links from the border to each top switch of the fabric. */
  uplink?: { bandwidthBps: number; latencyS: number };
  /** Access hosts `<id>.h{i}` linked to the border. */
  hosts?: { count: number; bandwidthBps: number; latencyS: number };
}

/** A WAN link between two sites; latency from great-circle distance × inflation ÷ 2e8 m/s unless given. */
export interface WanLinkSpec {
  from: string;
  to: string;
  bandwidthBps: number;
  latencyS?: number;
  inflation: number;
}

/** One part of a topology: explicit nodes and links and/or generated fabrics ({@link Fabrics}). */
export interface TopologyPart extends Fabrics {
  /** Where this part sits in the file, for messages: "topology" or "topology[2]". */
  keyPath: string;
  nodes: NodeSpec[];
  links: LinkSpec[];
  sites?: SiteSpec[];
  wan?: WanLinkSpec[];
}

/** A routing policy as the scenario states it: the workloads it binds, by name. */
export interface PolicySpec extends RoutingPolicy {
  workloads: string[];
}

/** A validated scenario. */
export interface Scenario {
  /** The scenario file as given (used in messages). */
  file: string;
  /**
   * Files the workloads read besides the scenario (CDF files, transfer lists, Chakra rank
   * files), as resolved, in workload order: their contents belong to a study run's key.
   */
  inputFiles: string[];
  /** Name (default: the file's base name without extension). */
  name: string;
  /** Run seed (default 1). */
  seed: number;
  description?: string;
  /** Stop time, seconds; absent means run until every workload is done. */
  untilS?: number;
  /** Path metric, the delay after a link or node goes down or up before routes change (seconds), and the TE controller (absent: static ECMP). */
  routing: { metric: RoutingMetric; convergenceS: number; te?: TeSpec };
  /** Routing policies in file order (empty when none). */
  policies: PolicySpec[];
  /** The scenario-level transport (absent means maxmin); each workload carries its merged one. */
  transport?: TransportSpec;
  /** Default buffer and ECN marking threshold of every port, bytes (absent: see `queueSettings`). */
  queues?: { bufferBytes?: number; ecnThresholdBytes?: number };
  /** Topology parts in file order; later parts may link to nodes of earlier ones. */
  topology: TopologyPart[];
  workloads: WorkloadSpec[];
  /** Prices for cost.csv (absent: the defaults of net/CostSpec). */
  cost?: CostSpec;
  /** Timeline of network changes and surges, in file order (empty when none). */
  events: EventSpec[];
  /** Interval of timeseries.csv, seconds; absent means no time series. */
  reportIntervalS?: number;
}

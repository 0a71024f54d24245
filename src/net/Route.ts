// Route: the resources a flow crosses and its one-way latency, and the metrics routes are shortest under.

/** Which shortest paths a router follows. */
export type RoutingMetric = "hops" | "latency";

/** A route: the resources a flow crosses (channels, then node capacities) and its one-way latency. */
export interface Route {
  /** Node numbers from source to destination. */
  nodes: Int32Array;
  /** Resource ids crossed: every channel on the path, then the capacity resource of each capacitated node on it. */
  resources: Int32Array;
  /** Sum of the channels' latencies, seconds. */
  latencyS: number;
}

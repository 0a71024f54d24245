// CrossCheckCase: the JSON shape of a cross-check case — an explicit topology and transfers with pinned paths.

/** A node of a case's topology. */
export interface CaseNode {
  id: string;
  /** Tier label ("host", "edge", "agg", "core", "switch"); default "host". */
  kind?: string;
}

/** A full-duplex link: two directed channels of `bandwidth` each, with one-way `latency`. */
export interface CaseLink {
  from: string;
  to: string;
  /** A rate with unit, e.g. "10Gbps", "1.25e9B/s". */
  bandwidth: string;
  /** A time with unit, e.g. "1us"; default "0s". */
  latency?: string;
}

/** A transfer of `size` bytes from `src` to `dst`, started at `start` along the node list `path`. */
export interface CaseTransfer {
  id: string;
  src: string;
  dst: string;
  /** Whole bytes with unit, e.g. "150000B". */
  size: string;
  /** A time with unit, e.g. "0.00123s"; default "0s". */
  start?: string;
  /** Node ids from `src` to `dst`, one directed channel per consecutive pair. */
  path: string[];
}

/**
 * A cross-check case: a chokepoint scenario restricted to what both chokepoint and the
 * SimGrid replay (`run_simgrid.py`) read — explicit nodes and links, pinned transfers.
 */
export interface CrossCheckCase {
  name: string;
  seed: number;
  topology: { nodes: CaseNode[]; links: CaseLink[] };
  workloads: Array<{ transfer: CaseTransfer }>;
}

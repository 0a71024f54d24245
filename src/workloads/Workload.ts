// Workload: the small interface through which workloads reach the network and the clock.
import type { RandomStream } from "../core/randomStream.js";
import type { WorkloadResults } from "./WorkloadResults.js";

/** A transfer a workload asks the network to carry, in engine units. */
export interface TransferRequest {
  /** The flow's id in reports; must be unique in the run. */
  id: string;
  /** Source and destination node ids: the names reports and messages show. */
  src: string;
  dst: string;
  /**
   * `src`'s and `dst`'s node numbers, when the workload resolved them with
   * {@link WorkloadContext.node} (once, not per transfer): the network then looks no name up.
   */
  srcNode?: number;
  dstNode?: number;
  sizeBytes: number;
  /** Pinned path as node ids (src first, dst last); shortest-path ECMP when absent. */
  path?: string[];
  /**
   * `path`'s node numbers when they were resolved (and its links checked) before the run:
   * checkScenario does for a `transfer`'s pinned path. Else the network resolves `path`.
   */
  pathNodes?: ArrayLike<number>;
  /** Max-min weight (default 1). */
  weight?: number;
  /** Rate cap in bytes/s (default none). */
  capBps?: number;
  /**
   * Extra one-way route latencies spent in flight before the first byte (default 0): an
   * aggregated transfer standing for k back-to-back steps passes k − 1 here so it keeps
   * every step's latency. Ignored by the `tcp` transport.
   */
  extraLatencies?: number;
  /**
   * tcp only: the transfer answers one that just went the other way on the same connection
   * (a response), so when no idle connection is reused it pays no handshake — the request paid it.
   */
  reply?: boolean;
  /**
   * The application connection the transfer rides, when its caller keeps connections (an
   * agent's connection to a service, see `workloads/connections/`): `handle` identifies the
   * connection, `opens` marks the transfer that opens it. `tcp` then pays its handshake only
   * when `opens` and keeps each direction's window on the connection, instead of pooling
   * connections per endpoint pair itself; the fluid models ignore it.
   */
  connection?: { handle: object; opens: boolean };
}

/** What the route between two nodes costs, for placement decisions (e.g. "nearest replica"). */
export interface PathInfo {
  /** One-way latency of the route, seconds (Infinity when unreachable). */
  latencyS: number;
  /** Links on the route (Infinity when unreachable). */
  hops: number;
}

/** What a workload learns when one of its transfers completes. */
export interface TransferResult {
  id: string;
  startS: number;
  finishS: number;
  /** The flow number `startTransfer` returned for it (so one callback can serve many transfers). */
  flow: number;
}

/**
 * What a workload learns when one of its transfers is given up: after a link or node
 * failure no path to its destination remained (or its pinned path stayed broken), so the
 * rest of its bytes will never arrive.
 */
export interface TransferFailure {
  id: string;
  startS: number;
  /** When it was given up, seconds. */
  failedS: number;
}

/**
 * The only view of the simulation a workload gets (after ASTRA-sim's workload/network
 * split): start a transfer, be called back when it completes, schedule (and cancel) a timer,
 * read the clock, draw randomness from a named stream, number its nodes.
 */
export interface WorkloadContext {
  /** Current simulated time, seconds. */
  nowS(): number;
  /**
   * Call `fn(tag)` at absolute time `atS` (≥ now); returns a handle for {@link cancel}. Timers
   * that differ only by a number (the n-th arrival) can share one `fn` made once, the number
   * passed as `tag` (default 0), instead of a closure each.
   */
  schedule(atS: number, fn: (tag: number) => void, tag?: number): number;
  /** Cancel a timer `schedule` returned, so it never fires; false when it already fired or was cancelled. */
  cancel(handle: number): boolean;
  /**
   * Start a transfer now; `onComplete` runs when its last byte is delivered. Returns the
   * flow's number (its row in flows.csv), which records such as a collective's keep.
   * If the network gives the transfer up (scenario `events` took its destination out of
   * reach), `onComplete` is never called and `onFailed`, when given, is called instead.
   */
  startTransfer(request: TransferRequest, onComplete?: (result: TransferResult) => void, onFailed?: (failure: TransferFailure) => void): number;
  /** A random stream derived from the run seed, this workload's name and `name`. */
  random(name: string): RandomStream;
  /** Latency and hop count of the route a flow from `src` to `dst` would take (first ECMP choice). */
  pathInfo(src: string, dst: string): PathInfo;
  /**
   * The node number of node id `name`, for {@link TransferRequest.srcNode}/`dstNode`.
   *
   * @throws InputError when the network has no such node.
   */
  node(name: string): number;
}

/** A source of traffic. `start` is called once at time 0 and schedules everything else. */
export interface Workload {
  /** Stable name (used to derive random streams and default flow ids). */
  readonly name: string;
  start(ctx: WorkloadContext): void;
  /** Records for jobs.csv, collectives.csv and requests.csv, read once after the run. */
  results?(): WorkloadResults;
  /**
   * Multiply the workload's arrival rate by `factor` (> 0) from now on, relative to its
   * configured rate (1 restores it). Implemented by workloads with an arrival process; a
   * scenario `surge` event on a workload without it is an input error.
   */
  setRateFactor?(factor: number): void;
}

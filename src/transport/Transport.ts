// Transport: the plug-in contract of a transport model — start a transfer on a route, its per-flow columns, its shared per-run state.
import type { RandomStream } from "../core/randomStream.js";
import type { Simulation } from "../core/Simulation.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { QueueState } from "../net/queues/QueueState.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import type { TransportSpec } from "./TransportSpec.js";

/** One transfer as a transport receives it (the workload's request, resolved to a route). */
export interface TransportTransfer {
  /** The flow's user-facing id (for weights keyed by id, such as maxmin-rtt's). */
  id: string;
  /** Endpoints (and pinned path) of the connection: transports that pool connections key them by it. */
  pairKey: string;
  sizeBytes: number;
  weight?: number;
  capBps?: number;
  /** A response on the connection its request opened: pays no set-up of its own. */
  reply: boolean;
  /** Extra one-way route latencies before the first byte (an application round trip before it). */
  extraLatencies?: number;
  /** The workload's own connection this transfer rides (see `TransferRequest.connection`): transports that keep connections use it instead of pooling by `pairKey`. */
  connection?: { handle: object; opens: boolean };
}

/** Carries one workload's transfers. */
export interface Transport {
  /** Start `transfer` now on `route`; returns the flow number. `onDone` runs when its last byte is delivered. */
  start(transfer: TransportTransfer, route: Route, onDone: (flow: number) => void): number;
}

/** What a transport model may use of the run: the clock, the network and its queues. */
export interface TransportEnv {
  sim: Simulation;
  network: FlowNetwork;
  queues: QueueState;
  topology: Topology;
  /** A seeded random stream for the model, by name (derived from the run's seed: same seed, same draws). */
  random(name: string): RandomStream;
}

/** A model's state for one run, shared by every workload that uses it, and its per-flow report columns. */
export interface TransportRun {
  /** The transport of one workload with options `spec` (of this model). */
  forWorkload(spec: TransportSpec): Transport;
  /** Columns this model adds to flows.csv (empty for none). */
  readonly columns: readonly string[];
  /** The values of those columns for `flow` (numbers are formatted by the report), or undefined if this model did not carry it. */
  cells(flow: number): Array<number | string> | undefined;
  /** Seconds `flow` waited in queues, for models that meet queues (undefined: not this model's flow, or none). */
  queueingOf?(flow: number): number | undefined;
}

/** A transport model: a name and how to set it up for a run (one folder under transport/, one line in the registry). */
export interface TransportModel {
  readonly name: TransportSpec["model"];
  createRun(env: TransportEnv): TransportRun;
}

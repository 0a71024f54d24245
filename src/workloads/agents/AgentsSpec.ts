// AgentsSpec: the engine-unit spec of an agent population (arrivals, connection, sizes, task shape, bounds).
import type { ConnectionSpec } from "../connections/ConnectionSpec.js";
import type { SizeSpec } from "../specs.js";

/**
 * When a population's tasks arrive:
 * - poisson: a Poisson process of total rate ratePerS (agent drawn uniformly per arrival);
 * - onOff: the same during `onS`-long bursts separated by `offS` of silence, from the start;
 * - pareto: every agent on its own, with Pareto(mean meanGapS, shape) gaps between its tasks;
 * - profile: a Poisson process whose total rate is piecewise constant, `ratePerS` from `atS`
 *   (relative to the population's start) to the next step; rate 0 before the first step;
 * - periodic: one task every `everyS` from the start (agents in turn), for exact hand checks.
 */
export type ArrivalSpec =
  | { periodic: { everyS: number } }
  | { poisson: { ratePerS: number } }
  | { onOff: { onS: number; offS: number; ratePerS: number } }
  | { pareto: { meanGapS: number; shape: number } }
  | { profile: Array<{ atS: number; ratePerS: number }> };

/** A population of agents calling services by name. */
export interface AgentsSpec {
  kind: "agents";
  /** Population (workload) name: prefix of its request ids. */
  name: string;
  /** "bot" or "human", copied into every record. */
  agentKind: string;
  /** Agents in the population; agent a sits on nodes[a mod nodes.length]. */
  count: number;
  nodes: string[];
  arrival: ArrivalSpec;
  /** Request and response sizes of calls to services (inference endpoints size their own). */
  request: SizeSpec;
  response: SizeSpec;
  /** Endpoints (service or inference workload names) each task calls. */
  calls: string[];
  /** All calls at once (done when the last returns), or one after the other. */
  mode: "parallel" | "chain";
  startS: number;
  /** Tasks arrive strictly before startS + durationS. */
  durationS?: number;
  /** At most this many tasks. */
  tasks?: number;
  /** How the agents hold connections to services, when the population's transport has connections (tcp); absent: none are modelled. */
  connections?: ConnectionSpec;
}

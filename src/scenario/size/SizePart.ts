// SizePart: one part of a scenario's size estimate, the bytes each thing it counts holds, and the two shapes of part (topology, workload).
import { formatCount } from "../formatCount.js";
import type { TransferSpec } from "../Scenario.js";

/**
 * Bytes each thing holds during a run, measured on this code base (see docs/scenarios.md,
 * Limits, for how). They are lower ends of what was measured, so an estimate under-states
 * rather than over-states: a refusal means the run certainly cannot fit.
 */
export const BYTES_PER = {
  /** A node: its id and kind, the id map entry, per-node typed arrays (measured ≈ 200 B). */
  node: 200,
  /** A link: the builder's record and pair key, two directed channels, the router's and the recorders' per-channel arrays (≈ 170 B built + 150 B per run). */
  link: 300,
  /** A flow started: typed-array state, route slot, recorder state, its id string (measured 527 B for a repeated transfer, ≈ 1 KB for traffic). */
  flow: 500,
  /** An agents request, beyond its two flows: its request record and its share of a task record. */
  request: 100,
  /** An agent of a Pareto population: its own pending arrival and timer state. */
  paretoAgent: 100,
  /** A training iteration's record, or one collective's record. */
  record: 100,
  /** An entry of a training plan (a gradient bucket, a pipeline pass). */
  planEntry: 50,
} as const;

/** One part of a scenario (a fabric, a workload…) and what it makes. */
export interface SizePart {
  /** Key path in the file, e.g. "topology.fatTree" or "workloads[2].traffic". */
  keyPath: string;
  /** What it makes, for messages: "250,000,000 hosts: 251,250,000 nodes and 750,000,000 links". */
  what: string;
  nodes: number;
  links: number;
  flows: number;
  /** Simulation events it causes, at least (arrivals, flow activations and completions, compute steps, decode steps). */
  events: number;
  /** Memory it holds during a run, bytes (see {@link BYTES_PER}). */
  bytes: number;
}

/** The estimated size of a whole scenario: the sums over its parts. */
export interface ScenarioSize {
  nodes: number;
  links: number;
  flows: number;
  events: number;
  bytes: number;
  parts: SizePart[];
}

/** Where the parts of an estimate go (estimateScenarioSize): a list of them, or only their sums. */
export interface PartSink {
  add(part: SizePart): void;
  /** Transfer workload `i` (`w`): its part in a list; in the sums only its counts (no key path or text made). */
  addTransfer(w: TransferSpec, i: number, untilS: number | undefined): void;
}

/** a·b with 0·∞ = 0 (an empty window of an infinite rate issues nothing). */
export function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

/** The part of a topology entry making `nodes` nodes and `links` links, its text led by `head` when given. */
export function topologyPart(keyPath: string, nodes: number, links: number, head?: string): SizePart {
  return {
    keyPath,
    what: `${head ? `${head}: ` : ""}${formatCount(nodes)} nodes and ${formatCount(links)} links`,
    nodes,
    links,
    flows: 0,
    events: 0,
    bytes: nodes * BYTES_PER.node + links * BYTES_PER.link,
  };
}

/** The part of a workload making `flows` flows and `events` events and holding `bytes`, described by `what`. */
export function workloadPart(keyPath: string, what: string, flows: number, events: number, bytes: number): SizePart {
  return { keyPath, what, nodes: 0, links: 0, flows, events, bytes };
}

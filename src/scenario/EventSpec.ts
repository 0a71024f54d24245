// EventSpec: a scenario event in engine units (seconds, bytes/s), naming links and nodes by id.

/**
 * One event of the scenario's timeline. Links are named by their end nodes (either order,
 * both directions change together); `atS` is when it happens.
 */
export type EventSpec =
  | { kind: "linkDown" | "linkUp"; atS: number; from: string; to: string }
  | { kind: "nodeDown" | "nodeUp"; atS: number; node: string }
  | { kind: "linkCapacity"; atS: number; from: string; to: string; capacityBps: number }
  | { kind: "nodeCapacity"; atS: number; node: string; capacityBps: number }
  | { kind: "latency"; atS: number; from: string; to: string; latencyS: number }
  /** The workload's arrival rate × factor over [atS, untilS). */
  | { kind: "surge"; atS: number; untilS: number; workload: string; factor: number };

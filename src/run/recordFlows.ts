// recordFlows: run a scenario and keep every flow as it ran — endpoints, size, start, route, finish — for export to SimGrid or a notebook.
import { InputError } from "../core/InputError.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import type { PreparedScenario } from "../scenario/prepareScenario.js";
import type { Scenario } from "../scenario/Scenario.js";
import { simulate } from "./simulate.js";

/** One flow of a run, as chokepoint carried it. */
export interface RecordedFlow {
  id: string;
  /** The workload that started it. */
  workload: string;
  src: string;
  dst: string;
  sizeBytes: number;
  /** When the flow was requested, seconds. */
  startS: number;
  /** When its first byte starts to drain: start (+ a transport's start delay) + the route's one-way latency, as FlowNetwork computes it. */
  activationS: number;
  /** When its last byte was delivered, seconds (NaN if the run stopped first). */
  finishS: number;
  /** Rate cap, bytes/s (Infinity for none). */
  capBps: number;
  /** Sharing weight (1 unless given one). */
  weight: number;
  /** The route it ran on: nodes, resources (channels, then node capacities) and latency. */
  route: Route;
}

/** A run's flows, in the order they started (flow number order). */
export interface RecordedRun {
  topology: Topology;
  seed: number;
  flows: RecordedFlow[];
}

/**
 * Why `scenario` cannot be exported as a SimGrid platform whose maxmin answers match, or
 * null if it can: the platform is static and CM02 shares plainly, so a scenario with
 * events (failures, capacity changes, surges), traffic engineering (flows moved mid-run) or
 * a workload carried by a transport other than `maxmin` (rdma, maxmin-rtt, tcp — training
 * defaults to rdma) is refused. Flows of every workload kind are exported as they ran
 * (start times and sizes as recorded; a training job's or an agent's later flows start when
 * the run started them).
 */
export function simgridRefusal(scenario: Scenario): string | null {
  if (scenario.events.length > 0) {
    return `the scenario has events (failures, capacity changes or surges); a SimGrid platform is static, so only scenarios without events can be exported`;
  }
  if (scenario.routing.te) return `the scenario has traffic engineering (routing.te), which moves flows during the run; a SimGrid route is fixed, so remove routing.te to export it`;
  for (const [i, w] of scenario.workloads.entries()) {
    const model = w.transport?.model ?? "maxmin";
    if (model !== "maxmin") {
      return `workloads[${i}] (${w.kind}${"name" in w && w.name ? ` "${w.name}"` : ""}) is carried by the ${model} transport${w.kind === "training" ? " (training defaults to rdma)" : ""}; only maxmin flows match SimGrid's CM02 — set transport: { model: maxmin } (on the workload or the scenario) to export it`;
    }
  }
  return null;
}

/** Run `prepared` to completion (or its stop time) without writing reports, and record every flow. */
export function recordFlows(prepared: PreparedScenario, options: { seed?: number } = {}): RecordedRun {
  const s = simulate(prepared, { seed: options.seed });
  const n = s.network;
  const topology = prepared.topology;
  const flows: RecordedFlow[] = [];
  for (let f = 0; f < n.flowCount; f++) {
    const route = n.routeOf(f);
    const startS = n.startOf(f);
    const delayS = n.startDelayOf(f);
    flows.push({
      id: s.labels[f],
      workload: s.workloads[s.workloadOfFlow[f]].name,
      src: topology.nodeIds[route.nodes[0]],
      dst: topology.nodeIds[route.nodes[route.nodes.length - 1]],
      sizeBytes: n.sizeOf(f),
      startS,
      // The very sum FlowNetwork.startFlow schedules the activation at.
      activationS: delayS ? startS + delayS + route.latencyS : startS + route.latencyS,
      finishS: n.finishOf(f),
      capBps: n.capOf(f),
      weight: n.weightOf(f),
      route,
    });
  }
  return { topology, seed: s.seed, flows };
}

/** Refuse a recorded run SimGrid cannot replay as it ran: a weighted flow (CM02 shares equally). */
export function checkSimgridFlows(run: RecordedRun): void {
  const weighted = run.flows.find((f) => f.weight !== 1);
  if (weighted) {
    throw new InputError(`flow "${weighted.id}" has weight ${weighted.weight}; SimGrid 3.32 shares a link equally among its communications, so a scenario with weighted flows cannot be exported to SimGrid`);
  }
}

// TrafficEngineer: an SDN controller that measures link utilisation every interval and, after a reaction delay, moves flows to less-loaded equal-cost paths.
import type { Simulation } from "../core/Simulation.js";
import type { FlowNetwork } from "./FlowNetwork.js";
import type { Route, Router } from "./Router.js";
import type { Topology } from "./Topology.js";

/** How the controller picks a flow's path among its equal-cost candidates. */
export type TeMode = "least-loaded" | "min-max" | "fair-share";

/** Settings of the traffic-engineering controller. */
export interface TeSpec {
  /** Seconds between two measurements (> 0). */
  intervalS: number;
  /** Seconds between a measurement and the route changes it leads to (≥ 0). */
  delayS: number;
  mode: TeMode;
}

/**
 * Every `intervalS` (from t = 0) the controller measures: the rate of every draining
 * flow and, per resource, the sum of those rates (load). `delayS` later it applies
 * its decisions: flows measured, still live, are taken in order of decreasing measured
 * rate (ties: lower flow number first); each one's load is taken off its current route
 * and it gets, among the shortest paths its router would use (the ECMP candidates),
 * the path minimising the largest cost over its channels and node capacities:
 *
 * Capacities are those in force when the decisions are applied (FlowNetwork.capacityOf),
 * so a link degraded or upgraded by a scenario event is seen as it is:
 *
 * - `least-loaded`: cost = load ÷ capacity (the measured utilisation, without the flow);
 * - `min-max`: cost = (load + the flow's rate) ÷ capacity (utilisation after placing it);
 * - `fair-share`: cost = (flows measured on it + 1) ÷ capacity, the inverse of the equal
 *   share the flow would get there; the path with the best worst share wins. Max-min flows
 *   are elastic, so a busy path is saturated (utilisation 1) whatever its number of flows:
 *   the two utilisation modes cannot tell two saturated paths apart, this one can.
 *
 * The flow moves (FlowNetwork.reroute, with its remaining bytes; it pays the new route's
 * one-way latency again, as after a failure) only when that cost is lower than its
 * current route's by more than 1e-9, so equal choices never churn; its rate is then
 * added to the load of the route it ends on, so later flows see it. Ties between paths go
 * to the lower channel number (Router.minMaxRoute). New flows take their ECMP route;
 * the controller moves them at the next round. Deterministic: no randomness at all.
 *
 * The controller stops rescheduling itself when no other event is pending (the run is
 * over), so it never keeps an idle run alive. Cost per round: one pass over the flows
 * started so far plus a DAG search per measured flow.
 */
export class TrafficEngineer {
  /** Flows moved so far. */
  moves = 0;
  /** Rounds applied so far. */
  rounds = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly topology: Topology,
    private readonly network: FlowNetwork,
    private readonly spec: TeSpec,
    /** The router of a flow (its workload's policy), or null for a flow that must not move (a pinned path). */
    private readonly routerOf: (flow: number) => Router | null,
  ) {}

  /** Schedule the first measurement at time 0 (or now, if later). */
  start(): void {
    this.sim.at(this.sim.nowS, () => this.tick());
  }

  private tick(): void {
    // Nothing else pending: every flow is done and no workload will start one.
    if (this.sim.queue.size === 0) return;
    const net = this.network;
    const load = new Float64Array(this.topology.resourceCount);
    const count = new Float64Array(this.topology.resourceCount);
    const flows: number[] = [];
    const rates: number[] = [];
    for (let f = 0; f < net.flowCount; f++) {
      const r = net.rateOf(f);
      if (!(r > 0)) continue;
      flows.push(f);
      rates.push(r);
      const res = net.routeOf(f).resources;
      for (let i = 0; i < res.length; i++) {
        load[res[i]] += r;
        count[res[i]]++;
      }
    }
    if (flows.length > 0) this.sim.at(this.sim.nowS + this.spec.delayS, () => this.apply(flows, rates, load, count));
    this.sim.at(this.sim.nowS + this.spec.intervalS, () => this.tick());
  }

  private apply(flows: number[], rates: number[], load: Float64Array, count: Float64Array): void {
    this.rounds++;
    const net = this.network;
    // The capacity in force now (a capacity event may have degraded or upgraded a link).
    const capacity = (r: number) => net.capacityOf(r);
    const order = flows.map((_, i) => i).sort((a, b) => rates[b] - rates[a] || flows[a] - flows[b]);
    const channels = this.topology.channelCount;
    const mode = this.spec.mode;
    for (const i of order) {
      const f = flows[i];
      const rate = rates[i];
      const current = net.routeOf(f);
      if (!net.isLive(f)) continue;
      const router = this.routerOf(f);
      const nodes = current.nodes;
      const place = (route: Route) => {
        for (const r of route.resources) {
          load[r] += rate;
          count[r]++;
        }
      };
      // Remove the flow's measured load from its route (clamped: it may have moved since the measurement).
      for (const r of current.resources) {
        load[r] = Math.max(0, load[r] - rate);
        count[r] = Math.max(0, count[r] - 1);
      }
      if (router) {
        const add = mode === "min-max" ? rate : 0;
        const cost = mode === "fair-share" ? (r: number) => utilisation(count[r] + 1, capacity(r)) : (r: number) => utilisation(load[r] + add, capacity(r));
        // Read and write capacities sit on every candidate alike: only channels and through capacities choose.
        const best = router.minMaxRoute(nodes[0], nodes[nodes.length - 1], cost);
        if (best && !sameResources(best, current) && bottleneck(best, cost, channels, this.topology) < bottleneck(current, cost, channels, this.topology) * (1 - 1e-9)) {
          net.reroute(f, best);
          this.moves++;
          place(best);
          continue;
        }
      }
      place(current);
    }
  }
}

function utilisation(loadBps: number, capacityBps: number): number {
  if (capacityBps > 0) return loadBps / capacityBps;
  return loadBps > 0 ? Infinity : 0;
}

/** The largest cost of a route's channels and through capacities (the terms Router.minMaxRoute compares). */
function bottleneck(route: Route, cost: (resource: number) => number, channels: number, t: Topology): number {
  let b = 0;
  for (const r of route.resources) {
    if (r < channels) b = Math.max(b, cost(r));
  }
  for (let i = 1; i < route.nodes.length; i++) {
    const r = t.nodeCapacityResource[route.nodes[i]];
    if (r >= 0) b = Math.max(b, cost(r));
  }
  return b;
}

function sameResources(a: Route, b: Route): boolean {
  if (a.resources.length !== b.resources.length) return false;
  for (let i = 0; i < a.resources.length; i++) if (a.resources[i] !== b.resources[i]) return false;
  return true;
}

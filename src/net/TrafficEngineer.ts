// TrafficEngineer: an SDN controller that measures link utilisation every interval and, after a reaction delay, moves flows to less-loaded paths (equal-cost, or k-shortest) or installs capacity-weighted splits (WCMP).
import type { Simulation } from "../core/Simulation.js";
import type { FlowNetwork } from "./FlowNetwork.js";
import type { Path } from "./kShortestPaths.js";
import type { Route } from "./Route.js";
import type { Router } from "./Router.js";
import type { Topology } from "./Topology.js";

/** How the controller picks a flow's path among its candidates, or (`wcmp`) splits a pair's flows over them. */
export type TeMode = "least-loaded" | "min-max" | "fair-share" | "wcmp";

/** The candidate paths beyond equal-cost ones: Yen's k shortest loopless paths between two endpoints, within a stretch. */
export interface TePaths {
  /** Most candidates per pair of endpoints (≥ 1). */
  k: number;
  /** Largest cost of a candidate as a multiple of the shortest one's (≥ 1; Infinity: no bound). */
  stretch: number;
}

/** Settings of the traffic-engineering controller. */
export interface TeSpec {
  /** Seconds between two measurements (> 0). */
  intervalS: number;
  /** Seconds between a measurement and the route changes it leads to (≥ 0). */
  delayS: number;
  mode: TeMode;
  /** k-shortest candidates between the flows' endpoints (required for `wcmp`); absent: the equal-cost paths. */
  paths?: TePaths;
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
 * With `paths`, a flow between two different endpoints (site borders, or the nodes
 * themselves outside sites: Router.teEndpoint) chooses instead among its route with the
 * part between the endpoints replaced by each of the k shortest paths between them
 * (Router.candidatePaths, Router.splice), so it may take a longer path that is idle; a
 * flow inside one endpoint keeps the equal-cost candidates.
 *
 * `wcmp` (requires `paths`) splits instead of choosing: the measured flows (those that
 * ended since included: their rates were the load) are grouped by (router, endpoint pair),
 * in order of their lowest flow number. For each group,
 * each candidate path gets the weight
 *
 *   min over its channels and inner node capacities r of
 *     max(capacity(r) − others' load on r, capacity(r) ÷ (others' flows on r + 1))
 *
 * — the capacity the group's traffic can count on there: what other groups leave unused,
 * but at least the share max-min fairness gives one more flow (others' elastic flows fill a
 * link whatever they need, so their rate alone would say "full"). The weights are installed
 * in the router's split table (Router.splits), which deals the group's new flows (and those
 * rerouted after a failure) over the paths in proportion to the weights. The group's measured
 * flows still live are then re-pinned to the same proportions with as few moves as possible: with
 * quota q_p = (flows in the group) × w_p ÷ Σw, a flow stays on its path while that path
 * holds fewer than ⌈q_p⌉ staying flows (in flow order); the others move, each to the path
 * with the largest q_p − (flows on it), ties to the shorter path. If every weight is 0 (no
 * usable candidate) the split is removed and new flows take their ECMP route.
 *
 * The controller stops rescheduling itself when no other event is pending (the run is
 * over), so it never keeps an idle run alive. Cost per round: one pass over the flows
 * started so far plus a DAG search per measured flow (with `paths`: a route per candidate;
 * `wcmp`: one pass over the group's routes). Candidate paths are cached per pair until a
 * link's state changes.
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
    if (this.spec.mode === "wcmp") return this.applySplits(flows, rates, load, count);
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
        const best = this.spec.paths ? this.bestCandidate(router, current, cost, this.spec.paths) : router.minMaxRoute(nodes[0], nodes[nodes.length - 1], cost);
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

  /** Among the flow's k-shortest candidates (its route with each candidate path spliced in), the one with the smallest largest cost; ties to the shorter path. */
  private bestCandidate(router: Router, current: Route, cost: (resource: number) => number, paths: TePaths): Route | null {
    const nodes = current.nodes;
    const a = router.teEndpoint(nodes[0]);
    const b = router.teEndpoint(nodes[nodes.length - 1]);
    if (a === b) return router.minMaxRoute(nodes[0], nodes[nodes.length - 1], cost);
    let best: Route | null = null;
    let bestCost = Infinity;
    for (const p of router.candidatePaths(a, b, paths.k, paths.stretch)) {
      const r = router.splice(current, a, b, p);
      if (!r) continue;
      const c = bottleneck(r, cost, this.topology.channelCount, this.topology);
      if (best === null || c < bestCost) {
        best = r;
        bestCost = c;
      }
    }
    return best;
  }

  /** `wcmp`: install capacity-weighted splits per endpoint pair and re-pin the measured flows to them (see the class doc). */
  private applySplits(flows: number[], rates: number[], load: Float64Array, count: Float64Array): void {
    this.rounds++;
    const net = this.network;
    const t = this.topology;
    const n = t.nodeCount;
    const { k, stretch } = this.spec.paths!;
    // Groups of the measured flows (ended since or not: their rates were the load) by router
    // (policy), then endpoint pair, each in order of its lowest flow number.
    const groups = new Map<Router, Map<number, number[]>>();
    flows.forEach((f, i) => {
      const router = this.routerOf(f);
      if (!router) return;
      const nodes = net.routeOf(f).nodes;
      const a = router.teEndpoint(nodes[0]);
      const b = router.teEndpoint(nodes[nodes.length - 1]);
      if (a === b) return;
      let pairs = groups.get(router);
      if (!pairs) groups.set(router, (pairs = new Map()));
      const key = a * n + b;
      const members = pairs.get(key);
      if (members) members.push(i);
      else pairs.set(key, [i]);
    });
    for (const [router, pairs] of groups) {
      for (const [key, members] of pairs) {
        const a = Math.floor(key / n);
        const b = key % n;
        const paths = router.candidatePaths(a, b, k, stretch);
        const ownLoad = new Map<number, number>();
        const ownCount = new Map<number, number>();
        for (const i of members) {
          for (const r of net.routeOf(flows[i]).resources) {
            ownLoad.set(r, (ownLoad.get(r) ?? 0) + rates[i]);
            ownCount.set(r, (ownCount.get(r) ?? 0) + 1);
          }
        }
        const available = (r: number) => {
          const capacity = net.capacityOf(r);
          if (!(capacity > 0)) return 0;
          const others = Math.max(0, load[r] - (ownLoad.get(r) ?? 0));
          const otherFlows = Math.max(0, count[r] - (ownCount.get(r) ?? 0));
          return Math.max(capacity - others, capacity / (otherFlows + 1));
        };
        const weights = paths.map((p) => (router.pathUsable(p) ? pathAvailable(p, available, t) : 0));
        if (!weights.some((w) => w > 0)) {
          router.splits.delete(key);
          continue;
        }
        router.splits.set(key, paths, weights);
        this.repin(router, members.map((i) => flows[i]).filter((f) => net.isLive(f)), a, b, paths, weights);
      }
    }
  }

  /** Move the fewest of a group's flows so the paths hold them in proportion to `weights` (see the class doc). */
  private repin(router: Router, group: number[], a: number, b: number, paths: Path[], weights: number[]): void {
    const net = this.network;
    const total = weights.reduce((x, y) => x + y, 0);
    const quota = weights.map((w) => (group.length * w) / total);
    const held = weights.map(() => 0);
    const movers: number[] = [];
    for (const f of group) {
      const p = pathIndexOf(net.routeOf(f), a, b, paths);
      if (p >= 0 && weights[p] > 0 && held[p] < Math.ceil(quota[p] - 1e-9)) held[p]++;
      else movers.push(f);
    }
    for (const f of movers) {
      let to = -1;
      for (let p = 0; p < paths.length; p++) {
        if (weights[p] > 0 && (to < 0 || quota[p] - held[p] > quota[to] - held[to])) to = p;
      }
      const current = net.routeOf(f);
      const route = router.splice(current, a, b, paths[to]);
      if (!route) continue;
      held[to]++;
      if (sameResources(route, current)) continue;
      net.reroute(f, route);
      this.moves++;
    }
  }
}

/** The smallest `available` over a path's channels and the capacities of its inner nodes (its endpoints are shared by every candidate). */
function pathAvailable(p: Path, available: (resource: number) => number, t: Topology): number {
  let a = Infinity;
  for (const ch of p.channels) a = Math.min(a, available(ch));
  for (let i = 1; i + 1 < p.nodes.length; i++) {
    const r = t.nodeCapacityResource[p.nodes[i]];
    if (r >= 0) a = Math.min(a, available(r));
  }
  return a;
}

/** Which of `paths` a route takes from `a` to `b`, or -1. */
function pathIndexOf(route: Route, a: number, b: number, paths: Path[]): number {
  const i = route.nodes.indexOf(a);
  if (i < 0) return -1;
  for (let p = 0; p < paths.length; p++) {
    const chs = paths[p].channels;
    if (i + chs.length >= route.nodes.length || route.nodes[i + chs.length] !== b) continue;
    let same = true;
    for (let h = 0; h < chs.length && same; h++) same = route.resources[i + h] === chs[h];
    if (same) return p;
  }
  return -1;
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

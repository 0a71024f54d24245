// scheduleEvents: put a scenario's timeline on the simulation clock — network changes now, routing after the convergence delay, surges on workloads.
import { InputError } from "../core/InputError.js";
import type { Simulation } from "../core/Simulation.js";
import type { NetworkDynamics, RerouteHooks } from "../net/NetworkDynamics.js";
import type { Topology } from "../net/Topology.js";
import { csvNumber } from "../report/csvNumber.js";
import type { EventRecord } from "../report/eventsCsv.js";
import type { EventSpec } from "../scenario/EventSpec.js";
import type { Workload } from "../workloads/Workload.js";

/** What {@link scheduleEvents} acts on. */
export interface EventTargets {
  sim: Simulation;
  topology: Topology;
  dynamics: NetworkDynamics;
  /** Reroutes or fails flows when routes converge. */
  hooks: RerouteHooks;
  /** The run's workloads, by name, for surges. */
  workloads: readonly Workload[];
  /** Delay between a link or node going down or up and the routes changing, seconds. */
  convergenceS: number;
  /** The scenario file, for messages. */
  file: string;
  /** Receives a record of each event as it applies and of each convergence (events.csv). */
  log?: EventRecord[];
}

/**
 * Schedule every event of `events` (ids already checked by checkEvents). Link and node
 * failures and recoveries change capacities at their time and call
 * `dynamics.converge` on the links concerned `convergenceS` later; capacity and latency
 * changes apply at their time. A surge multiplies its workload's rate factor by `factor`
 * at `atS` and divides it back at `untilS`; overlapping surges multiply (the factor is
 * recomputed as the product of the surges in force, in the order they started).
 *
 * @throws InputError when a surge names a workload without `setRateFactor`.
 */
export function scheduleEvents(events: readonly EventSpec[], targets: EventTargets): void {
  const { sim, topology, dynamics, hooks, convergenceS } = targets;
  const nodeOf = (id: string): number => topology.nodeIndex.get(id)!;
  const linkOf = (from: string, to: string): number => dynamics.linkBetween(nodeOf(from), nodeOf(to));
  const log = targets.log;
  const linkName = (l: number) => `${topology.nodeIds[topology.channelFrom[2 * l]]}<->${topology.nodeIds[topology.channelTo[2 * l]]}`;
  const record = (kind: string, target: string, detail = "", untilS?: number) => log?.push({ atS: sim.nowS, ...(untilS !== undefined && { untilS }), kind, target, detail });
  const converge = (links: number[]) =>
    sim.at(sim.nowS + convergenceS, () => {
      if (!log) return dynamics.converge(links, hooks);
      // Count what the convergence did, for events.csv; the hooks decide as before.
      const entry: EventRecord = { atS: sim.nowS, kind: "converge", target: links.map(linkName).join(" "), detail: "", reroutedFlows: 0, failedFlows: 0 };
      dynamics.converge(links, {
        routeFor: (f) => {
          const route = hooks.routeFor(f);
          if (route) entry.reroutedFlows!++;
          return route;
        },
        failed: (f) => {
          entry.failedFlows!++;
          hooks.failed(f);
        },
      });
      log.push(entry);
    });
  const surges = new Map<Workload, number[]>();
  const gbps = (bytesPerS: number) => `capacity_gbps=${csvNumber((bytesPerS * 8) / 1e9)}`;
  events.forEach((e, i) => {
    switch (e.kind) {
      case "linkDown":
        sim.at(e.atS, () => {
          record("linkDown", `${e.from}<->${e.to}`);
          converge(dynamics.linkDown(linkOf(e.from, e.to)));
        });
        return;
      case "linkUp":
        sim.at(e.atS, () => {
          record("linkUp", `${e.from}<->${e.to}`);
          converge(dynamics.linkUp(linkOf(e.from, e.to)));
        });
        return;
      case "nodeDown":
        sim.at(e.atS, () => {
          record("nodeDown", e.node);
          converge(dynamics.nodeDown(nodeOf(e.node)));
        });
        return;
      case "nodeUp":
        sim.at(e.atS, () => {
          record("nodeUp", e.node);
          converge(dynamics.nodeUp(nodeOf(e.node)));
        });
        return;
      case "linkCapacity":
        sim.at(e.atS, () => {
          record("capacity", `${e.from}<->${e.to}`, gbps(e.capacityBps));
          dynamics.setLinkCapacity(linkOf(e.from, e.to), e.capacityBps);
        });
        return;
      case "nodeCapacity":
        sim.at(e.atS, () => {
          record("capacity", `node:${e.node}`, gbps(e.capacityBps));
          dynamics.setNodeCapacity(nodeOf(e.node), e.capacityBps);
        });
        return;
      case "latency":
        sim.at(e.atS, () => {
          record("latency", `${e.from}<->${e.to}`, `latency_s=${csvNumber(e.latencyS)}`);
          dynamics.setLinkLatency(linkOf(e.from, e.to), e.latencyS);
        });
        return;
      case "surge": {
        const w = targets.workloads.find((x) => x.name === e.workload);
        if (!w?.setRateFactor) {
          throw new InputError(`${targets.file}: events[${i}].surge.workload: workload "${e.workload}" has no arrival rate to surge`);
        }
        const setRateFactor = w.setRateFactor.bind(w);
        const active = surges.get(w) ?? [];
        surges.set(w, active);
        const apply = () => setRateFactor(active.reduce((p, k) => p * k, 1));
        sim.at(e.atS, () => {
          record("surge", e.workload, `factor=${csvNumber(e.factor)}`, e.untilS);
          active.push(e.factor);
          apply();
        });
        sim.at(e.untilS, () => {
          active.splice(active.indexOf(e.factor), 1);
          apply();
        });
        return;
      }
    }
  });
}

// runChokepoint: run a cross-check case in chokepoint's engine and return every transfer's finish time.
import { performance } from "node:perf_hooks";
import { Simulation } from "../../src/core/Simulation.js";
import { parseQuantity, type UnitKind } from "../../src/core/units.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { IncrementalSharing } from "../../src/net/IncrementalSharing.js";
import { Router, type Route } from "../../src/net/Router.js";
import type { SharingEngine } from "../../src/net/SharingEngine.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import type { CrossCheckCase } from "./CrossCheckCase.js";

/** Sharing engines a case can be run with, by name. */
export const SHARING_ENGINES: Record<string, (capacityBps: Float64Array) => SharingEngine> = {
  full: (capacityBps) => new FullSharing(capacityBps),
  incremental: (capacityBps) => new IncrementalSharing(capacityBps),
};

/** What {@link runChokepoint} measured. */
export interface ChokepointRun {
  /** Finish time (last byte delivered) of every transfer, seconds, by transfer id. */
  finishS: Map<string, number>;
  /** Start time of every transfer, seconds, by transfer id. */
  startS: Map<string, number>;
  /** Wall time of building the network and running the simulation (JSON parsing excluded), seconds. */
  wallS: number;
  /** Simulation events dispatched. */
  events: number;
}

/**
 * Run `c` in chokepoint: a topology from its explicit nodes and links, each transfer on its
 * pinned path (Router.pinned) started at its start time, shared by the named engine
 * (default "full", see {@link SHARING_ENGINES}).
 *
 * A small self-contained reader, meant to be replaced by the scenario loader later.
 *
 * @throws Error naming the field when a quantity, node or path is invalid.
 */
export function runChokepoint(c: CrossCheckCase, engine = "full"): ChokepointRun {
  const makeEngine = SHARING_ENGINES[engine];
  if (!makeEngine) {
    throw new Error(`unknown sharing engine "${engine}" — use ${Object.keys(SHARING_ENGINES).join(" or ")}`);
  }
  const began = performance.now();
  const b = new TopologyBuilder();
  for (const n of c.topology.nodes) b.addNode({ id: n.id, kind: n.kind ?? "host" });
  c.topology.links.forEach((l, i) => {
    b.addLink({
      from: l.from,
      to: l.to,
      bandwidthBps: quantity(l.bandwidth, "rate", `topology.links[${i}].bandwidth`),
      latencyS: quantity(l.latency ?? "0s", "time", `topology.links[${i}].latency`),
    });
  });
  const topology = b.build();
  const router = new Router(topology);
  const sim = new Simulation();
  const network = new FlowNetwork(sim, makeEngine(topology.resourceCapacityBps));
  const ids: string[] = [];
  const startS = new Map<string, number>();
  const flowOf = new Map<string, number>();
  c.workloads.forEach(({ transfer: t }, i) => {
    const where = `workloads[${i}].transfer`;
    const nodes = t.path.map((id) => {
      const n = topology.nodeIndex.get(id);
      if (n === undefined) throw new Error(`${where}.path: unknown node "${id}"`);
      return n;
    });
    if (t.path[0] !== t.src || t.path[t.path.length - 1] !== t.dst) {
      throw new Error(`${where}.path must run from "${t.src}" to "${t.dst}"`);
    }
    const route: Route | string = router.pinned(nodes);
    if (typeof route === "string") throw new Error(`${where}.path: ${route}`);
    const sizeBytes = quantity(t.size, "size", `${where}.size`);
    const start = quantity(t.start ?? "0s", "time", `${where}.start`);
    if (startS.has(t.id)) throw new Error(`${where}.id: "${t.id}" is used twice`);
    ids.push(t.id);
    startS.set(t.id, start);
    sim.at(start, () => flowOf.set(t.id, network.startFlow(route, sizeBytes)));
  });
  const result = sim.run();
  const finishS = new Map<string, number>();
  for (const id of ids) finishS.set(id, network.finishOf(flowOf.get(id)!));
  return { finishS, startS, wallS: (performance.now() - began) / 1000, events: result.events };
}

function quantity(text: unknown, kind: UnitKind, where: string): number {
  const r = parseQuantity(text, kind);
  if (!r.ok) throw new Error(`${where}: ${r.reason}`);
  return r.value;
}

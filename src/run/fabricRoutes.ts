// fabricRoutes: the routes of a scenario's generated fabrics that route by their structure (dragonflies, tori, fat-trees), for the run's router.
import { DragonflyRoutes } from "../net/DragonflyRoutes.js";
import type { DragonflySpec } from "../net/dragonfly.js";
import type { FabricRoutes } from "../net/FabricRoutes.js";
import { FatTreeRoutes } from "../net/FatTreeRoutes.js";
import type { FatTreeSpec } from "../net/fatTree.js";
import type { Topology } from "../net/Topology.js";
import { TorusRoutes } from "../net/TorusRoutes.js";
import type { TorusSpec } from "../net/torus.js";
import type { Scenario } from "../scenario/Scenario.js";

/**
 * The {@link FabricRoutes} of `scenario`'s dragonflies (in parts and in sites) whose routing
 * is `minimal` or `valiant`, of its tori (their shortest paths from coordinates, the
 * routes the router's tables would give) and of its fat-trees (the same from the tree's
 * structure, between hosts of a closed tree under `hops`: {@link FatTreeRoutes}), or null
 * when it has none: every other flow keeps the router's shortest paths, so other scenarios
 * route exactly as before.
 */
export function fabricRoutes(scenario: Scenario, topology: Topology): FabricRoutes | null {
  const dragonflies: DragonflySpec[] = [];
  const tori: TorusSpec[] = [];
  const trees: FatTreeSpec[] = [];
  for (const part of scenario.topology) {
    if (part.dragonfly) dragonflies.push(part.dragonfly);
    if (part.torus) tori.push(part.torus);
    if (part.fatTree) trees.push(part.fatTree);
    for (const site of part.sites ?? []) {
      if (site.fabric?.dragonfly) dragonflies.push(site.fabric.dragonfly);
      if (site.fabric?.torus) tori.push(site.fabric.torus);
      if (site.fabric?.fatTree) trees.push(site.fabric.fatTree);
    }
  }
  const routed = dragonflies.filter((d) => d.routing !== "shortest");
  const all: FabricRoutes[] = [];
  if (routed.length > 0) all.push(new DragonflyRoutes(topology, routed));
  if (tori.length > 0) all.push(new TorusRoutes(topology, tori, scenario.routing.metric));
  // Only under hops (it answers nothing else), and only for trees that are closed.
  if (trees.length > 0 && scenario.routing.metric === "hops") {
    const fatTrees = new FatTreeRoutes(topology, trees, scenario.routing.metric);
    if (fatTrees.treeCount > 0) all.push(fatTrees);
  }
  if (all.length <= 1) return all[0] ?? null;
  // Their nodes are disjoint: at most one answers for a pair.
  return {
    channels: (...args) => {
      for (const f of all) {
        const found = f.channels(...args);
        if (found) return found;
      }
      return null;
    },
    viewChanged: (down, latencyS) => {
      for (const f of all) f.viewChanged?.(down, latencyS);
    },
  };
}

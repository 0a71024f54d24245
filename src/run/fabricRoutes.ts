// fabricRoutes: the routes of a scenario's generated fabrics that route by their structure (dragonflies), for the run's router.
import { DragonflyRoutes } from "../net/DragonflyRoutes.js";
import type { DragonflySpec } from "../net/dragonfly.js";
import type { FabricRoutes } from "../net/FabricRoutes.js";
import type { Topology } from "../net/Topology.js";
import type { Scenario } from "../scenario/Scenario.js";

/**
 * The {@link FabricRoutes} of `scenario`'s dragonflies (in parts and in sites) whose routing
 * is `minimal` or `valiant`, or null when it has none: every other flow keeps the router's
 * shortest paths, so scenarios without a dragonfly route exactly as before.
 */
export function fabricRoutes(scenario: Scenario, topology: Topology): FabricRoutes | null {
  const dragonflies: DragonflySpec[] = [];
  for (const part of scenario.topology) {
    if (part.dragonfly) dragonflies.push(part.dragonfly);
    for (const site of part.sites ?? []) if (site.fabric?.dragonfly) dragonflies.push(site.fabric.dragonfly);
  }
  const routed = dragonflies.filter((d) => d.routing !== "shortest");
  return routed.length > 0 ? new DragonflyRoutes(topology, routed) : null;
}

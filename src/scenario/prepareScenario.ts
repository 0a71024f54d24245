// prepareScenario: load, build and check a scenario file in one call — everything that can fail before a run starts.
import type { Topology } from "../net/Topology.js";
import { buildTopology } from "./buildTopology.js";
import { checkScenario } from "./checkScenario.js";
import { loadScenario, type LoadLimits } from "./loadScenario.js";
import type { Scenario } from "./Scenario.js";

/** A scenario that passed every check, with its network built. */
export interface PreparedScenario {
  scenario: Scenario;
  topology: Topology;
}

/** Load, validate, build and check `file`; throws the first problem as one InputError sentence. */
export function prepareScenario(file: string, limits?: LoadLimits): PreparedScenario {
  const scenario = loadScenario(file, limits);
  const topology = buildTopology(scenario);
  checkScenario(scenario, topology);
  return { scenario, topology };
}

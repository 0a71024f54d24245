// prepareScenario: load, build and check a scenario file in one call — everything that can fail before a run starts.
import type { Topology } from "../net/Topology.js";
import { buildTopology } from "./buildTopology.js";
import { checkScenario } from "./checkScenario.js";
import { loadScenario, scenarioFromDocument, type LoadLimits } from "./loadScenario.js";
import type { Scenario } from "./Scenario.js";

/** A scenario that passed every check, with its network built. */
export interface PreparedScenario {
  scenario: Scenario;
  topology: Topology;
}

/** Load, validate, build and check `file`; throws the first problem as one InputError sentence. */
export function prepareScenario(file: string, limits?: LoadLimits): PreparedScenario {
  return prepared(loadScenario(file, limits));
}

/** Validate, build and check an already parsed document (a study point), named `file` in messages. */
export function prepareScenarioDocument(document: Record<string, unknown>, file: string): PreparedScenario {
  return prepared(scenarioFromDocument(document, file));
}

function prepared(scenario: Scenario): PreparedScenario {
  const topology = buildTopology(scenario);
  checkScenario(scenario, topology);
  return { scenario, topology };
}

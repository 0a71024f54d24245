// prepareScenario: load, build and check a scenario file in one call — everything that can fail before a run starts.
import type { Topology } from "../net/Topology.js";
import { buildTopology } from "./buildTopology.js";
import { phaseMark } from "../core/phaseMark.js";
import { checkScenario } from "./checkScenario.js";
import { checkScenarioSize } from "./checkScenarioSize.js";
import { estimateScenarioSize } from "./estimateScenarioSize.js";
import type { ScenarioSize } from "./size/SizePart.js";
import { createHash } from "node:crypto";
import { loadScenarioFile, scenarioFromDocument, type LoadLimits } from "./loadScenario.js";
import type { PinnedHops } from "./PinnedHops.js";
import type { Scenario } from "./Scenario.js";

/** A scenario that passed every check, with its network built. */
export interface PreparedScenario {
  scenario: Scenario;
  topology: Topology;
  /** What a run makes (nodes, links, flows, events) and the memory it needs, estimated before building anything. */
  size: ScenarioSize;
  /** The transfers' pinned paths as node numbers of `topology`, resolved by the checks (absent: resolved when each flow starts). */
  pinned?: PinnedHops;
  /** SHA-256 (hex) of the scenario file's bytes as loaded, when asked for ({@link prepareScenario}'s `sha256`): run.json's `scenario_hash`. */
  fileSha256?: string;
}

/** Options of {@link prepareScenario}. */
export interface PrepareOptions {
  /** Also hash the file's bytes as read ({@link PreparedScenario.fileSha256}), so that a run need not read the file again. */
  sha256?: boolean;
}

/** Load, validate, build and check `file`; throws the first problem as one InputError sentence. */
export function prepareScenario(file: string, limits?: LoadLimits, options: PrepareOptions = {}): PreparedScenario {
  const { scenario, bytes } = loadScenarioFile(file, limits);
  phaseMark("load");
  const fileSha256 = options.sha256 ? createHash("sha256").update(bytes).digest("hex") : undefined;
  const out = prepared(scenario);
  return fileSha256 === undefined ? out : { ...out, fileSha256 };
}

/** Validate, build and check an already parsed document (a study point), named `file` in messages. */
export function prepareScenarioDocument(document: Record<string, unknown>, file: string): PreparedScenario {
  return prepared(scenarioFromDocument(document, file));
}

/**
 * The size is checked twice: before the network is built (the fabrics and every count the
 * file states), so that an absurd fabric or flow count is refused in bounded memory, and
 * again once the network is known (traffic bounded by duration gets its arrival rate from
 * the hosts' access capacity).
 */
function prepared(scenario: Scenario): PreparedScenario {
  checkScenarioSize(scenario.file, estimateScenarioSize(scenario));
  const topology = buildTopology(scenario);
  phaseMark("topology");
  const pinned = checkScenario(scenario, topology);
  const size = estimateScenarioSize(scenario, topology);
  checkScenarioSize(scenario.file, size);
  return { scenario, topology, size, pinned };
}

// validateCommand: `chokepoint validate <scenario>` — every check a run makes before simulating, and nothing else.
import { buildWorkloads } from "../run/buildWorkloads.js";
import { prepareScenario } from "../scenario/prepareScenario.js";
import type { CliIo } from "./cli.js";

/** Check a scenario file; prints a one-line description and resolves to 0, or throws InputError. */
export function validateCommand(file: string, io: CliIo): number {
  const { scenario, topology } = prepareScenario(file);
  const workloads = buildWorkloads(scenario, topology);
  io.stdout.write(
    `${file}: ok — "${scenario.name}", ${topology.nodeCount} nodes, ${topology.channelCount / 2} links, ` +
      `${workloads.length} workload${workloads.length === 1 ? "" : "s"}\n`,
  );
  return 0;
}

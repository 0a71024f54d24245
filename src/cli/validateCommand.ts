// validateCommand: `chokepoint validate <scenario>` — every check a run makes before simulating, and nothing else.
import { buildWorkloads } from "../run/buildWorkloads.js";
import { readScenarioDocument } from "../scenario/loadScenario.js";
import { placeholderHint } from "../scenario/placeholderHint.js";
import { prepareScenarioDocument } from "../scenario/prepareScenario.js";
import { prepareSearch } from "../search/prepareSearch.js";
import { runStudy } from "../sweep/runStudy.js";
import type { CliIo } from "./cli.js";

/** Check a scenario file (or every point of a study); prints one line and resolves to 0, or throws InputError. */
export async function validateCommand(file: string, io: CliIo): Promise<number> {
  // Read once: the document decides between a search, a study and a scenario, and is then validated as it is.
  const document = readScenarioDocument(file);
  if ("search" in document) {
    const { study, search } = prepareSearch(file);
    io.stdout.write(
      `${file}: ok — a search over ${study.points.length} designs × ${study.spec.repeat} replications, ` +
        `${search.targets.length} target${search.targets.length === 1 ? "" : "s"}, every design valid\n`,
    );
    return 0;
  }
  if ("sweep" in document) {
    const study = await runStudy(file, { outDir: "", jobs: 1, dryRun: true, version: "", print: () => {} });
    io.stdout.write(`${file}: ok — a study of ${study.points} points, ${study.runs} runs, every point valid\n`);
    return 0;
  }
  let prepared;
  try {
    prepared = prepareScenarioDocument(document, file);
  } catch (err) {
    // A study's ${…} in a plain file: said as `run` says it (loadScenarioFile).
    throw placeholderHint(err, document, file) ?? err;
  }
  const { scenario, topology } = prepared;
  const workloads = buildWorkloads(scenario, topology);
  io.stdout.write(
    `${file}: ok — "${scenario.name}", ${topology.nodeCount} nodes, ${topology.channelCount / 2} links, ` +
      `${workloads.length} workload${workloads.length === 1 ? "" : "s"}\n`,
  );
  return 0;
}

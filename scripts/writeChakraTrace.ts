// writeChakraTrace: write Chakra execution traces (.et, one file per rank) — a scenario's training job as its trace, or node lists from JSON.
//
//   npx tsx scripts/writeChakraTrace.ts training SCENARIO JOB OUT_PREFIX
//       the training workload named JOB of SCENARIO (tp = ep = 1, no input, no checkpoint), one
//       iteration, as OUT_PREFIX.<rank>.et (src/workloads/chakra/trainingChakraTrace.ts says how)
//   npx tsx scripts/writeChakraTrace.ts json NODES_JSON OUT_PREFIX
//       NODES_JSON holds one list of nodes per rank: [[{ "id": 0, "type": "COMP_NODE",
//       "durationMicros": 10, "dataDeps": [], "attrs": [{ "name": "comm_size", "int64": 1024 }] }, …], …]
//       (attribute types: int64, int32, uint64, double, bool, string, boolList)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../src/core/InputError.js";
import { prepareScenario } from "../src/scenario/prepareScenario.js";
import { trainingGpus } from "../src/scenario/trainingGpus.js";
import { encodeChakraTrace, type ChakraNodeSpec } from "../src/workloads/chakra/encodeChakraTrace.js";
import { trainingChakraTrace } from "../src/workloads/chakra/trainingChakraTrace.js";
import { TrainingPlan } from "../src/workloads/training/TrainingPlan.js";

function trainingRanks(scenarioFile: string, job: string): ChakraNodeSpec[][] {
  const { scenario, topology } = prepareScenario(scenarioFile);
  const w = scenario.workloads.find((x) => x.kind === "training" && x.name === job);
  if (!w || w.kind !== "training") throw new InputError(`${scenarioFile}: no training workload named "${job}"`);
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) throw new InputError(`${scenarioFile}: ${placed.problem}`);
  return trainingChakraTrace(new TrainingPlan(w, placed.gpus, placed.hostOf));
}

function main(args: string[]): void {
  const [mode, ...rest] = args;
  let ranks: ChakraNodeSpec[][];
  let prefix: string;
  if (mode === "training" && rest.length === 3) {
    ranks = trainingRanks(rest[0], rest[1]);
    prefix = rest[2];
  } else if (mode === "json" && rest.length === 2) {
    ranks = JSON.parse(readFileSync(rest[0], "utf8")) as ChakraNodeSpec[][];
    prefix = rest[1];
  } else throw new InputError("usage: writeChakraTrace.ts training SCENARIO JOB OUT_PREFIX | json NODES_JSON OUT_PREFIX");
  mkdirSync(dirname(prefix), { recursive: true });
  ranks.forEach((nodes, r) => writeFileSync(`${prefix}.${r}.et`, encodeChakraTrace(nodes)));
  process.stdout.write(`wrote ${ranks.length} rank files ${prefix}.0.et … ${prefix}.${ranks.length - 1}.et\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  process.stderr.write(`writeChakraTrace: ${e.message}\n`);
  process.exitCode = 2;
}

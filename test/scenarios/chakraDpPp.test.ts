// scenarios/ai/chakra-dp-pp.yaml replays the Chakra trace of chakra-dp-pp/training.yaml: same iteration times, and the shipped trace is what the script writes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { trainingGpus } from "../../src/scenario/trainingGpus.js";
import { encodeChakraTrace } from "../../src/workloads/chakra/encodeChakraTrace.js";
import { trainingChakraTrace } from "../../src/workloads/chakra/trainingChakraTrace.js";
import { TrainingPlan } from "../../src/workloads/training/TrainingPlan.js";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-chakra-dp-pp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("scenarios/ai/chakra-dp-pp", () => {
  it("the shipped job.<rank>.et files are the trace of training.yaml's job (as scripts/writeChakraTrace.ts writes it)", () => {
    const { scenario, topology } = prepareScenario("scenarios/ai/chakra-dp-pp/training.yaml");
    const w = scenario.workloads[0];
    if (w.kind !== "training") throw new Error("expected a training workload");
    const placed = trainingGpus(w.placement, topology);
    if ("problem" in placed) throw new Error(placed.problem);
    const ranks = trainingChakraTrace(new TrainingPlan(w, placed.gpus, placed.hostOf));
    expect(ranks).toHaveLength(8);
    ranks.forEach((nodes, r) => expect(Buffer.from(encodeChakraTrace(nodes)).equals(readFileSync(`scenarios/ai/chakra-dp-pp/job.${r}.et`)), `rank ${r}`).toBe(true));
  });

  it("the replay's iteration_s equals the training job's within 1e-9 s, iteration by iteration", async () => {
    const times: number[][] = [];
    for (const s of ["chakra-dp-pp.yaml", "chakra-dp-pp/training.yaml"]) {
      const out = join(tmp, s.replace("/", "-"));
      const r = await runCli("run", join("scenarios/ai", s), "--out", out, "--quiet");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      times.push(readCsv(join(out, "jobs.csv")).map((row) => Number(row.iteration_s)));
    }
    expect(times[0]).toHaveLength(2);
    expect(times[1]).toHaveLength(2);
    times[0].forEach((t, i) => expect(Math.abs(t - times[1][i])).toBeLessThan(1e-9));
  });
});

// Tests of runScenario: the output directory is checked before simulating, and a run that fails leaves the earlier reports and no staging.
import { realpathSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

const simulateCalls = vi.hoisted(() => ({ count: 0, failNext: false }));
vi.mock("../../src/run/simulate.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/run/simulate.js")>();
  return {
    ...actual,
    simulate: (...args: Parameters<typeof actual.simulate>) => {
      simulateCalls.count++;
      if (simulateCalls.failNext) {
        simulateCalls.failNext = false;
        throw new Error("out of memory");
      }
      return actual.simulate(...args);
    },
  };
});

describe("runScenario", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "run-scenario-"));
    simulateCalls.count = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses an output directory that cannot be written before simulating anything", async () => {
    for (const outDir of ["/dev/null/x", "/proc/x"]) {
      await expect(runScenario(prepareScenario("scenarios/two-hosts.yaml"), { outDir })).rejects.toBeInstanceOf(InputError);
    }
    expect(simulateCalls.count).toBe(0);
  });

  it("records the scenario file in run.json; a run that fails keeps the earlier reports and leaves no staging", async () => {
    const outDir = join(dir, "out");
    await runScenario(prepareScenario("scenarios/two-hosts.yaml"), { outDir });
    expect(simulateCalls.count).toBe(1);
    const flows = await readFile(join(outDir, "flows.csv"));
    expect(JSON.parse(await readFile(join(outDir, "run.json"), "utf8")).scenario_file).toBe(realpathSync("scenarios/two-hosts.yaml"));
    simulateCalls.failNext = true;
    await expect(runScenario(prepareScenario("scenarios/parking-lot.yaml"), { outDir })).rejects.toThrow("out of memory");
    expect((await readFile(join(outDir, "flows.csv"))).equals(flows)).toBe(true);
    expect(await readdir(dir)).toEqual(["out"]);
  });
});

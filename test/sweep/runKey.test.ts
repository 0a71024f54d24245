// Tests of runKey: one key per scenario and seed, and a stable format.
import { describe, expect, it } from "vitest";
import { runKey } from "../../src/sweep/runKey.js";

describe("runKey", () => {
  const scenario = JSON.stringify({ topology: { fatTree: { k: 4 } }, workloads: [{ traffic: { load: 0.1, flows: 500 } }] });

  it("is the sha256 of the seed and the scenario, the same on every call", () => {
    expect(runKey(scenario, 5)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(runKey(scenario, 5)).toBe(runKey(scenario, 5));
  });

  it("changes with the seed and with any value of the scenario", () => {
    expect(runKey(scenario, 6)).not.toBe(runKey(scenario, 5));
    expect(runKey(scenario.replace("0.1", "0.2"), 5)).not.toBe(runKey(scenario, 5));
    expect(runKey(scenario.replace("500", "50"), 5)).not.toBe(runKey(scenario, 5));
  });
});

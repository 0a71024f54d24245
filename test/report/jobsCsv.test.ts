// jobsCsv: one row per iteration, GPU utilisation = compute / iteration.
import { describe, expect, it } from "vitest";
import { jobsRows } from "../../src/report/jobsCsv.js";

describe("jobsRows", () => {
  it("writes the record and compute_s / iteration_s as gpu_utilization", () => {
    const rows = jobsRows([
      { job: "j", iteration: 2, startS: 1, computeS: 0.3, bubbleS: 0, commS: 0.2, exposedCommS: 0.1, iterationS: 0.4, networkWaitShare: 0.25 },
    ]);
    // 0.3 / 0.4 is 0.7499999999999999 in float64: written to 12 significant digits.
    expect(rows).toEqual([["j", "2", "1", "0.3", "0", "0.2", "0.1", "0.4", "0.25", "0.75"]]);
  });
});

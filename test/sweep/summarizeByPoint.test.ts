// summarizeByPoint: per-point rows of sweep-summary.csv from tidy per-run rows.
import { describe, expect, it } from "vitest";
import { groupSummary, pointSummaryColumns, summarizeByPoint, type TidyRow } from "../../src/sweep/summarizeByPoint.js";

// Two points × three repetitions, as read from sweep.csv (all strings); p1 appears first.
// p1 (800Gbps): fct_s 10, —, 14 (repetition 1 failed); rate_gbps 7, —, 9.
// p0 (400Gbps): fct_s 1, 2, 3; rate_gbps 5, 5, 5.
const ROWS: TidyRow[] = [
  { point: "p1", nic: "800Gbps", repetition: "0", status: "ok", fct_s: "10", rate_gbps: "7" },
  { point: "p0", nic: "400Gbps", repetition: "0", status: "ok", fct_s: "1", rate_gbps: "5" },
  { point: "p1", nic: "800Gbps", repetition: "1", status: "failed", fct_s: "", rate_gbps: "" },
  { point: "p0", nic: "400Gbps", repetition: "1", status: "ok", fct_s: "2", rate_gbps: "5" },
  { point: "p1", nic: "800Gbps", repetition: "2", status: "ok", fct_s: "14", rate_gbps: "9" },
  { point: "p0", nic: "400Gbps", repetition: "2", status: "ok", fct_s: "3", rate_gbps: "5" },
];

describe("summarizeByPoint", () => {
  it("summarizes every metric over the ok runs of each point, in first-appearance order", () => {
    const [p1, p0] = summarizeByPoint(ROWS, ["point", "nic"], ["fct_s", "rate_gbps"]);
    // p1, fct_s: 10, 14 → mean 12, sd √8 = 2.828427, half width t_{.975,1}·√8/√2 = 2 × 12.706205
    // = 25.412409 → [−13.412409, 37.412409].
    // p1, rate_gbps: 7, 9 → mean 8, sd √2, half width 12.706205 → [−4.706205, 20.706205].
    expect(p1).toMatchObject({ point: "p1", nic: "800Gbps", n_ok: 2, n_failed: 1, fct_s_mean: 12, rate_gbps_mean: 8 });
    expect(p1.fct_s_sd).toBeCloseTo(2.828427, 5);
    expect(p1.fct_s_ci95_low).toBeCloseTo(-13.412409, 5);
    expect(p1.fct_s_ci95_high).toBeCloseTo(37.412409, 5);
    expect(p1.rate_gbps_sd).toBeCloseTo(1.414214, 5);
    expect(p1.rate_gbps_ci95_low).toBeCloseTo(-4.706205, 5);
    expect(p1.rate_gbps_ci95_high).toBeCloseTo(20.706205, 5);
    // p0, fct_s: 1, 2, 3 → mean 2, sd 1, half width t_{.975,2}/√3 = 4.302653/1.732051 = 2.484138
    // → [−0.484138, 4.484138]. p0, rate_gbps: 5, 5, 5 → sd 0, interval [5, 5].
    expect(p0).toMatchObject({ point: "p0", nic: "400Gbps", n_ok: 3, n_failed: 0, fct_s_mean: 2, fct_s_sd: 1 });
    expect(p0.fct_s_ci95_low).toBeCloseTo(-0.484138, 5);
    expect(p0.fct_s_ci95_high).toBeCloseTo(4.484138, 5);
    expect(p0).toMatchObject({ rate_gbps_mean: 5, rate_gbps_sd: 0, rate_gbps_ci95_low: 5, rate_gbps_ci95_high: 5 });
  });

  it("lays out the columns: keys, counts, then mean, sd, low, high per metric", () => {
    const [row] = summarizeByPoint(ROWS, ["point"], ["fct_s", "rate_gbps"]);
    expect(Object.keys(row)).toEqual([
      "point", "n_ok", "n_failed",
      "fct_s_mean", "fct_s_sd", "fct_s_ci95_low", "fct_s_ci95_high",
      "rate_gbps_mean", "rate_gbps_sd", "rate_gbps_ci95_low", "rate_gbps_ci95_high",
    ]);
  });

  it("groups by the key columns only, whatever other columns differ", () => {
    const rows = summarizeByPoint(ROWS, ["nic"], ["fct_s"]);
    expect(rows.map((r) => r.nic)).toEqual(["800Gbps", "400Gbps"]);
    expect(summarizeByPoint(ROWS, [], ["fct_s"])).toMatchObject([{ n_ok: 5, n_failed: 1, fct_s_mean: 6 }]);
  });

  it("reports a point whose runs all failed with NaN statistics", () => {
    const rows: TidyRow[] = [
      { point: "p0", status: "failed", fct_s: "" },
      { point: "p0", status: "failed: route not found", fct_s: "" },
    ];
    expect(summarizeByPoint(rows, ["point"], ["fct_s"])).toEqual([
      { point: "p0", n_ok: 0, n_failed: 2, fct_s_mean: NaN, fct_s_sd: NaN, fct_s_ci95_low: NaN, fct_s_ci95_high: NaN },
    ]);
  });

  it("reads an empty metric cell of an ok run as missing, not as 0", () => {
    const rows: TidyRow[] = [
      { point: "p0", status: "ok", fct_s: "4" },
      { point: "p0", status: "ok", fct_s: "" },
    ];
    expect(summarizeByPoint(rows, ["point"], ["fct_s"])[0]).toMatchObject({ n_ok: 2, fct_s_mean: 4, fct_s_sd: NaN });
  });

  it("keeps keys apart even when their values contain separators", () => {
    const rows: TidyRow[] = [
      { a: "x,y", b: "z", status: "ok", m: "1" },
      { a: "x", b: "y,z", status: "ok", m: "2" },
    ];
    expect(summarizeByPoint(rows, ["a", "b"], ["m"])).toHaveLength(2);
  });

  it("names the row and column when a key or the status is missing", () => {
    expect(() => summarizeByPoint([{ status: "ok" }], ["point"], [])).toThrow(/row 0 has no column "point"/);
    expect(() => summarizeByPoint([{ point: "p0" }], ["point"], [])).toThrow(/row 0 has no column "status"/);
  });

  it("is also exported as groupSummary", () => {
    expect(groupSummary).toBe(summarizeByPoint);
  });
});

describe("pointSummaryColumns", () => {
  it("names summarizeByPoint's columns in the order its rows hold them, with no row needed", () => {
    const rows: TidyRow[] = [{ point: "p0", load: "0.5", status: "ok", fct: "2", util: "0.5" }];
    const [row] = summarizeByPoint(rows, ["point", "load"], ["fct", "util"]);
    expect(pointSummaryColumns(["point", "load"], ["fct", "util"])).toEqual(Object.keys(row));
    expect(pointSummaryColumns(["point"], ["fct"])).toEqual(["point", "n_ok", "n_failed", "fct_mean", "fct_sd", "fct_ci95_low", "fct_ci95_high"]);
  });
});

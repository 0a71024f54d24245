// Claim spike-static-vs-adaptive: the baseline pair, and the study's TE benefit with and without the spike against a pooling (Erlang C) model and a fluid-overload bound.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";
import { claimFolder, runClaim } from "./runClaim.js";

const DIR = "scenarios/claims/spike-static-vs-adaptive";
const folder = claimFolder();
afterAll(folder.remove);

// The fabric and traffic (static.yaml's header): 4 leaves × 8 hosts at 10 Gb/s, S = 4 uplinks
// of 10 Gb/s per leaf; permutation traffic of 50 MB flows (x = 40 ms alone); 24 of a host's 31
// possible partners are on another leaf; the spike multiplies arrivals over D = 2 s.
const S = 4;
const X_S = 0.04;
const SPIKE_S = 2;
/** Load on a leaf's uplinks for a host load: 8 hosts × 24/31 of their flows leave, over 4 uplinks. */
const uplinkLoad = (hostLoad: number) => (hostLoad * 8 * (24 / 31)) / S;

/** Erlang C: the probability that an arrival finds all s servers busy at offered load a = s·ρ (a < s). */
function erlangC(s: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < s; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / s / (1 - a / s);
  return last / (sum + last);
}
/**
 * First-order TE benefit (static ÷ adaptive mean FCT) at uplink load ρ: static ECMP pins each flow
 * to one of S uplinks, S independent processor-sharing queues (mean FCT x/(1 − ρ)); an ideal
 * controller pools them, each flow still capped at one uplink's rate: M/M/S, mean FCT
 * x (1 + C(S, Sρ) / (S (1 − ρ))). Above ρ = 1 neither is stable: a fluid backlog of (ρ − 1) × the
 * leaf's uplink capacity builds over the spike whatever the routing.
 */
const poolingBenefit = (rho: number) => 1 / (1 - rho) / (1 + erlangC(S, S * rho) / (S * (1 - rho)));

describe("claim: spike-static-vs-adaptive", () => {
  it("the pooling model: TE's benefit is > 1 at any load and grows with it (towards S as ρ → 1)", () => {
    const rhos = [0.1, 0.23, 0.39, 0.54, 0.7, 0.9, 0.99];
    for (const r of rhos) expect(poolingBenefit(r)).toBeGreaterThan(1);
    for (let i = 1; i < rhos.length; i++) expect(poolingBenefit(rhos[i])).toBeGreaterThan(poolingBenefit(rhos[i - 1]));
    expect(poolingBenefit(0.999)).toBeLessThan(S);
    expect(poolingBenefit(0.999)).toBeGreaterThan(S * 0.9);
  });

  it("baseline pair (load 0.25, spike × 2): thousands of flows, the same with and without TE; TE cuts p99 FCT", async () => {
    const st = (await runClaim(folder.dir, `${DIR}/static.yaml`))("summary.csv")[0];
    const te = (await runClaim(folder.dir, `${DIR}/te.yaml`))("summary.csv")[0];
    // Arrivals: 0.25 × 32 × 1.25e9 / 5e7 = 200/s over 10 s, plus 200/s more over the 2 s spike: ≈ 2,400.
    expect(Number(st.flows)).toBeGreaterThan(2400 * 0.9);
    expect(Number(st.flows)).toBeLessThan(2400 * 1.1);
    expect(te.flows).toBe(st.flows);
    expect(Number(te.fct_p99_s)).toBeLessThan(Number(st.fct_p99_s));
  });

  describe("the study (all replications of the points that decide)", () => {
    const out = join(folder.dir, "study");
    const points: Array<[number, number]> = [
      [0.15, 1],
      [0.15, 3],
      [0.25, 1],
      [0.25, 2],
      [0.25, 3],
      [0.35, 1],
      [0.35, 2],
    ];
    const filter = points.map(([l, s]) => `(load == ${l} && spike == ${s})`).join(" || ");
    let rows: Record<string, string>[] = [];
    const runs = (load: number, spike: number, te: string) => rows.filter((r) => Number(r.load) === load && Number(r.spike) === spike && r.te === te);
    const meanOf = (xs: Record<string, string>[], col: string) => xs.reduce((a, r) => a + Number(r[col]), 0) / xs.length;
    /** Static ÷ TE p99 FCT, each the mean over the replications. */
    const benefit = (load: number, spike: number) => meanOf(runs(load, spike, "static"), "fct_p99_s") / meanOf(runs(load, spike, "fair-share"), "fct_p99_s");

    it("runs every selected point, three replications each, with thousands of flows", async () => {
      const r = await runCli("sweep", join(DIR, "study.yaml"), "--out", out, "--jobs", "2", "--quiet", "--filter", filter);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      rows = readCsv(join(out, "sweep.csv"));
      expect(rows).toHaveLength(points.length * 2 * 3);
      expect(rows.every((row) => row.status === "ok")).toBe(true);
      // p99 is at least the 12th-largest flow in every run, not the 2nd.
      for (const row of rows) expect(Number(row.flows)).toBeGreaterThan(1100);
    }, 300_000);

    it("its static points are static routing (a controller whose first round would come after the run): the baseline's numbers exactly", async () => {
      const st = (await runClaim(folder.dir, `${DIR}/static.yaml`))("summary.csv")[0];
      const te = (await runClaim(folder.dir, `${DIR}/te.yaml`))("summary.csv")[0];
      const at = (t: string) => runs(0.25, 2, t).find((r) => r.repetition === "0")!;
      // (events differ: the idle controller's one scheduled round is an event.)
      for (const col of ["flows", "makespan_s", "fct_p50_s", "fct_p95_s", "fct_p99_s", "slowdown_p99"]) {
        expect(at("static")[col], col).toBe(st[col]);
        expect(at("fair-share")[col], col).toBe(te[col]);
      }
    });

    it("TE lowers the mean p99 at every point, spike or not", () => {
      for (const [l, s] of points) expect(benefit(l, s), `load ${l} spike ${s}`).toBeGreaterThan(1);
    });

    it("without a spike the benefit is already there at the lowest load and grows with load, as pooling says", () => {
      // Hash collisions need no spike: at ρ = 0.23 a flow meets another on its uplink about ρ of the time, so
      // far more than 1 % of static flows share a link for their whole life (p99 ≥ 2x).
      expect(meanOf(runs(0.15, 1, "static"), "fct_p99_s")).toBeGreaterThan(2 * X_S);
      expect(benefit(0.15, 1)).toBeGreaterThan(1.3);
      expect(poolingBenefit(uplinkLoad(0.25))).toBeGreaterThan(poolingBenefit(uplinkLoad(0.15)));
      expect(benefit(0.25, 1)).toBeGreaterThan(benefit(0.15, 1));
      expect(benefit(0.35, 1)).toBeGreaterThan(benefit(0.25, 1));
    });

    it("a spike that leaves the uplinks below saturation (peak ρ = 0.70) raises the benefit; one that overloads them (peak ρ > 1) shrinks it below every unsaturated point's", () => {
      expect(uplinkLoad(0.15 * 3)).toBeLessThan(0.75);
      expect(poolingBenefit(uplinkLoad(0.15 * 3))).toBeGreaterThan(poolingBenefit(uplinkLoad(0.15)));
      expect(benefit(0.15, 3)).toBeGreaterThan(benefit(0.15, 1));
      const saturated = points.filter(([l, s]) => uplinkLoad(l * s) > 1);
      const unsaturated = points.filter(([l, s]) => uplinkLoad(l * s) < 0.75);
      expect(saturated).toEqual([
        [0.25, 3],
        [0.35, 2],
      ]);
      const floor = Math.min(...unsaturated.map(([l, s]) => benefit(l, s)));
      for (const [l, s] of saturated) {
        expect(benefit(l, s), `load ${l} spike ${s}`).toBeLessThan(benefit(l, 1));
        expect(benefit(l, s), `load ${l} spike ${s}`).toBeLessThan(floor);
        // The fluid backlog (ρ − 1) × D is waited out whatever the routing: a floor under TE's p99.
        expect(meanOf(runs(l, s, "fair-share"), "fct_p99_s")).toBeGreaterThan((uplinkLoad(l * s) - 1) * SPIKE_S);
      }
    });
  });
});

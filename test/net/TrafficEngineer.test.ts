// Traffic engineering: two elephants that static ECMP puts on one path are split by the controller, at the hand-computed time; deterministic; both sharing engines agree.
import { describe, expect, it } from "vitest";
import { simulate, type EngineName } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

/**
 * a1, a2 → s → {x | y} → t → b1, b2; every link 10 Gb/s (1.25e9 B/s), no latency, so the
 * two elephants' only choice is x or y. With ids "elephant0"/"elephant1" (seed 1) static
 * ECMP hashes both onto x.
 */
function run(te: false | "least-loaded" | "min-max" | "fair-share", engine: EngineName = "incremental", ids = ["elephant0", "elephant1"]) {
  const doc = {
    name: "te",
    seed: 1,
    routing: { metric: "hops", ...(te && { te: { interval: "100ms", delay: "10ms", mode: te } }) },
    topology: {
      nodes: [...["a1", "a2", "b1", "b2"].map((id) => ({ id })), ...["s", "x", "y", "t"].map((id) => ({ id, kind: "switch" }))],
      links: [["a1", "s"], ["a2", "s"], ["s", "x"], ["s", "y"], ["x", "t"], ["y", "t"], ["t", "b1"], ["t", "b2"]].map(([from, to]) => ({ from, to, bandwidth: "10Gbps" })),
    },
    workloads: [
      { transfer: { id: ids[0], src: "a1", dst: "b1", size: "1.25GB" } },
      { transfer: { id: ids[1], src: "a2", dst: "b2", size: "1.25GB" } },
    ],
  };
  const s = simulate(prepareScenarioDocument(doc, "te.yaml"), { engine });
  const t = prepareScenarioDocument(doc, "te.yaml").topology;
  return {
    finish: [0, 1].map((f) => s.network.finishOf(f)),
    via: [0, 1].map((f) => t.nodeIds[s.network.routeOf(f).nodes[2]]),
  };
}

describe("TrafficEngineer", () => {
  it("static ECMP shares one path: each elephant gets 1.25e9/2 B/s and finishes at 2 s", () => {
    const r = run(false);
    expect(r.via).toEqual(["x", "x"]);
    expect(r.finish[0]).toBeCloseTo(2, 12);
    expect(r.finish[1]).toBeCloseTo(2, 12);
  });

  for (const mode of ["min-max", "least-loaded", "fair-share"] as const) {
    it(`${mode}: measured at 0.1 s, moved at 0.11 s, both finish at 0.11 + (1.25e9 − 0.11 × 6.25e8) / 1.25e9 = 1.055 s`, () => {
      // Both measured at 6.25e8 B/s; the tie in rate goes to flow 0, which leaves x for y
      // (y's cost after the move, 0.5, beats x's, 1); flow 1 then finds x cheapest and stays.
      const r = run(mode);
      expect(r.via).toEqual(["y", "x"]);
      const byHand = 0.11 + (1.25e9 - 0.11 * 6.25e8) / 1.25e9;
      expect(byHand).toBeCloseTo(1.055, 12);
      expect(r.finish[0]).toBeCloseTo(byHand, 9);
      expect(r.finish[1]).toBeCloseTo(byHand, 9);
    });
  }

  it("leaves flows alone when static ECMP already split them (no churn on equal choices)", () => {
    const r = run("min-max", "incremental", ["left", "right"]);
    expect(new Set(r.via).size).toBe(2);
    expect(r.finish).toEqual([1, 1]);
  });

  it("is deterministic and both sharing engines agree", () => {
    const a = run("min-max");
    expect(run("min-max")).toEqual(a);
    const full = run("min-max", "full");
    expect(full.via).toEqual(a.via);
    full.finish.forEach((f, i) => expect(f).toBeCloseTo(a.finish[i], 9));
  });
});

describe("TrafficEngineer and capacity events (issue 11)", () => {
  /**
   * a → {s1 | s2} → b, every link 100 Gb/s, no latency; eight 1 GB transfers a → b at 0 s;
   * TE fair-share every 10 ms. `degrade`: a–s2 is cut to 1 Gb/s by a `capacity` event at
   * 0 s; otherwise a–s2 is built at 1 Gb/s.
   */
  function eightFlows(degrade: boolean, event?: object) {
    const doc = {
      name: "te-degraded",
      seed: 1,
      routing: { metric: "hops", convergence: "1s", te: { interval: "10ms" } },
      topology: {
        nodes: [{ id: "a" }, { id: "b" }, { id: "s1", kind: "switch" }, { id: "s2", kind: "switch" }],
        links: [
          { from: "a", to: "s1", bandwidth: "100Gbps" },
          { from: "s1", to: "b", bandwidth: "100Gbps" },
          { from: "a", to: "s2", bandwidth: degrade ? "100Gbps" : "1Gbps" },
          { from: "s2", to: "b", bandwidth: "100Gbps" },
        ],
      },
      workloads: Array.from({ length: 8 }, (_, i) => ({ transfer: { id: `f${i}`, src: "a", dst: "b", size: "1GB" } })),
      ...(degrade && { events: [event ?? { at: "0s", capacity: { from: "a", to: "s2", bandwidth: "1Gbps" } }] }),
    };
    const s = simulate(prepareScenarioDocument(doc, "te.yaml"));
    return Array.from({ length: 8 }, (_, f) => s.network.finishOf(f));
  }

  it("sees a link degraded at 0 s as it is: no flow is left on it (all done by 0.64 s, as with the link built at 1 Gb/s)", () => {
    const degraded = eightFlows(true);
    const built = eightFlows(false);
    // Built at 1 Gb/s, the controller moves the flows hashed onto a–s2 at the first round and
    // all eight share a–s1: 8 GB at 12.5 GB/s ≈ 0.64 s. Blind to the event it left one flow
    // alone on the 1 Gb/s link until 8.32 s.
    expect(Math.max(...built)).toBeLessThan(0.641);
    expect(Math.max(...degraded)).toBeLessThan(0.641);
    expect(degraded).toEqual(built);
  });

  it("never moves a flow onto a link that failed before the routers converged", () => {
    // a–s2 fails at 0 s; routes converge only at 1 s. Seed 1 hashes f0, f5 and f7 onto s1:
    // they share a–s1 (3 GB at 12.5 GB/s) and finish at 0.24 s. The other five stall on s2
    // (rate 0, not measured) until they are rerouted at 1 s. A controller blind to the
    // failure saw s2 idle at its nominal 100 Gb/s and moved f0 and f5 there (done at 1.5 s).
    const finish = eightFlows(true, { at: "0s", linkDown: { from: "a", to: "s2" } });
    for (const f of [0, 5, 7]) expect(finish[f]).toBeCloseTo(0.24, 12);
    for (const f of [1, 2, 3, 4, 6]) expect(finish[f]).toBeGreaterThan(1);
  });
});

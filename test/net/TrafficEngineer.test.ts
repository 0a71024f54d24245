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

describe("TrafficEngineer beyond equal-cost paths (k-shortest candidates, wcmp)", () => {
  /**
   * a → s → {t directly: 10 Gb/s, 1 ms | x: 30 Gb/s, 5 ms + 5 ms} → t → b; access links
   * 100 Gb/s, no latency. Four 1.25 GB transfers a → b at 0 s. Routed by latency, every flow
   * starts on the short, thin path; the long, fat one is idle. By hand the loopless a → b
   * paths are a-s-t-b (1 ms) and a-s-x-t-b (10 ms).
   */
  function shortThinLongFat(te: object | undefined, extra: { workloads?: object[]; events?: object[]; untilS?: number } = {}) {
    const doc = {
      name: "te-paths",
      seed: 1,
      routing: { metric: "latency", ...(te && { te: { interval: "100ms", delay: "10ms", ...te } }) },
      topology: {
        nodes: [{ id: "a" }, { id: "b" }, ...["s", "t", "x"].map((id) => ({ id, kind: "switch" }))],
        links: [
          { from: "a", to: "s", bandwidth: "100Gbps" },
          { from: "s", to: "t", bandwidth: "10Gbps", latency: "1ms" },
          { from: "s", to: "x", bandwidth: "30Gbps", latency: "5ms" },
          { from: "x", to: "t", bandwidth: "30Gbps", latency: "5ms" },
          { from: "t", to: "b", bandwidth: "100Gbps" },
        ],
      },
      workloads: [...Array.from({ length: 4 }, (_, i) => ({ transfer: { id: `f${i}`, src: "a", dst: "b", size: "1.25GB" } })), ...(extra.workloads ?? [])],
      ...(extra.events && { events: extra.events }),
    };
    const prepared = prepareScenarioDocument(doc, "te-paths.yaml");
    const s = simulate(prepared, extra.untilS === undefined ? {} : { untilS: extra.untilS });
    const t = prepared.topology;
    const flows = Array.from({ length: s.network.flowCount }, (_, f) => f);
    return {
      finish: flows.map((f) => s.network.finishOf(f)),
      rate: flows.map((f) => s.network.rateOf(f)),
      via: flows.map((f) => Array.from(s.network.routeOf(f).nodes, (n) => t.nodeIds[n]).join("-")),
      latencyS: flows.map((f) => s.network.routeOf(f).latencyS),
    };
  }

  // Until the first decision at 0.11 s, the four share 1.25e9 B/s from 1 ms: each has
  // delivered (0.11 − 0.001) × 3.125e8 = 3.40625e7 B and has 1.2159375e9 B left.
  const left = 1.25e9 - (0.11 - 0.001) * 3.125e8;

  it("static routing keeps all four on the short path: 0.001 + 4 × 1.25e9 / 1.25e9 = 4.001 s", () => {
    const r = shortThinLongFat(undefined);
    expect(r.via).toEqual(Array(4).fill("a-s-t-b"));
    r.finish.forEach((f) => expect(f).toBeCloseTo(4.001, 9));
  });

  it("wcmp splits 1 : 3 by the paths' capacities and re-pins flows 1–3 onto the long path, where each runs at 1.25e9 B/s", () => {
    const r = shortThinLongFat({ mode: "wcmp", paths: { k: 2 } });
    expect(r.via).toEqual(["a-s-t-b", "a-s-x-t-b", "a-s-x-t-b", "a-s-x-t-b"]);
    // Steady state (max-min by hand): the thin path's one flow gets 1.25e9, the fat path's three 3.75e9 / 3.
    const mid = shortThinLongFat({ mode: "wcmp", paths: { k: 2 } }, { untilS: 0.5 });
    mid.rate.forEach((rate) => expect(rate).toBeCloseTo(1.25e9, 3));
    // f0 stays and speeds up at 0.11 s; f1–f3 restart after the long path's 10 ms.
    expect(r.finish[0]).toBeCloseTo(0.11 + left / 1.25e9, 9);
    for (const f of [1, 2, 3]) expect(r.finish[f]).toBeCloseTo(0.12 + left / 1.25e9, 9);
    expect(r.finish[3]).toBeCloseTo(1.09275, 9);
  });

  it("a flow moved onto the longer path sees its route latency rise by exactly the path difference (10 ms − 1 ms)", () => {
    const before = shortThinLongFat(undefined).latencyS[1];
    const after = shortThinLongFat({ mode: "wcmp", paths: { k: 2 } }).latencyS[1];
    expect(before).toBeCloseTo(0.001, 15);
    expect(after - before).toBeCloseTo(0.009, 15);
  });

  it("k: 1 leaves only the shortest path: nothing moves and every flow ends as with static routing", () => {
    const r = shortThinLongFat({ mode: "wcmp", paths: { k: 1 } });
    expect(r.via).toEqual(Array(4).fill("a-s-t-b"));
    expect(r.finish).toEqual(shortThinLongFat(undefined).finish);
  });

  it("without paths the modes only see the equal-cost path and cannot help; with paths fair-share moves f0–f2 to the long path", () => {
    const ecmp = shortThinLongFat({ mode: "fair-share" });
    expect(ecmp.finish).toEqual(shortThinLongFat(undefined).finish);
    // By hand at 0.11 s, largest rate first (all equal: flow order), cost (flows + 1) ÷ capacity:
    // f0: thin (3 + 1)/1.25e9 > fat 1/3.75e9 → moves; f1: 3/1.25e9 > 2/3.75e9 → moves;
    // f2: 2/1.25e9 > 3/3.75e9 → moves; f3: 1/1.25e9 < 4/3.75e9 → stays.
    const r = shortThinLongFat({ mode: "fair-share", paths: { k: 2 } });
    expect(r.via).toEqual(["a-s-x-t-b", "a-s-x-t-b", "a-s-x-t-b", "a-s-t-b"]);
    expect(r.finish[3]).toBeCloseTo(0.11 + left / 1.25e9, 9);
    for (const f of [0, 1, 2]) expect(r.finish[f]).toBeCloseTo(0.12 + left / 1.25e9, 9);
  });

  it("deals a flow started after the split was installed by the split (smooth round-robin 1 : 3: the long path first)", () => {
    const r = shortThinLongFat({ mode: "wcmp", paths: { k: 2 } }, { workloads: [{ transfer: { id: "late", src: "a", dst: "b", size: "1MB", start: "0.5s" } }] });
    expect(r.via[4]).toBe("a-s-x-t-b");
    expect(shortThinLongFat(undefined, { workloads: [{ transfer: { id: "late", src: "a", dst: "b", size: "1MB", start: "0.5s" } }] }).via[4]).toBe("a-s-t-b");
  });

  it("after the long path fails, the rerouted flows skip it in the split and share the short path", () => {
    // s–x fails at 0.3 s, converged at once: f1–f3 (1.25e9 B/s from 0.12 s) have
    // 1.2159375e9 − 0.18 × 1.25e9 = 9.909375e8 B left and restart on the short path (1 ms).
    const r = shortThinLongFat({ mode: "wcmp", paths: { k: 2 } }, { events: [{ at: "0.3s", linkDown: { from: "s", to: "x" } }] });
    expect(r.via).toEqual(Array(4).fill("a-s-t-b"));
    // f0 drains alone at 1.25e9 B/s until 0.301 s (the others in flight on the short path),
    // then all four share 1.25e9 B/s: f0 ends first, then the other three share it.
    const f0Left = left - 0.19 * 1.25e9 - 0.001 * 1.25e9;
    const othersLeft = left - 0.18 * 1.25e9;
    const f0End = 0.301 + f0Left / 3.125e8;
    expect(r.finish[0]).toBeCloseTo(f0End, 6);
    // Then the other three share 1.25e9: 4.1667e8 each.
    for (const f of [1, 2, 3]) expect(r.finish[f]).toBeCloseTo(f0End + (othersLeft - f0Left) / 4.1666666666666667e8, 6);
  });
});

// FlowRecorder's per-flow lists of bound times: flows bound by many bottlenecks in turn, their lists made in blocks of three side by side and interleaved, read back in first-bound order with the sums a map would make.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { RateChanges } from "../../src/net/RateChanges.js";
import type { Route } from "../../src/net/Route.js";
import type { Topology } from "../../src/net/Topology.js";
import { CAP_BOUND } from "../../src/report/flowBottleneck.js";
import { FlowRecorder } from "../../src/report/FlowRecorder.js";

/** Just what FlowRecorder reads of a network: routes, caps and capacities at start, finish times when read. */
function stubNetwork(flows: number): FlowNetwork {
  const route: Route = { nodes: Int32Array.of(0, 1), resources: Int32Array.of(0), latencyS: 1e-6 };
  const finish = new Float64Array(flows).fill(NaN);
  return {
    observe: () => {},
    routeOf: () => route,
    capOf: () => Infinity,
    capacityOf: () => 1e9,
    finishOf: (f: number) => finish[f],
    flowCount: flows,
  } as unknown as FlowNetwork;
}

/** One rate change of `flow` at `nowS` to a positive rate, bound by `bottleneck`. */
function change(recorder: FlowRecorder, nowS: number, flow: number, bottleneck: number): void {
  const c = new RateChanges(1);
  c.count = 1;
  c.nowS = nowS;
  c.flows[0] = flow;
  c.oldRatesBps[0] = 1;
  c.newRatesBps[0] = 2;
  c.bottlenecks[0] = bottleneck;
  recorder.ratesChanged(c);
}

/** The (bottleneck, seconds) pairs of `flow`, in the order the recorder gives them. */
function bound(recorder: FlowRecorder, flow: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  recorder.forEachBound(flow, (b, s) => out.push([b, s]));
  return out;
}

describe("FlowRecorder's lists of bound times", () => {
  it("keeps every bottleneck of flows bound by up to ten in turn, interleaved, as a map keyed in first-bound order would", () => {
    const flows = 5;
    const recorder = new FlowRecorder(stubNetwork(flows), {} as Topology, []);
    for (let f = 0; f < flows; f++) recorder.flowStarted(f, 0);
    // Expected: per flow, a Map of seconds per bottleneck in first-bound order (the open interval of the current one counted at the end).
    const expected = Array.from({ length: flows }, () => new Map<number, number>());
    const current = new Int32Array(flows).fill(-2);
    const since = new Float64Array(flows);
    let t = 0;
    // Flow f cycles through 2 + 2f bottlenecks (CAP_BOUND among them), coming back to earlier ones; all flows change in turn.
    for (let step = 0; step < 40; step++) {
      for (let f = 0; f < flows; f++) {
        t += 0.125 * (1 + ((step * 7 + f * 3) % 5));
        const choices = 2 + 2 * f;
        const which = (step * 7 + f) % choices;
        const b = which === 0 ? CAP_BOUND : 100 * f + which;
        if (current[f] !== -2 && current[f] !== b) {
          const m = expected[f];
          m.set(current[f], (m.get(current[f]) ?? 0) + (t - since[f]));
        }
        if (current[f] !== b) {
          current[f] = b;
          since[f] = t;
        }
        change(recorder, t, f, b);
      }
    }
    const endS = t + 1;
    recorder.finish(endS);
    for (let f = 0; f < flows; f++) {
      const m = new Map(expected[f]);
      m.set(current[f], (m.get(current[f]) ?? 0) + (endS - since[f]));
      expect(bound(recorder, f), `flow ${f}`).toEqual([...m.entries()]);
      // The longest-bound one, ties to the first.
      let best = -2;
      let bestS = -1;
      for (const [b, s] of m) if (s > bestS) [best, bestS] = [b, s];
      expect(recorder.bottleneckOf(f), `flow ${f}`).toBe(best);
    }
    // Flow 4 was bound by ten distinct bottlenecks: its list spans four blocks.
    expect(bound(recorder, 4).length).toBe(10);
  });
});

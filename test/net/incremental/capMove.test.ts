// Tests of capMove: a cap change of a flow bound by its cap, applied in place, gives bit for bit what re-filling the flow gives, and the max-min rates.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import { Simulation } from "../../../src/core/Simulation.js";
import { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { FullSharing } from "../../../src/net/FullSharing.js";
import { IncrementalSharing } from "../../../src/net/IncrementalSharing.js";
import { maxMinViolations } from "../../../src/net/maxMinViolations.js";
import type { RateChanges } from "../../../src/net/RateChanges.js";

const pick = (rng: RandomStream, n: number) => Math.floor(rng() * n);

/**
 * Three 1e10 B/s resources. f crosses 0 and 1, capped at 2e9; g crosses 1, capped at 3e9;
 * h crosses 2 with no cap. Max-min: f 2e9 and g 3e9 at their caps, h 1e10 bound at 2. No flow
 * is bound at 0 or 1, so f's cap moves in place while it stays below the room resource 1
 * leaves it, 1e10 − 3e9 = 7e9 (resource 0 leaves 1e10).
 */
function threeLinks() {
  const capacity = Float64Array.of(1e10, 1e10, 1e10);
  const inc = new IncrementalSharing(capacity);
  const full = new FullSharing(capacity);
  for (const e of [inc, full]) {
    e.addFlow(0, Int32Array.of(0, 1), 1, 2e9);
    e.addFlow(1, Int32Array.of(1), 1, 3e9);
    e.addFlow(2, Int32Array.of(2), 1, Infinity);
    e.solve();
  }
  const setCap = (c: number) => {
    const asked = inc.setFlowCap(0, c);
    full.setFlowCap(0, c);
    const n = inc.solve();
    full.solve();
    const changed = Array.from(inc.changedFlows().subarray(0, n));
    return { asked, changed, rates: [0, 1, 2].map((f) => inc.rateBps(f)), full: [0, 1, 2].map((f) => full.rateBps(f)) };
  };
  return { inc, full, setCap };
}

describe("capMove", () => {
  it("raises a capped flow within the room its route leaves, and lowers it, without a solve; beyond the room it re-fills", () => {
    const { inc, full, setCap } = threeLinks();
    const solves = inc.stats.solves;
    // Within the room (4e9 < 7e9): f at its cap, nothing else moves; the solve only reports f.
    let step = setCap(4e9);
    expect(step).toEqual({ asked: true, changed: [0], rates: [4e9, 3e9, 1e10], full: [4e9, 3e9, 1e10] });
    expect(inc.bottleneck(0)).toBe(-1);
    expect(inc.stats.capMoves).toBe(1);
    expect(inc.stats.solves).toBe(solves);
    // Beyond it (7.5e9 > 7e9): re-filled, f bound at resource 1 with 7e9.
    step = setCap(7.5e9);
    expect(step.rates).toEqual([7e9, 3e9, 1e10]);
    expect(step.full).toEqual(step.rates);
    expect(inc.bottleneck(0)).toBe(1);
    expect(full.bottleneck(0)).toBe(1);
    expect(inc.stats.capMoves).toBe(1);
    expect(inc.stats.solves).toBe(solves + 1);
    // Bound at a resource, a lower cap re-fills (a flow bound there could rise); bound by its cap, it moves in place.
    expect(setCap(5e9).rates).toEqual([5e9, 3e9, 1e10]);
    expect(inc.stats.capMoves).toBe(1);
    expect(setCap(1e9)).toEqual({ asked: true, changed: [0], rates: [1e9, 3e9, 1e10], full: [1e9, 3e9, 1e10] });
    expect(inc.stats.capMoves).toBe(2);
  });

  it("decides a cap at the room as the fill does: just under it moves in place (reported bound at the saturated resource), at or over it re-fills", () => {
    const { inc, full, setCap } = threeLinks();
    // 7e9·(1 − 1e-13) is below the level 7e9 at which resource 1 would saturate: f takes its cap,
    // and resource 1's load, within 1e-12 of its capacity, counts as saturated with f's share the
    // largest, so f is reported bound there (as FullSharing reports it).
    const under = 7e9 * (1 - 1e-13);
    let step = setCap(under);
    expect(step.rates).toEqual([under, 3e9, 1e10]);
    expect(step.full).toEqual(step.rates);
    expect(inc.stats.capMoves).toBe(1);
    expect(inc.bottleneck(0)).toBe(1);
    expect(full.bottleneck(0)).toBe(1);
    // At the level itself the fill's resource wins the tie: f bound at 1 with 7e9, re-filled.
    step = setCap(1e9);
    expect(inc.stats.capMoves).toBe(2);
    step = setCap(7e9);
    expect(step.rates).toEqual([7e9, 3e9, 1e10]);
    expect(step.full).toEqual(step.rates);
    expect(inc.stats.capMoves).toBe(2);
    expect(inc.bottleneck(0)).toBe(1);
  });

  it("moves nothing in place while a flow is bound on the route, or a resource on it changed since the last solve", () => {
    const capacity = Float64Array.of(1e10, 1e10);
    const inc = new IncrementalSharing(capacity);
    inc.addFlow(0, Int32Array.of(0, 1), 1, 2e9);
    inc.addFlow(1, Int32Array.of(1), 1, Infinity);
    // Beside them, a flow capped at 1e9 on resource 0: f is never alone (a lone flow's change is a full solve).
    inc.addFlow(2, Int32Array.of(0), 1, 1e9);
    inc.solve();
    // Flow 1 is bound at resource 1 (8e9): f's raise takes from it, so it is re-filled.
    expect(inc.setFlowCap(0, 3e9)).toBe(true);
    expect(inc.solve()).toBe(2);
    expect([inc.rateBps(0), inc.rateBps(1)]).toEqual([3e9, 7e9]);
    inc.removeFlow(1);
    // Resource 1 changed (flow 1 left) and is not solved yet: no move in place.
    expect(inc.setFlowCap(0, 4e9)).toBe(true);
    expect(inc.stats.capMoves).toBe(0);
    expect(inc.solve()).toBe(1);
    expect(inc.rateBps(0)).toBe(4e9);
    // Now alone and capped: in place.
    expect(inc.setFlowCap(0, 5e9)).toBe(true);
    expect(inc.stats.capMoves).toBe(1);
    expect(inc.solve()).toBe(1);
    expect(inc.rateBps(0)).toBe(5e9);
  });

  it("gives bit for bit the release-and-refill path's rates, reports and bottlenecks, and FullSharing's max-min rates, over random cap changes", () => {
    let moves = 0;
    let refills = 0;
    for (let seed = 0; seed < 120; seed++) {
      const r = randomRun(seed, seed % 2 === 1);
      moves += r.moves;
      refills += r.refills;
    }
    // Both paths are common: raises within the room and lowers move in place, the rest re-fill.
    // (2,076 and 12,324 on these seeds.)
    expect(moves).toBeGreaterThan(1_000);
    expect(refills).toBeGreaterThan(1_000);
  });

  it("lets FlowNetwork reschedule the flow's completion and tell observers its new rate, with its bottleneck, in the instant's solve", () => {
    // One 1e9 B/s resource, flow 0 (1e9 B) capped at 2e8 B/s with a 4e8 B/s flow 1 capped
    // beside it (both at their caps: 6e8 of 1e9 used). At t = 1 s flow 0 has 8e8 B left; its cap
    // rises to 4e8 (within the room 6e8): it moves in place and drains the rest in 2 s → 3 s.
    const sim = new Simulation();
    const inc = new IncrementalSharing(Float64Array.of(1e9));
    const net = new FlowNetwork(sim, inc);
    const route = { resources: Int32Array.of(0), latencyS: 0 } as never;
    const seen: string[] = [];
    const row = (c: RateChanges, i: number) => `${c.flows[i]}:${c.oldRatesBps[i]}->${c.newRatesBps[i]}@${c.bottlenecks[i]} t=${c.nowS}`;
    net.observe({ rateChanged: (c, i) => void seen.push(row(c, i)), solved: (t) => void seen.push(`solved ${t}`) });
    const f = net.startFlow(route, 1e9, { capBps: 2e8 });
    net.startFlow(route, 1e10, { capBps: 4e8 });
    sim.at(1, () => net.setFlowCap(f, 4e8));
    sim.run();
    expect(inc.stats.capMoves).toBe(1);
    expect(net.finishOf(f)).toBe(3);
    expect(seen.slice(0, 5)).toEqual(["0:0->200000000@-1 t=0", "1:0->400000000@-1 t=0", "solved 0", "0:200000000->400000000@-1 t=1", "solved 1"]);
  });
});

/**
 * Random flows on random routes (round capacities and caps: ties common), then 120 steps, each
 * one cap change and a solve; one step in five also brings an arrival or a departure, solved
 * before the cap change, or (`together`) with it in one solve. Three engines follow it: `inc`
 * (the path under test), `ref` (the same engine made to re-fill each cap change inc moves in
 * place: a same-weight {@link IncrementalSharing.setFlowWeight} first makes the flow pending, so
 * its cap change is re-filled as before the path existed) and FullSharing. Unless `together`,
 * inc and ref must agree exactly after every solve: rates, changed flows and bottlenecks (a
 * change solved with others may differ from a re-fill in the last bits: summation order); inc
 * must be FullSharing's max-min allocation (1e-12) after every step.
 */
function randomRun(seed: number, together: boolean): { moves: number; refills: number } {
  const rng = randomStream(seed, "capMove");
  const R = 6 + pick(rng, 30);
  const capacity = Float64Array.from({ length: R }, () => [1e9, 1.25e9, 5e8, 1e10][pick(rng, 4)]);
  const inc = new IncrementalSharing(capacity);
  const ref = new IncrementalSharing(capacity);
  const full = new FullSharing(capacity);
  const routes = new Map<number, Int32Array>();
  const weights = new Map<number, number>();
  const caps = new Map<number, number>();
  let next = 0;
  const add = () => {
    const len = 1 + pick(rng, Math.min(4, R));
    const set = new Set<number>();
    while (set.size < len) set.add(pick(rng, R));
    const route = Int32Array.from(set);
    const w = rng() < 0.2 ? 2 : 1;
    const c = rng() < 0.85 ? [1e8, 2e8, 2.5e8, 5e8][pick(rng, 4)] : Infinity;
    const f = next++;
    for (const e of [inc, ref, full]) e.addFlow(f, route, w, c);
    routes.set(f, route);
    weights.set(f, w);
    caps.set(f, c);
  };
  const remove = (f: number) => {
    for (const e of [inc, ref, full]) e.removeFlow(f);
    routes.delete(f);
  };
  // The room f's route leaves it: the least capacity less load over its resources (from FullSharing's rates).
  const room = (f: number) => {
    let least = Infinity;
    for (const r of routes.get(f)!) {
      let load = 0;
      for (const [g, route] of routes) if (route.includes(r)) load += full.rateBps(g);
      least = Math.min(least, capacity[r] - load);
    }
    return least;
  };
  const solveAll = () => [inc.solve(), ref.solve(), full.solve()];
  const initial = 4 + pick(rng, 30);
  for (let i = 0; i < initial; i++) add();
  solveAll();
  let moves = 0;
  let refills = 0;
  for (let step = 0; step < 120; step++) {
    const active = [...routes.keys()];
    // Mostly a flow at its cap (reported bottleneck -1): the path's own case.
    const atCap = active.filter((h) => full.bottleneck(h) === -1);
    const f = atCap.length > 0 && rng() < 0.7 ? atCap[pick(rng, atCap.length)] : active[pick(rng, active.length)];
    const u = rng();
    const g = active[pick(rng, active.length)];
    const other = () => {
      if (u < 0.1) add();
      else if (u < 0.2 && g !== f && active.length > 2) remove(g);
    };
    if (!together) {
      other();
      solveAll();
    }
    const x = full.rateBps(f);
    const d = room(f);
    // Raises within the room, at it (within 1e-13 and 1e-12 either side), beyond it; lowers; the cap it had; none.
    const choices = [x + d / 2, x + d * (1 - 1e-12), x + d * (1 - 1e-13), x + d, x + d * (1 + 1e-13), x + 2 * d + 1e6, x / 2, x * (1 - 1e-13), 0, caps.get(f)!, Infinity];
    const c = Math.max(0, choices[pick(rng, choices.length)]);
    const before = inc.stats.capMoves;
    inc.setFlowCap(f, c);
    // Where inc moved f in place, ref re-fills it; elsewhere both take the same path.
    if (inc.stats.capMoves > before) {
      moves++;
      ref.setFlowWeight(f, weights.get(f)!);
    } else refills++;
    ref.setFlowCap(f, c);
    full.setFlowCap(f, c);
    caps.set(f, c);
    if (together) other();
    const [ni, nr] = together ? solveAll() : [inc.solve(), ref.solve(), full.solve()];
    const label = `seed ${seed} step ${step} (flow ${f}, cap ${c})`;
    if (!together) {
      expect(ni, label).toBe(nr);
      expect(Array.from(inc.changedFlows().subarray(0, ni)), label).toEqual(Array.from(ref.changedFlows().subarray(0, nr)));
      for (const g of routes.keys()) {
        if (inc.rateBps(g) !== ref.rateBps(g) || inc.bottleneck(g) !== ref.bottleneck(g)) {
          expect.fail(`${label}: flow ${g} ${inc.rateBps(g)}@${inc.bottleneck(g)} vs re-filled ${ref.rateBps(g)}@${ref.bottleneck(g)}`);
        }
      }
    }
    const flows = [...routes.keys()];
    for (const g of flows) {
      const a = inc.rateBps(g);
      const b = full.rateBps(g);
      let scale = Math.max(a, b);
      for (const r of routes.get(g)!) scale = Math.max(scale, capacity[r]);
      if (Math.abs(a - b) > 1e-12 * scale) expect.fail(`${label}: flow ${g} incremental ${a} vs full ${b}`);
    }
    const routeStart = new Int32Array(flows.length + 1);
    flows.forEach((g, i) => (routeStart[i + 1] = routeStart[i] + routes.get(g)!.length));
    const routeResources = new Int32Array(routeStart[flows.length]);
    flows.forEach((g, i) => routeResources.set(routes.get(g)!, routeStart[i]));
    const v = maxMinViolations(
      {
        capacityBps: capacity,
        flowCount: flows.length,
        routeStart,
        routeResources,
        weight: Float64Array.from(flows, (g) => weights.get(g)!),
        capBps: Float64Array.from(flows, (g) => caps.get(g)!),
      },
      Float64Array.from(flows, (g) => inc.rateBps(g)),
      Int32Array.from(flows, (g) => inc.bottleneck(g)),
      { relative: 2e-12, absoluteBps: 1e-6 },
    );
    if (v.length > 0) expect.fail(`${label}: ${v.slice(0, 3).join("; ")}`);
  }
  return { moves, refills };
}

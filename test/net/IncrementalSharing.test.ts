// Tests of IncrementalSharing: agrees with FullSharing after every solve, reports exactly the changed flows, stays local.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../src/core/randomStream.js";
import { fatTree } from "../../src/net/fatTree.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import type { SharingState } from "../../src/net/incremental/SharingState.js";
import { IncrementalSharing } from "../../src/net/IncrementalSharing.js";
import { maxMinViolations } from "../../src/net/maxMinViolations.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

const REL = 1e-11;
const ABS_BPS = 1e-6;
const differ = (a: number, b: number) => Math.abs(a - b) > Math.max(REL * Math.max(Math.abs(a), Math.abs(b)), ABS_BPS);

/** Drives an IncrementalSharing and a FullSharing with the same operations and compares them after each solve. */
class Twin {
  readonly inc: IncrementalSharing;
  readonly full: FullSharing;
  readonly capacity: Float64Array;
  readonly routes = new Map<number, Int32Array>();
  readonly weights = new Map<number, number>();
  readonly caps = new Map<number, number>();
  /** Rates the incremental engine reported after the previous solve. */
  private readonly previous = new Map<number, number>();
  solves = 0;
  reported = 0;
  reportedUnchanged = 0;

  constructor(capacityBps: Float64Array, fullFraction?: number) {
    this.capacity = Float64Array.from(capacityBps);
    this.inc = new IncrementalSharing(capacityBps, fullFraction);
    this.full = new FullSharing(capacityBps);
  }

  add(f: number, route: Int32Array, weight: number, capBps: number): void {
    this.inc.addFlow(f, route, weight, capBps);
    this.full.addFlow(f, route, weight, capBps);
    this.routes.set(f, route);
    this.weights.set(f, weight);
    this.caps.set(f, capBps);
  }
  remove(f: number): void {
    this.inc.removeFlow(f);
    this.full.removeFlow(f);
    this.routes.delete(f);
    this.previous.delete(f);
  }
  setCapacity(r: number, c: number): void {
    this.inc.setCapacity(r, c);
    this.full.setCapacity(r, c);
    this.capacity[r] = c;
  }
  setCap(f: number, c: number): void {
    this.inc.setFlowCap(f, c);
    this.full.setFlowCap(f, c);
    this.caps.set(f, c);
  }
  setWeight(f: number, w: number): void {
    this.inc.setFlowWeight(f, w);
    this.full.setFlowWeight(f, w);
    this.weights.set(f, w);
  }

  /** Solve both; expect equal rates and bottlenecks, a max-min allocation with valid bottlenecks, and a complete change report. */
  solveAndCompare(label: string): void {
    this.solves++;
    const n = this.inc.solve();
    this.full.solve();
    const changed = new Set(this.inc.changedFlows().subarray(0, n));
    expect(changed.size, `${label}: duplicate ids in changedFlows`).toBe(n);
    const flows = [...this.routes.keys()];
    for (const f of flows) {
      const a = this.inc.rateBps(f);
      const b = this.full.rateBps(f);
      if (differ(a, b)) expect.fail(`${label}: flow ${f} incremental ${a} vs full ${b}`);
      const ba = this.inc.bottleneck(f);
      const bb = this.full.bottleneck(f);
      if (ba !== bb) expect.fail(`${label}: flow ${f} bottleneck: incremental ${ba} vs full ${bb}`);
      const before = this.previous.get(f) ?? 0;
      if (differ(a, before) && !changed.has(f)) expect.fail(`${label}: flow ${f} went ${before} → ${a} but was not reported`);
      if (changed.has(f) && !differ(a, before)) this.reportedUnchanged++;
      this.previous.set(f, a);
    }
    for (const f of changed) expect(this.routes.has(f), `${label}: reported inactive flow ${f}`).toBe(true);
    this.reported += n;
    this.expectMaxMin(label, flows);
  }

  private expectMaxMin(label: string, flows: number[]): void {
    const routeStart = new Int32Array(flows.length + 1);
    flows.forEach((f, i) => (routeStart[i + 1] = routeStart[i] + this.routes.get(f)!.length));
    const routeResources = new Int32Array(routeStart[flows.length]);
    flows.forEach((f, i) => routeResources.set(this.routes.get(f)!, routeStart[i]));
    const problem = {
      capacityBps: this.capacity,
      flowCount: flows.length,
      routeStart,
      routeResources,
      weight: Float64Array.from(flows, (f) => this.weights.get(f)!),
      capBps: Float64Array.from(flows, (f) => this.caps.get(f)!),
    };
    const rates = Float64Array.from(flows, (f) => this.inc.rateBps(f));
    const bottleneck = Int32Array.from(flows, (f) => this.inc.bottleneck(f));
    const v = maxMinViolations(problem, rates, bottleneck, { relative: 1e-10, absoluteBps: 1e-6 });
    if (v.length > 0) expect.fail(`${label}: ${v.slice(0, 3).join("; ")}`);
  }
}

const pick = (rng: RandomStream, n: number) => Math.floor(rng() * n);

/** A capacity drawn so that ties are common: half from a few round values, half arbitrary. */
function randomCapacity(rng: RandomStream): number {
  return rng() < 0.5 ? [1e9, 1.25e9, 2.5e9, 5e8][pick(rng, 4)] : 1e8 + rng() * 5e9;
}

function randomSequence(seed: number, fullFraction?: number): Twin {
  const rng = randomStream(seed, "IncrementalSharing.sequence");
  const R = 5 + pick(rng, 56);
  const twin = new Twin(Float64Array.from({ length: R }, () => randomCapacity(rng)), fullFraction);
  const maxFlows = 1 + pick(rng, 300);
  const weighted = rng() < 0.5;
  const capped = rng() < 0.5;
  let nextId = pick(rng, 5);
  const active: number[] = [];
  const add = () => {
    const len = 1 + pick(rng, Math.min(6, R));
    const route = new Set<number>();
    while (route.size < len) route.add(pick(rng, R));
    const w = weighted && rng() < 0.5 ? [0.5, 2, 3][pick(rng, 3)] * (rng() < 0.3 ? 1 + rng() : 1) : 1;
    const c = capped && rng() < 0.3 ? (rng() < 0.5 ? 2e8 : rng() * 2e9) : Infinity;
    const f = nextId;
    nextId += 1 + pick(rng, 3);
    twin.add(f, Int32Array.from(route), w, c);
    active.push(f);
  };
  const initial = pick(rng, maxFlows + 1);
  for (let i = 0; i < initial; i++) add();
  twin.solveAndCompare(`seed ${seed} initial`);
  const steps = 40 + pick(rng, 60);
  for (let step = 0; step < steps; step++) {
    const ops = 1 + pick(rng, 3);
    for (let o = 0; o < ops; o++) {
      const u = rng();
      if (u < 0.35 && active.length < maxFlows) add();
      else if (u < 0.7 && active.length > 0) {
        const i = pick(rng, active.length);
        twin.remove(active[i]);
        active[i] = active[active.length - 1];
        active.pop();
      } else if (u < 0.82) {
        const r = pick(rng, R);
        twin.setCapacity(r, rng() < 0.2 ? 0 : randomCapacity(rng));
      } else if (u < 0.91 && active.length > 0) {
        const f = active[pick(rng, active.length)];
        twin.setCap(f, rng() < 0.4 ? Infinity : rng() < 0.1 ? 0 : rng() * 2e9);
      } else if (active.length > 0) {
        const f = active[pick(rng, active.length)];
        twin.setWeight(f, rng() < 0.5 ? 1 : 0.25 + rng() * 4);
      }
    }
    twin.solveAndCompare(`seed ${seed} step ${step}`);
  }
  return twin;
}

describe("IncrementalSharing on random operation sequences", () => {
  it("agrees with FullSharing after every solve and reports every changed flow", () => {
    let solves = 0;
    let reported = 0;
    let reportedUnchanged = 0;
    for (let seed = 0; seed < 200; seed++) {
      const twin = randomSequence(seed);
      solves += twin.solves;
      reported += twin.reported;
      reportedUnchanged += twin.reportedUnchanged;
    }
    expect(solves).toBeGreaterThan(10_000);
    // Flows reported without a change beyond tolerance are allowed but must stay rare.
    expect(reportedUnchanged, `${reportedUnchanged} of ${reported} reports were not changes`).toBeLessThanOrEqual(reported * 0.001);
  });

  it("stays exact when it never falls back to a full solve, however many flows a change releases", () => {
    let solves = 0;
    for (let seed = 1000; seed < 1100; seed++) {
      const twin = randomSequence(seed, Infinity);
      solves += twin.solves;
      expect(twin.inc.stats.fullSolves, `seed ${seed}`).toBe(0);
    }
    expect(solves).toBeGreaterThan(5_000);
  });
});

describe("IncrementalSharing's count of the flows bound at each resource", () => {
  it("equals, after every random sequence, the number of active flows whose bottleneck witness is the resource", () => {
    for (let seed = 2000; seed < 2060; seed++) {
      const s = (randomSequence(seed).inc as unknown as { s: SharingState }).s;
      const expected = new Int32Array(s.resourceCount);
      for (let i = 0; i < s.activeCount; i++) {
        const r = s.slotInt[8 * s.activeList[i] + 5]; // the flow's bottleneck witness
        if (r >= 0) expected[r]++;
      }
      expect(Array.from(expected, (_, r) => s.fillInt[16 * r + 15]), `seed ${seed}`).toEqual(Array.from(expected));
    }
  });
});

describe("IncrementalSharing over a long run at constant concurrency", () => {
  it("keeps its state as large as the concurrency needs, not the elapsed run, and matches FullSharing throughout", () => {
    // 300 flows at once on 40 resources, 10,000 departures each followed by an arrival (new
    // ids): ~25,000 route entries pass through the engine, at most 1,200 live at a time.
    const rng = randomStream(11, "IncrementalSharing.longRun");
    const R = 40;
    const capacity = Float64Array.from({ length: R }, () => randomCapacity(rng));
    const inc = new IncrementalSharing(capacity);
    const full = new FullSharing(capacity);
    const s = (inc as unknown as { s: SharingState }).s;
    const CONCURRENT = 300;
    const MAX_LEN = 4;
    const onResource = new Int32Array(R);
    const peakOn = new Int32Array(R);
    const routes = new Map<number, Int32Array>();
    const active: number[] = [];
    let nextId = 0;
    const add = () => {
      const len = 1 + pick(rng, MAX_LEN);
      const route = new Set<number>();
      while (route.size < len) route.add(pick(rng, R));
      const f = nextId++;
      const r = Int32Array.from(route);
      const cap = rng() < 0.2 ? rng() * 2e9 : Infinity;
      inc.addFlow(f, r, 1, cap);
      full.addFlow(f, r, 1, cap);
      routes.set(f, r);
      active.push(f);
      for (const q of r) peakOn[q] = Math.max(peakOn[q], ++onResource[q]);
    };
    const remove = (i: number) => {
      const f = active[i];
      inc.removeFlow(f);
      full.removeFlow(f);
      for (const q of routes.get(f)!) onResource[q]--;
      routes.delete(f);
      active[i] = active[active.length - 1];
      active.pop();
    };
    const compare = (label: string) => {
      full.solve();
      for (const f of active) {
        const a = inc.rateBps(f);
        const b = full.rateBps(f);
        if (differ(a, b)) expect.fail(`${label}: flow ${f} incremental ${a} vs full ${b}`);
        if (inc.bottleneck(f) !== full.bottleneck(f)) expect.fail(`${label}: flow ${f} bottleneck: incremental ${inc.bottleneck(f)} vs full ${full.bottleneck(f)}`);
      }
    };
    for (let i = 0; i < CONCURRENT; i++) add();
    inc.solve();
    compare("initial");
    for (let step = 0; step < 10_000; step++) {
      remove(pick(rng, active.length));
      add();
      inc.solve();
      if (step % 1_000 === 999) compare(`step ${step}`);
    }
    // Slots: reused, so no more than the peak concurrency (rounded up by doubling).
    expect(s.slotCapacity).toBeLessThanOrEqual(2 * CONCURRENT);
    // Route pool: compacted when half garbage, so within 4× the live entries.
    let liveEntries = 0;
    for (const r of routes.values()) liveEntries += r.length;
    expect(s.poolEnd - s.poolGarbage).toBe(liveEntries);
    expect(s.routePool.length).toBeLessThanOrEqual(4 * (CONCURRENT * MAX_LEN + MAX_LEN));
    // Resource lists: dense (each resource's count is its active flows), their room at most
    // twice each resource's peak, their pool compacted when half garbage.
    expect(Array.from({ length: R }, (_, r) => s.lists.span[2 * r + 1])).toEqual(Array.from(onResource));
    let room = 0;
    for (let q = 0; q < R; q++) room += Math.max(2, 2 * peakOn[q]);
    expect(s.lists.slot.length).toBeLessThanOrEqual(Math.max(4 * R, 4 * room + 4 * Math.max(...peakOn)));
  });
});

describe("IncrementalSharing on a fat tree", () => {
  it("matches FullSharing while ~500 ECMP flows churn on a k=8 fat tree, through link failures", () => {
    const b = new TopologyBuilder();
    const hosts = fatTree(b, { k: 8, bandwidthBps: 1.25e9, latencyS: 1e-6 });
    const topo = b.build();
    const router = new Router(topo, "hops", 7);
    const hostIndex = hosts.map((h) => topo.nodeIndex.get(h)!);
    const rng = randomStream(3, "IncrementalSharing.fatTree");
    const twin = new Twin(topo.resourceCapacityBps);
    const active: number[] = [];
    let nextId = 0;
    const add = () => {
      const s = pick(rng, hostIndex.length);
      let d = pick(rng, hostIndex.length - 1);
      if (d >= s) d++;
      const f = nextId++;
      const route = router.route(hostIndex[s], hostIndex[d], f)!;
      twin.add(f, route.resources, 1, rng() < 0.1 ? 2e8 : Infinity);
      active.push(f);
    };
    for (let i = 0; i < 500; i++) add();
    twin.solveAndCompare("initial");
    const failed: number[] = [];
    for (let step = 0; step < 600; step++) {
      const i = pick(rng, active.length);
      twin.remove(active[i]);
      active[i] = active[active.length - 1];
      active.pop();
      add();
      if (step % 50 === 25) {
        const ch = pick(rng, topo.channelCount);
        twin.setCapacity(ch, 0);
        failed.push(ch);
      } else if (step % 50 === 49) {
        twin.setCapacity(failed.pop()!, 1.25e9);
      }
      twin.solveAndCompare(`step ${step}`);
    }
    expect(twin.reportedUnchanged).toBeLessThanOrEqual(twin.reported * 0.001);
  });
});

describe("IncrementalSharing: held flows that must rise join the fill (one round)", () => {
  // X (C=6): flows a [X, Y] and c [X]; Y (C=10): flows a and b [Y]. Before c: a = b = 5 at Y.
  // After c: X gives a and c 3 each, so Y gives b the 7 that a left. c's arrival releases
  // only c; a must give way at X (it joins the fill there), and b, held at its bottleneck
  // Y, must rise because a fell — it joins the fill when a freezes below its former rate.
  const X = 0;
  const Y = 1;
  const system = () => {
    const e = new IncrementalSharing(Float64Array.of(6, 10));
    e.addFlow(0, Int32Array.of(X, Y), 1, Infinity); // a
    e.addFlow(1, Int32Array.of(Y), 1, Infinity); // b
    e.solve();
    return e;
  };
  const problem = {
    capacityBps: Float64Array.of(6, 10),
    flowCount: 3,
    routeStart: Int32Array.of(0, 2, 3, 4),
    routeResources: Int32Array.of(X, Y, Y, X),
    weight: Float64Array.of(1, 1, 1),
    capBps: Float64Array.of(Infinity, Infinity, Infinity),
  };

  it("finds the hand-derived rates in a single fill", () => {
    const e = system();
    expect([e.rateBps(0), e.rateBps(1), e.bottleneck(0), e.bottleneck(1)]).toEqual([5, 5, Y, Y]);
    const rounds = e.stats.rounds;
    e.addFlow(2, Int32Array.of(X), 1, Infinity); // c
    expect(e.solve()).toBe(3);
    expect([e.rateBps(0), e.rateBps(1), e.rateBps(2)]).toEqual([3, 7, 3]);
    expect([e.bottleneck(0), e.bottleneck(1), e.bottleneck(2)]).toEqual([X, Y, X]);
    // Fill, check, and no second round: the check found nothing left to release.
    expect(e.stats.rounds - rounds).toBe(1);
    expect(maxMinViolations(problem, Float64Array.of(3, 7, 3), Int32Array.of(X, Y, X))).toEqual([]);
  });

  it("is checked by conditions that reject the allocations of a too-small released set", () => {
    // Only c re-filled (a and b held): c gets X's last 1 while a keeps 5 there.
    expect(maxMinViolations(problem, Float64Array.of(5, 5, 1), Int32Array.of(Y, Y, X)).length).toBeGreaterThan(0);
    // a and c re-filled but b held: Y is left with 2 spare while b is bottlenecked there.
    expect(maxMinViolations(problem, Float64Array.of(3, 5, 3), Int32Array.of(X, Y, X)).length).toBeGreaterThan(0);
    // The engine's answer also matches the reference solver.
    const twin = new Twin(Float64Array.of(6, 10));
    twin.add(0, Int32Array.of(X, Y), 1, Infinity);
    twin.add(1, Int32Array.of(Y), 1, Infinity);
    twin.solveAndCompare("a, b");
    twin.add(2, Int32Array.of(X), 1, Infinity);
    twin.solveAndCompare("c added");
  });

  it("follows a cascade through a chain of links in one round", () => {
    // Links L0 … L5 (C=12, except L0: C=6). Flow p_i crosses L_i and L_{i+1}; flow s_i
    // crosses L_i only. An arrival on L0 lowers p_0, which raises s_1's share of L1, which
    // lowers p_1, and so on down the chain: every level is decided in the same fill.
    const n = 6;
    const twin = new Twin(Float64Array.from({ length: n }, (_, i) => (i === 0 ? 6 : 12)));
    for (let i = 0; i + 1 < n; i++) twin.add(i, Int32Array.of(i, i + 1), 1, Infinity);
    for (let i = 0; i < n; i++) twin.add(100 + i, Int32Array.of(i), 1, Infinity);
    twin.solveAndCompare("chain");
    const rounds = twin.inc.stats.rounds;
    twin.add(200, Int32Array.of(0), 1, Infinity);
    twin.solveAndCompare("arrival on L0");
    expect(twin.inc.stats.rounds - rounds).toBe(1);
    twin.remove(200);
    twin.solveAndCompare("departure from L0");
  });
});

describe("IncrementalSharing", () => {
  it("re-fills only the flows of the link that changed", () => {
    // 100 independent links (C=10), two flows each. A third flow on link 0 ⇒ 10/3 each there;
    // no other flow can change, so only link 0's flows are released.
    const e = new IncrementalSharing(new Float64Array(100).fill(10));
    for (let l = 0; l < 100; l++) {
      e.addFlow(2 * l, Int32Array.of(l), 1, Infinity);
      e.addFlow(2 * l + 1, Int32Array.of(l), 1, Infinity);
    }
    e.solve();
    const before = e.stats.releasedFlows;
    e.addFlow(1000, Int32Array.of(0), 1, Infinity);
    expect(e.solve()).toBe(3);
    expect(Array.from(e.changedFlows().subarray(0, 3)).sort((a, b) => a - b)).toEqual([0, 1, 1000]);
    expect(e.rateBps(1000)).toBeCloseTo(10 / 3, 12);
    expect(e.stats.releasedFlows - before).toBe(3);
  });

  it("propagates a departure through a parking lot", () => {
    // L0..L3 (C=1); long flow 0 crosses all; short flow i+1 crosses Li ⇒ 0.5 each.
    // Remove short flow 1: L0 frees up but the long flow is still held to 0.5 by L1..L3.
    // Then remove flows 2, 3, 4: the long flow alone gets 1.
    const e = new IncrementalSharing(Float64Array.of(1, 1, 1, 1));
    e.addFlow(0, Int32Array.of(0, 1, 2, 3), 1, Infinity);
    for (let i = 0; i < 4; i++) e.addFlow(i + 1, Int32Array.of(i), 1, Infinity);
    e.solve();
    expect(e.rateBps(0)).toBe(0.5);
    e.removeFlow(1);
    expect(e.solve()).toBe(0);
    expect(e.rateBps(0)).toBe(0.5);
    for (const f of [2, 3, 4]) e.removeFlow(f);
    expect(e.solve()).toBe(1);
    expect(e.rateBps(0)).toBe(1);
  });

  it("gives zero to flows through a failed resource and restores them", () => {
    // L0 (C=10): flows 0, 1; L1 (C=10): flow 1 ⇒ 5, 5. L0 fails ⇒ 0, 0. Restored ⇒ 5, 5.
    const e = new IncrementalSharing(Float64Array.of(10, 10));
    e.addFlow(0, Int32Array.of(0), 1, Infinity);
    e.addFlow(1, Int32Array.of(0, 1), 1, Infinity);
    e.solve();
    e.setCapacity(0, 0);
    expect(e.solve()).toBe(2);
    expect([e.rateBps(0), e.rateBps(1), e.bottleneck(1)]).toEqual([0, 0, 0]);
    e.setCapacity(0, 10);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1)]).toEqual([5, 5]);
  });

  it("keeps rates right through many adds and removes with large, sparse flow ids", () => {
    // Every round leaves flows 10⁶ + 7i (i < 10) alone on link i % 2 (C=12): 5 flows per link ⇒ 2.4 each.
    const e = new IncrementalSharing(Float64Array.of(12, 12));
    const rng = randomStream(4, "IncrementalSharing.churn");
    for (let round = 0; round < 200; round++) {
      const ids = Array.from({ length: 10 }, (_, i) => 1_000_000 + 7 * i);
      for (const f of ids) e.addFlow(f, Int32Array.of(f % 2), 1, Infinity);
      const extra = Array.from({ length: 20 }, (_, i) => i * 13 + pick(rng, 5));
      for (const f of extra) e.addFlow(f, Int32Array.of(pick(rng, 2)), 1, Infinity);
      e.solve();
      for (const f of extra) e.removeFlow(f);
      e.solve();
      for (const f of ids) expect(e.rateBps(f)).toBeCloseTo(2.4, 12);
      for (const f of ids) e.removeFlow(f);
      e.solve();
    }
    expect(e.flowCount).toBe(0);
  });

  it("treats a route without resources and a resource listed twice as maxMinRates does", () => {
    // Flow 0 crosses nothing, uncapped: unconstrained, left at 0 as in maxMinRates (callers
    // must not rely on it); flow 1 crosses nothing with cap 3 ⇒ 3. Flow 2 lists L0 (C=10)
    // twice ⇒ 2·x2 ≤ 10 ⇒ 5; flow 3 joins L0 once ⇒ 2·x2 + x3 ≤ 10 with x2 = x3 ⇒ 10/3 each.
    const inc = new IncrementalSharing(Float64Array.of(10));
    const full = new FullSharing(Float64Array.of(10));
    const both = (op: (e: IncrementalSharing | FullSharing) => void) => [inc, full].forEach(op);
    const rates = () => [0, 1, 2, 3].map((f) => inc.rateBps(f));
    both((e) => e.addFlow(0, Int32Array.of(), 1, Infinity));
    both((e) => e.addFlow(1, Int32Array.of(), 1, 3));
    both((e) => e.addFlow(2, Int32Array.of(0, 0), 1, Infinity));
    both((e) => e.solve());
    expect(rates()).toEqual([0, 3, 5, 0]);
    both((e) => e.addFlow(3, Int32Array.of(0), 1, Infinity));
    both((e) => e.solve());
    for (const f of [0, 1, 2, 3]) expect(inc.rateBps(f)).toBeCloseTo(full.rateBps(f), 9);
    expect(inc.rateBps(3)).toBeCloseTo(10 / 3, 12);
    both((e) => e.removeFlow(3));
    both((e) => e.solve());
    expect(rates()).toEqual([0, 3, 5, 0]);
  });

  it("rejects bad arguments with messages that say what was expected", () => {
    const e = new IncrementalSharing(Float64Array.of(10));
    e.addFlow(0, Int32Array.of(0), 1, Infinity);
    expect(() => e.addFlow(0, Int32Array.of(0), 1, Infinity)).toThrow(/already active/);
    expect(() => e.addFlow(1, Int32Array.of(1), 1, Infinity)).toThrow(/resource 1, expected 0 … 0/);
    expect(() => e.addFlow(1, Int32Array.of(0), 0, Infinity)).toThrow(/weight 0/);
    expect(() => e.addFlow(-1, Int32Array.of(0), 1, Infinity)).toThrow(/flow id -1/);
    expect(() => e.removeFlow(5)).toThrow(/not active/);
    expect(() => e.setFlowCap(5, 1)).toThrow(/not active/);
    expect(() => e.setCapacity(0, -1)).toThrow(/expected ≥ 0/);
  });
});

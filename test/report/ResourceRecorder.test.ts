// Tests of ResourceRecorder: bytes, utilisation, saturation and bottleneck flow-seconds per resource, derived by hand.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import type { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { RateChanges } from "../../src/net/RateChanges.js";
import type { Topology } from "../../src/net/Topology.js";
import { ResourceRecorder, SATURATION_FRACTION, SHOWN_SPAN_RELATIVE, UTIL_BINS } from "../../src/report/ResourceRecorder.js";
import { BOTTLENECK_CSV_HEADERS, LINK_CSV_HEADERS } from "../../src/report/resourceCsv.js";
import { recordedNetwork, twoBottlenecksInTurn, twoFlowsSharing } from "./networks.js";

function linkRecords(resources: { linkRows(): Iterable<string[]> }) {
  return [...resources.linkRows()].map((cells) => Object.fromEntries(LINK_CSV_HEADERS.map((h, i) => [h, cells[i]])));
}

describe("ResourceRecorder", () => {
  it("integrates bytes per directed channel of two flows sharing a link", () => {
    const { resources, network } = twoFlowsSharing();
    const makespan = network.finishOf(0); // 0.300002 s
    resources.finish(makespan);
    // Both flows (1e9 + 5e8 B) cross a->s (channel 0) and s->b (channel 2); nothing goes back.
    expect(resources.bytesOf(0)).toBeCloseTo(1.5e9, 3);
    expect(resources.bytesOf(2)).toBeCloseTo(1.5e9, 3);
    expect(resources.bytesOf(1)).toBe(0);
    expect(resources.bytesOf(3)).toBe(0);
  });

  it("measures saturation, utilisation and bottleneck flow-seconds of the shared link", () => {
    const { resources, network } = twoFlowsSharing();
    resources.finish(network.finishOf(0));
    // s->b carries 5e9 B/s = its capacity from 2 µs to 0.300002 s: saturated 0.3 s of
    // 0.300002 s; mean utilisation the same; peak 1 and p95 1. Bottleneck of f0 for 0.3 s
    // and of f1 for 0.2 s → 0.5 flow-seconds.
    expect(resources.saturatedFracOf(2)).toBeCloseTo(0.3 / 0.300002, 10);
    expect(resources.meanUtilOf(2)).toBeCloseTo(0.3 / 0.300002, 10);
    expect(resources.peakUtilOf(2)).toBe(1);
    expect(resources.p95UtilOf(2)).toBe(1);
    expect(resources.bottleneckFlowSOf(2)).toBeCloseTo(0.5, 10);
    // a->s carries 5e9 of 12.5e9 B/s (0.4) whenever busy: 1.5e9 B / 12.5e9 B/s = 0.12 s of
    // full use over 0.300002 s; never saturated, never a bottleneck.
    expect(resources.meanUtilOf(0)).toBeCloseTo(0.12 / 0.300002, 10);
    expect(resources.peakUtilOf(0)).toBe(0.4);
    expect(resources.p95UtilOf(0)).toBe(0.4);
    expect(resources.saturatedFracOf(0)).toBe(0);
    expect(resources.bottleneckFlowSOf(0)).toBe(0);
  });

  it("writes one links.csv row per directed channel with capacities in Gb/s", () => {
    const { resources, network } = twoFlowsSharing();
    resources.finish(network.finishOf(0));
    const rows = linkRecords(resources);
    expect(rows.map((r) => [r.link, r.from, r.to, r.tier, r.capacity_gbps])).toEqual([
      ["a->s", "a", "s", "host-nic", "100"],
      ["s->a", "s", "a", "host-nic", "100"],
      ["s->b", "s", "b", "host-nic", "40"],
      ["b->s", "b", "s", "host-nic", "40"],
    ]);
    expect(rows[1]).toMatchObject({ bytes: "0", mean_util: "0", peak_util: "0", p95_util: "0", saturated_frac: "0", bottleneck_flow_s: "0" });
  });

  it("takes the 95th percentile over time, idle time included", () => {
    // f1 = 6e8 B, makespan 0.28333 s (f0 ends at 0.26667 s, f1 has 1e8 B left at 6e9 B/s).
    // c->s: idle 0.1 s (35 %), 3e9/12.5e9 = 0.24 for 0.16667 s (→ 94.1 %), then
    // 6e9/12.5e9 = 0.48 for 0.016667 s: the 95 % point lies in the 0.48 bin.
    // a->s: 1 for 0.1 s (35 %), 3e9/5e9 = 0.6 for 0.16667 s (→ 94.1 %), idle after: p95 is 1.
    const { resources, run } = twoBottlenecksInTurn(6e8);
    resources.finish(run.endS);
    expect(run.endS).toBeCloseTo(0.1 + 1 / 6 + 1 / 60, 12);
    expect(resources.p95UtilOf(2)).toBe(0.48);
    expect(resources.p95UtilOf(0)).toBe(1);
    expect(resources.peakUtilOf(2)).toBe(0.48);
  });

  it("reports a p95 of 0 for a resource idle at least 95 % of the time", () => {
    const { sim, network, router, resources, node } = recordedNetwork(
      [{ id: "a" }, { id: "b" }],
      [{ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 }],
    );
    // 1e7 B at 1e9 B/s: busy 0.01 s of a 1 s horizon (1 %).
    network.startFlow(router.route(node("a"), node("b"), 0)!, 1e7);
    sim.run();
    resources.finish(1);
    expect(resources.p95UtilOf(0)).toBe(0);
    expect(resources.meanUtilOf(0)).toBeCloseTo(0.01, 12);
    expect(resources.peakUtilOf(0)).toBe(1);
  });

  it("ranks bottlenecks by flow-seconds with shares", () => {
    // f1 = 6e8 B: f0 bound by a->s for 0.1 s, then by s->b for 1/6 s; f1 bound by s->b
    // from 0.1 s to its end at 0.1 + 1/6 + 1/60 s → 0.18333 s. s->b: 0.35, a->s: 0.1,
    // total 0.45 → shares 7/9 and 2/9.
    const { resources, run } = twoBottlenecksInTurn(6e8);
    resources.finish(run.endS);
    const ranking = resources.rankBottlenecks();
    expect(ranking.map((e) => [e.name, e.tier])).toEqual([
      ["s->b", "host-nic"],
      ["a->s", "host-nic"],
    ]);
    expect(ranking[0].bottleneckFlowS).toBeCloseTo(0.35, 12);
    expect(ranking[0].share).toBeCloseTo(7 / 9, 12);
    expect(ranking[1].bottleneckFlowS).toBeCloseTo(0.1, 12);
    expect(ranking[1].share).toBeCloseTo(2 / 9, 12);
    // a->s was saturated exactly while it was f0's bottleneck: 0.1 s of 0.28333 s.
    expect(ranking[1].saturatedFrac).toBeCloseTo(0.1 / run.endS, 12);
    const rows = [...resources.bottleneckRows()];
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ["1", "s->b", "host-nic", "48"],
      ["2", "a->s", "host-nic", "40"],
    ]);
    expect(rows[0]).toHaveLength(BOTTLENECK_CSV_HEADERS.length);
  });

  it("ranks bottlenecks of equal flow-seconds by resource id", () => {
    // Two separate links, one 1e8 B flow on each at 1e9 B/s: both bottlenecks for 0.1 s.
    const { sim, network, router, resources, node } = recordedNetwork(
      [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
      [
        { from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 },
        { from: "c", to: "d", bandwidthBps: 1e9, latencyS: 0 },
      ],
    );
    network.startFlow(router.route(node("d"), node("c"), 0)!, 1e8);
    network.startFlow(router.route(node("a"), node("b"), 1)!, 1e8);
    const run = sim.run();
    resources.finish(run.endS);
    expect(resources.rankBottlenecks().map((e) => [e.name, e.share])).toEqual([
      ["a->b", 0.5],
      ["d->c", 0.5],
    ]);
  });
});

describe("ResourceRecorder with capacity changes", () => {
  it("measures utilisation against the capacity in force", () => {
    // a —12.5e9 B/s— s —5e9 B/s— b, 1 µs each; one flow of 1e9 B. s->b drops to 2.5e9 B/s at
    // 0.1 s: 5.0001e8 B left → finishes at 0.300004 s. s->b is full the whole time, so its
    // utilisation against the capacity in force is (0.300004 − 2e-6) / 0.300004 on average,
    // where nominal capacity would give (0.099998 + 0.5 × 0.200004) / 0.300004.
    const { sim, network, router, node, resources } = recordedNetwork(
      [{ id: "a" }, { id: "s", kind: "switch" }, { id: "b" }],
      [
        { from: "a", to: "s", bandwidthBps: 12.5e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 },
      ],
    );
    network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9);
    sim.at(0.1, () => network.setCapacity(2, 2.5e9));
    const run = sim.run();
    resources.finish(run.endS);
    expect(run.endS).toBeCloseTo(0.300004, 12);
    expect(resources.meanUtilOf(2)).toBeCloseTo(0.300002 / 0.300004, 9);
    expect(resources.saturatedFracOf(2)).toBeCloseTo(0.300002 / 0.300004, 9);
    expect(resources.peakUtilOf(2)).toBeCloseTo(1, 9);
  });
});

describe("ResourceRecorder's peaks and saturation need a span the reports can show", () => {
  // a —1e9 B/s— s —5e9 B/s— b, one flow of 1e9 B: s->b carries 1e9 B/s (utilisation 0.2). At
  // 0.1 s a->s is raised to 1e10 B/s, so the flow takes s->b's 5e9 (utilisation 1, saturated),
  // and after `spanS` it is set back to 1e9 B/s.
  function raisedFor(spanS: number) {
    const { sim, network, router, node, resources } = recordedNetwork(
      [{ id: "a" }, { id: "s", kind: "switch" }, { id: "b" }],
      [
        { from: "a", to: "s", bandwidthBps: 1e9, latencyS: 0 },
        { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 0 },
      ],
    );
    network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9);
    const back = 0.1 + spanS;
    sim.at(0.1, () => network.setCapacity(0, 1e10));
    sim.at(back, () => network.setCapacity(0, 1e9));
    const run = sim.run();
    resources.finish(run.endS);
    return { resources, endS: run.endS, back };
  }

  it("a span of one ulp of time (0.1 s and the next double) holds no peak and no saturation", () => {
    const { resources, back } = raisedFor(1e-17);
    expect(back - 0.1).toBeGreaterThan(0);
    expect(back - 0.1).toBeLessThan(SHOWN_SPAN_RELATIVE * back);
    expect(resources.peakUtilOf(2)).toBeCloseTo(0.2, 12);
    expect(resources.saturatedFracOf(2)).toBe(0);
  });

  it("a span of a nanosecond holds the peak and its saturation", () => {
    const { resources, endS, back } = raisedFor(1e-9);
    expect(resources.peakUtilOf(2)).toBe(1);
    expect(resources.saturatedFracOf(2)).toBeCloseTo((back - 0.1) / endS, 18);
  });
});

describe("ResourceRecorder's p95 from its log", () => {
  it("reads the same p95 from the log's pending additions as from histograms folded at every chunk, after each finish", () => {
    // Four hosts on one switch, 40 flows of random sizes and starts: every channel's load
    // passes through many utilisation bins. Recorder `logged` never folds (its p95s come
    // from the log); `folded` holds one addition before folding (its p95s from histograms).
    const { sim, network, router, node, resources: logged, topology } = recordedNetwork(
      [{ id: "s", kind: "switch" }, { id: "h0" }, { id: "h1" }, { id: "h2" }, { id: "h3" }],
      [0, 1, 2, 3].map((i) => ({ from: `h${i}`, to: "s", bandwidthBps: (i + 1) * 1e9, latencyS: 1e-6 })),
    );
    const folded = new ResourceRecorder(network, topology, 1);
    const random = randomStream(17, "p95 from the log");
    for (let k = 0; k < 40; k++) {
      const a = Math.floor(random() * 4);
      const b = (a + 1 + Math.floor(random() * 3)) % 4;
      const size = 1e6 + random() * 1e8;
      sim.at(random() * 0.05, () => network.startFlow(router.route(node(`h${a}`), node(`h${b}`), k)!, size));
    }
    const p95s = (rec: ResourceRecorder) => Array.from({ length: topology.resourceCount }, (_, r) => rec.p95UtilOf(r));
    sim.run({ untilS: 0.03 });
    for (const rec of [logged, folded]) rec.finish(0.03);
    const early = p95s(logged);
    expect(early).toEqual(p95s(folded));
    const run = sim.run();
    for (const rec of [logged, folded]) rec.finish(run.endS);
    const late = p95s(logged);
    expect(late).toEqual(p95s(folded));
    expect(new Set(late).size).toBeGreaterThan(3);
    expect(late).not.toEqual(early);
    // The same again for a longer horizon (idle time added: the p95s are read anew).
    for (const rec of [logged, folded]) rec.finish(run.endS * 2);
    expect(p95s(logged)).toEqual(p95s(folded));
    expect(p95s(logged)).not.toEqual(late);
  });
});

/**
 * The recorder's accounting written plainly: per resource, each rate change closes the interval
 * since the last (at the load before the change, if time moved) and then moves the load and
 * count; the utilisation seconds go straight into a dense histogram.
 */
class PlainAccounts {
  readonly last: Float64Array;
  readonly load: Float64Array;
  readonly carrying: Int32Array;
  readonly bytes: Float64Array;
  readonly utilS: Float64Array;
  readonly peak: Float64Array;
  readonly saturatedS: Float64Array;
  readonly bottleneckFlowS: Float64Array;
  readonly bottlenecked: Int32Array;
  readonly bins: Float64Array[];
  readonly bottleneckOf = new Map<number, number>();
  constructor(readonly capacity: Float64Array) {
    const R = capacity.length;
    [this.last, this.load, this.bytes, this.utilS, this.peak, this.saturatedS, this.bottleneckFlowS] = Array.from({ length: 7 }, () => new Float64Array(R));
    this.carrying = new Int32Array(R);
    this.bottlenecked = new Int32Array(R);
    this.bins = Array.from({ length: R }, () => new Float64Array(UTIL_BINS));
  }
  close(r: number, nowS: number): void {
    const dt = nowS - this.last[r];
    if (!(dt > 0)) return;
    this.last[r] = nowS;
    this.bottleneckFlowS[r] += this.bottlenecked[r] * dt;
    const load = this.load[r];
    if (load <= 0) return;
    const cap = this.capacity[r];
    const util = cap > 0 ? load / cap : Infinity;
    this.bytes[r] += load * dt;
    this.utilS[r] += util * dt;
    if (dt > SHOWN_SPAN_RELATIVE * nowS) {
      this.peak[r] = Math.max(this.peak[r], util);
      if (load >= SATURATION_FRACTION * cap) this.saturatedS[r] += dt;
    }
    const bin = Math.min(UTIL_BINS - 1, Math.max(0, Math.ceil(util * UTIL_BINS - 1e-9) - 1));
    this.bins[r][bin] += dt;
  }
  change(route: readonly number[], flow: number, oldRateBps: number, newRateBps: number, bottleneck: number, nowS: number): void {
    for (const r of route) {
      this.close(r, nowS);
      this.carrying[r] += (newRateBps > 0 ? 1 : 0) - (oldRateBps > 0 ? 1 : 0);
      this.load[r] = this.carrying[r] > 0 ? this.load[r] + (newRateBps - oldRateBps) : 0;
    }
    const old = this.bottleneckOf.get(flow) ?? -1;
    if (old === bottleneck) return;
    if (old >= 0) {
      this.close(old, nowS);
      this.bottlenecked[old]--;
    }
    this.bottleneckOf.set(flow, bottleneck);
    if (bottleneck >= 0) {
      this.close(bottleneck, nowS);
      this.bottlenecked[bottleneck]++;
    }
  }
  p95(r: number, horizonS: number): number {
    const target = 0.95 * horizonS;
    let busy = 0;
    for (const s of this.bins[r]) busy += s;
    let cumulative = horizonS - busy;
    if (cumulative >= target) return 0;
    for (let i = 0; i < UTIL_BINS; i++) {
      cumulative += this.bins[r][i];
      if (cumulative >= target) return (i + 1) / UTIL_BINS;
    }
    return 1;
  }
}

describe("ResourceRecorder fed rate changes directly", () => {
  it("accounts every resource as the plain per-change accounting does, bit for bit, however the changes of an instant fall on its resources", () => {
    // Nine resources, 40 flows on random routes of 1-5 of them, 600 batches of up to 12
    // changes: often several batches at one instant, a resource on many of a batch's routes,
    // a flow twice in a batch, bottlenecks off the flow's route, a capacity cut to 0 and back.
    const R = 9;
    const random = randomStream(5, "resource recorder walk");
    const pick = (n: number) => Math.floor(random() * n);
    const routes = Array.from({ length: 40 }, () => {
      const all = Array.from({ length: R }, (_, r) => r).sort(() => random() - 0.5);
      return all.slice(0, 1 + pick(5));
    });
    for (const logEntries of [1, 5, 1 << 21]) {
      const capacity = Float64Array.from({ length: R }, () => 1e9 * (1 + pick(10)));
      let observer: ResourceRecorder | undefined;
      const network = {
        observe: (o: ResourceRecorder) => (observer = o),
        capacityOf: (r: number) => capacity[r],
        routeOf: (f: number) => ({ resources: Int32Array.from(routes[f]) }),
      } as unknown as FlowNetwork;
      const topology = { resourceCount: R } as unknown as Topology;
      const recorder = new ResourceRecorder(network, topology, logEntries);
      expect(observer).toBe(recorder);
      const plain = new PlainAccounts(capacity.slice());
      const rate = new Float64Array(routes.length);
      const changes = new RateChanges(4);
      let nowS = 0;
      for (let batch = 0; batch < 600; batch++) {
        if (random() < 0.7) nowS += random() < 0.5 ? random() * 1e-3 : 2 ** -(10 + pick(20));
        if (batch === 200 || batch === 400) {
          // A failed resource, later back.
          const r = 4;
          const old = capacity[r];
          capacity[r] = batch === 200 ? 0 : 3e9;
          plain.close(r, nowS);
          plain.capacity[r] = capacity[r];
          recorder.capacityChanged(r, old, capacity[r], nowS);
        }
        const n = 1 + pick(12);
        changes.reserve(n);
        changes.count = n;
        changes.nowS = nowS;
        for (let k = 0; k < n; k++) {
          const f = pick(routes.length);
          if (batch < 5) recorder.flowStarted(f, nowS);
          const newRate = random() < 0.25 ? 0 : random() * 10 ** pick(10);
          const route = routes[f];
          const bottleneck = newRate === 0 || random() < 0.2 ? -1 : random() < 0.1 ? pick(R) : route[pick(route.length)];
          changes.flows[k] = f;
          changes.oldRatesBps[k] = rate[f];
          changes.newRatesBps[k] = newRate;
          changes.bottlenecks[k] = bottleneck;
          plain.change(route, f, rate[f], newRate, bottleneck, nowS);
          rate[f] = newRate;
        }
        recorder.ratesChanged(changes);
      }
      const endS = nowS + 1e-3;
      recorder.finish(endS);
      for (let r = 0; r < R; r++) plain.close(r, endS);
      const same = (mine: (r: number) => number, theirs: (r: number) => number) =>
        expect(Array.from({ length: R }, (_, r) => mine(r))).toEqual(Array.from({ length: R }, (_, r) => theirs(r)));
      same((r) => recorder.bytesOf(r), (r) => plain.bytes[r]);
      same((r) => recorder.meanUtilOf(r), (r) => plain.utilS[r] / endS);
      same((r) => recorder.peakUtilOf(r), (r) => plain.peak[r]);
      same((r) => recorder.saturatedFracOf(r), (r) => plain.saturatedS[r] / endS);
      same((r) => recorder.bottleneckFlowSOf(r), (r) => plain.bottleneckFlowS[r]);
      same((r) => recorder.p95UtilOf(r), (r) => plain.p95(r, endS));
      // The case is not trivial: loads in many bins, time saturated, bottlenecks held.
      expect(plain.bins.map((h) => h.filter((s) => s > 0).length).reduce((a, b) => a + b)).toBeGreaterThan(100);
      expect(plain.saturatedS.some((s) => s > 0)).toBe(true);
      expect(plain.bottleneckFlowS.every((s) => s > 0)).toBe(true);
    }
  });
});

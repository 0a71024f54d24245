// Tests of TimeSeriesRecorder: per-interval bytes, throughput and utilisation per link and per workload, derived by hand.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvNumber } from "../../src/report/csvNumber.js";
import { TimeSeriesRecorder } from "../../src/report/TimeSeriesRecorder.js";
import { parseCsv, recordedNetwork } from "./networks.js";

/**
 * a —12.5e9 B/s, 1 µs— s —5e9 B/s, 1 µs— b; channels 0 a->s, 2 s->b. Workload w0 starts
 * f0 (1e9 B) at 0, workload w1 starts f1 (5e8 B) at 1 ms; intervals of 0.1 s.
 * By hand: f0 alone at 5e9 B/s over [2 µs, 1.002 ms); both at 2.5e9 B/s until f1 ends at
 * 0.201002 s; f0 alone at 5e9 B/s until 0.300002 s.
 */
function sharing(capacityDrop = false) {
  const net = recordedNetwork(
    [{ id: "a" }, { id: "s", kind: "switch" }, { id: "b" }],
    [
      { from: "a", to: "s", bandwidthBps: 12.5e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 },
    ],
  );
  const { sim, network, router, node } = net;
  const series = new TimeSeriesRecorder(network, net.topology, 0.1, ["w0", "w1"], (f) => f);
  const route = router.route(node("a"), node("b"), 0)!;
  network.startFlow(route, 1e9);
  if (capacityDrop) sim.at(0.1, () => network.setCapacity(2, 2.5e9));
  else sim.at(1e-3, () => network.startFlow(route, 5e8));
  const run = sim.run();
  series.finish(run.endS);
  return { ...net, series, run };
}

describe("TimeSeriesRecorder", () => {
  it("splits each link's and each workload's bytes at interval boundaries (hand case)", () => {
    const { series, run } = sharing();
    expect(run.endS).toBeCloseTo(0.300002, 12);
    // s->b is full at 5e9 B/s from 2 µs to 0.300002 s.
    expect(series.channelBytes(2, 0)).toBeCloseTo(5e9 * (0.1 - 2e-6), 0);
    expect(series.channelBytes(2, 1)).toBeCloseTo(5e8, 0);
    expect(series.channelBytes(2, 2)).toBeCloseTo(5e8, 0);
    expect(series.channelBytes(2, 3)).toBeCloseTo(1e4, 0);
    // w0: 5e6 B alone, then 2.5e9 B/s for 0.098998 s in [0, 0.1); 2.5e8 B in [0.1, 0.2);
    // 2.5e9 × 0.001002 + 5e9 × 0.098998 in [0.2, 0.3); 5e9 × 2 µs after.
    expect(series.workloadBytes(0, 0)).toBeCloseTo(2.52495e8, 0);
    expect(series.workloadBytes(0, 1)).toBeCloseTo(2.5e8, 0);
    expect(series.workloadBytes(0, 2)).toBeCloseTo(4.97495e8, 0);
    expect(series.workloadBytes(0, 3)).toBeCloseTo(1e4, 0);
    // w1: 2.5e9 B/s over [1.002 ms, 0.201002 s).
    expect(series.workloadBytes(1, 0)).toBeCloseTo(2.47495e8, 0);
    expect(series.workloadBytes(1, 1)).toBeCloseTo(2.5e8, 0);
    expect(series.workloadBytes(1, 2)).toBeCloseTo(2.505e6, 0);
  });

  it("sums, per workload and per link, to the bytes the flows carried", () => {
    const { series } = sharing();
    const sum = (f: (k: number) => number) => [0, 1, 2, 3, 4].reduce((s, k) => s + f(k), 0);
    expect(sum((k) => series.workloadBytes(0, k))).toBeCloseTo(1e9, 0);
    expect(sum((k) => series.workloadBytes(1, k))).toBeCloseTo(5e8, 0);
    expect(sum((k) => series.channelBytes(0, k))).toBeCloseTo(1.5e9, 0);
    expect(sum((k) => series.channelBytes(2, k))).toBeCloseTo(1.5e9, 0);
  });

  it("measures utilisation against the capacity in force (a capacity change mid-interval)", async () => {
    // One flow of 1e9 B; s->b drops to 2.5e9 B/s at 0.1 s: 5.0001e8 B left → 0.200004 s more,
    // finish 0.300004 s. [0.1, 0.2): 2.5e8 B, s->b at 100 %, a->s at 2.5e8 / (12.5e9 × 0.1) = 20 %.
    const { series, run } = sharing(true);
    expect(run.endS).toBeCloseTo(0.300004, 12);
    const dir = await mkdtemp(join(tmpdir(), "series-"));
    try {
      await series.writeCsv(join(dir, "timeseries.csv"), run.endS);
      const text = await readFile(join(dir, "timeseries.csv"), "utf8");
      expect(text.split("\n")[0]).toBe("interval_start_s,interval_end_s,scope,name,bytes,throughput_gbps,mean_util");
      const rows = parseCsv(text);
      const second = rows.filter((r) => r.interval_start_s === "0.1");
      expect(second.map((r) => `${r.scope}:${r.name}`)).toEqual(["link:a->s", "link:s->b", "workload:w0"]);
      expect(Number(second[1].bytes)).toBeCloseTo(2.5e8, 0);
      expect(Number(second[1].throughput_gbps)).toBeCloseTo(20, 9);
      expect(Number(second[1].mean_util)).toBeCloseTo(1, 9);
      expect(Number(second[0].mean_util)).toBeCloseTo(0.2, 9);
      expect(second[2].mean_util).toBe("");
      // Each row's throughput is its own whole bytes over its interval, to the digit: a reader
      // who recomputes it from the row gets the cell (the fluid integral behind `bytes` carries
      // round-off; writing from it gave cells such as 0.00941759999989 for 58,860 B in 0.05 s).
      for (const r of rows) {
        const lengthS = Number(r.interval_end_s) - Number(r.interval_start_s);
        expect(r.throughput_gbps).toBe(csvNumber((Number(r.bytes) * 8) / 1e9 / lengthS));
      }
      expect(second[1].throughput_gbps).toBe("20");
      // The last interval ends at the makespan, 0.300004 s.
      const last = rows[rows.length - 1];
      expect(Number(last.interval_end_s)).toBeCloseTo(0.300004, 12);
      expect(Number(last.bytes)).toBeCloseTo(2.5e9 * 4e-6, 0);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe("TimeSeriesRecorder: a link's load after many flows came and went", () => {
  it("is the rate of the flow still on it, with no residue of the others (mean_util = rate / capacity to the digit)", () => {
    // a —1e12 B/s— s —1e12 B/s— b. A long flow capped at R = 1,000/3 B/s (1,000 B: it drains
    // from 2 ns to 3 s) shares both links with 40 short ones of awkward caps (1e10·√(i+2) B/s,
    // one at a time, each within the link: each gets its cap) that all end within the first
    // 0.1 s interval. From 0.1 s on only the long flow is on s->b: mean_util = R / 1e12. A
    // load kept as a running sum of rate changes carried the round-off of R + cap − cap
    // (up to ulp(1.4e10)/2 ≈ 1e-6 B/s, 3e-9 of R) on and on.
    const net = recordedNetwork(
      [{ id: "a" }, { id: "s", kind: "switch" }, { id: "b" }],
      [
        { from: "a", to: "s", bandwidthBps: 1e12, latencyS: 1e-9 },
        { from: "s", to: "b", bandwidthBps: 1e12, latencyS: 1e-9 },
      ],
    );
    const { sim, network, router, node } = net;
    const series = new TimeSeriesRecorder(network, net.topology, 0.1, ["w"], () => 0);
    const route = router.route(node("a"), node("b"), 0)!;
    network.startFlow(route, 1000, { capBps: 1000 / 3 });
    for (let i = 0; i < 40; i++) sim.at(i * 1e-3, () => network.startFlow(route, 1e7 * (i + 1), { capBps: 1e10 * Math.sqrt(i + 2) }));
    const run = sim.run();
    series.finish(run.endS);
    const rows = [...series.rows()].filter((r) => r[2] === "link" && r[3] === "s->b");
    // Intervals [0.1, 0.2) … [0.8, 0.9): the long flow alone the whole interval.
    const alone = rows.filter((r) => Number(r[0]) >= 0.1 && Number(r[1]) <= 0.9 + 1e-12);
    expect(alone.length).toBe(8);
    for (const r of alone) expect(r[6]).toBe(csvNumber(1000 / 3 / 1e12));
  });
});

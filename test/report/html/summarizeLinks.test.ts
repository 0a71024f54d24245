// Tests of summarizeLinks: the ranked join, per-tier utilisation, series from timeseries.csv merged by time, queues.
import { describe, expect, it } from "vitest";
import { parseCsvText } from "../../../src/report/html/parseCsvText.js";
import { parseCsvColumns } from "../../../src/report/html/parseCsvColumns.js";
import { MAX_INTERVALS, SERIES_NUMBER_COLUMNS, SERIES_TEXT_COLUMNS, summarizeLinks } from "../../../src/report/html/summarizeLinks.js";

const seriesOf = (text: string) => parseCsvColumns(text, SERIES_TEXT_COLUMNS, SERIES_NUMBER_COLUMNS);

const LINKS = parseCsvText(`link,from,to,tier,capacity_gbps,bytes,mean_util,peak_util,p95_util,saturated_frac,bottleneck_flow_s
a->s,a,s,host-nic,10,1000,0.5,1,1,0.5,2
s->a,s,a,host-nic,10,0,0,0,0,0,0
s->b,s,b,wan,40,3000,0.25,0.5,0.5,0,0
`);
const BOTTLENECKS = parseCsvText(`rank,resource,tier,capacity_gbps,bottleneck_flow_s,bottleneck_share,saturated_frac,mean_util
1,a->s,host-nic,10,2,1,0.5,0.5
`);

describe("summarizeLinks", () => {
  it("joins bottlenecks.csv with links.csv and averages mean_util per tier", () => {
    const s = summarizeLinks({ links: LINKS, bottlenecks: BOTTLENECKS });
    expect(s.ranked).toEqual([{ rank: 1, resource: "a->s", tier: "host-nic", capacityGbps: 10, bottleneckFlowS: 2, share: 1, saturatedFrac: 0.5, meanUtil: 0.5, bytes: 1000, peakUtil: 1 }]);
    expect(s.tiers).toEqual([
      { tier: "host-nic", channels: 2, meanUtil: 0.25, maxMeanUtil: 0.5, bytes: 1000 },
      { tier: "wan", channels: 1, meanUtil: 0.25, maxMeanUtil: 0.25, bytes: 3000 },
    ]);
    expect(s.series).toBeUndefined();
    expect(s.queues).toBeUndefined();
  });

  it("gives each tier's utilisation per interval: bits moved over the tier's nominal capacity", () => {
    // Interval [0, 1): a->s moves 1.25e9 B = 10 Gb of host-nic's 20 Gb/s → 0.5; [1, 1.5): 0.625e9 B over 0.5 s → 0.5.
    const series = seriesOf(`interval_start_s,interval_end_s,scope,name,bytes,throughput_gbps,mean_util
0,1,link,a->s,1250000000,10,1
0,1,workload,w,1250000000,10,
1,1.5,link,a->s,625000000,10,1
1,1.5,workload,w,625000000,10,
`);
    const s = summarizeLinks({ links: LINKS, bottlenecks: BOTTLENECKS, timeseries: series });
    expect(s.series!.intervalS).toBe(1);
    expect(s.series!.tiers.filter((p) => p.name === "host-nic")).toEqual([
      { t0: 0, t1: 1, name: "host-nic", value: 0.5 },
      { t0: 1, t1: 1.5, name: "host-nic", value: 0.5 },
    ]);
    expect(s.series!.tiers.filter((p) => p.name === "wan").map((p) => p.value)).toEqual([0, 0]);
    // The busiest links by mean_util over the run (s->b moved nothing in these intervals).
    expect(s.series!.links.filter((p) => p.name === "a->s")).toEqual([
      { t0: 0, t1: 1, name: "a->s", value: 1 },
      { t0: 1, t1: 1.5, name: "a->s", value: 1 },
    ]);
    expect(s.series!.workloads.map((p) => p.value)).toEqual([10, 10]);
  });

  it(`merges consecutive intervals, time-weighted, to at most ${MAX_INTERVALS} points per series`, () => {
    // 1,000 intervals of 1 ms: utilisation 1 in even intervals, 0 in odd ones (no row) → groups of 3 average to 2/3 or 1/3.
    const rows = Array.from({ length: 500 }, (_, k) => `${(2 * k) / 1000},${(2 * k + 1) / 1000},link,a->s,1,1,1`).join("\n");
    const series = seriesOf(`interval_start_s,interval_end_s,scope,name,bytes,throughput_gbps,mean_util\n${rows}\n`);
    const s = summarizeLinks({ links: LINKS, bottlenecks: BOTTLENECKS, timeseries: series });
    const points = s.series!.links.filter((p) => p.name === "a->s");
    // The last row ends at 0.999 s: 999 intervals, 333 groups of 3.
    expect(points).toHaveLength(333);
    expect(points[0].t0).toBe(0);
    expect(points[0].t1).toBeCloseTo(0.003, 12);
    expect(points[0].value).toBeCloseTo(2 / 3, 12);
    expect(points[1].value).toBeCloseTo(1 / 3, 12);
  });

  it("ranks links by their p99 queueing delay when links.csv has queue columns", () => {
    const queued = parseCsvText(`link,from,to,tier,capacity_gbps,bytes,mean_util,peak_util,p95_util,saturated_frac,bottleneck_flow_s,queue_mean_bytes,queue_p99_bytes,queue_delay_mean_s,queue_delay_p99_s,drops,marks
a->s,a,s,host-nic,10,1000,0.5,1,1,0.5,2,100,1000,0.00001,0.0001,3,0
s->a,s,a,host-nic,10,0,0,0,0,0,0,0,0,0,0,0,0
s->b,s,b,wan,40,3000,0.25,0.5,0.5,0,0,500,5000,0.00002,0.001,0,7
`);
    const s = summarizeLinks({ links: queued, bottlenecks: BOTTLENECKS });
    expect(s.queues!.links.map((q) => [q.link, q.delayP99S, q.drops, q.marks])).toEqual([["s->b", 0.001, 0, 7], ["a->s", 0.0001, 3, 0]]);
  });
});

// tierRows: bottleneck-seconds and bytes per tier on a run derived by hand; every workload's shares sum to 1.
import { describe, expect, it } from "vitest";
import { BoundList } from "../../src/report/BoundList.js";
import { TierTable, tierRows } from "../../src/report/tierRows.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

describe("tierRows", () => {
  // dc.h0 (100 Gb/s access) sends to two edge hosts (4 Gb/s = 5e8 B/s access each) over a
  // 5 Gb/s (6.25e8 B/s) WAN link with no latency.
  //   a: 1 GB to pop.h0, c: 0.5 GB to pop.h1, both at 0 s. They share the WAN, 3.125e8 B/s
  //   each (below the access links): c finishes at 0.5e9 / 3.125e8 = 1.6 s, bound by the WAN.
  //   a has 0.5e9 B left and runs alone at min(6.25e8, 5e8) = 5e8 B/s, bound by its access
  //   link, for 1 s: finishes at 2.6 s. So a: WAN 1.6 s, edge access 1 s; c: WAN 1.6 s.
  const prepared = prepareScenarioDocument(
    {
      topology: {
        sites: [
          { id: "dc", lat: 50, lon: 8, country: "DE", hosts: { count: 1, bandwidth: "100Gbps" } },
          { id: "pop", kind: "edge", lat: 48, lon: 2, country: "FR", hosts: { count: 2, bandwidth: "4Gbps" } },
        ],
        wan: [{ from: "dc", to: "pop", bandwidth: "5Gbps", latency: "0s" }],
      },
      workloads: [
        { transfer: { id: "a", src: "dc.h0", dst: "pop.h0", size: "1GB" } },
        { transfer: { id: "c", src: "dc.h0", dst: "pop.h1", size: "0.5GB" } },
      ],
    },
    "tiers.yaml",
  );
  const s = simulate(prepared);
  s.flows.finish(s.run.endS);
  const rows = tierRows(
    ["a", "c"],
    s.workloadOfFlow,
    {
      flowCount: s.network.flowCount,
      sizeOf: (f) => s.network.sizeOf(f),
      resourcesOf: (f) => s.network.routeOf(f).resources,
      forEachBound: (f, fn) => s.flows.forEachBound(f, fn),
    },
    prepared.topology,
  );
  const row = (w: string, tier: string) => rows.find((r) => r[0] === w && r[1] === tier);

  it("attributes each flow's bound time to the tier of its bottleneck", () => {
    const num = (w: string, tier: string) => row(w, tier)!.slice(2).map(Number);
    expect(num("a", "wan")).toEqual([expect.closeTo(1.6, 12), expect.closeTo(1.6 / 2.6, 12), 1e9, 1]);
    expect(num("a", "edge-access")).toEqual([expect.closeTo(1, 12), expect.closeTo(1 / 2.6, 12), 1e9, 1]);
    // a crosses dc-border (dc.h0 → dc) without being bound there.
    expect(num("a", "dc-border")).toEqual([0, 0, 1e9, 1]);
    expect(num("c", "wan")).toEqual([expect.closeTo(1.6, 12), 1, 5e8, 1]);
    expect(num("c", "edge-access")).toEqual([0, 0, 5e8, 1]);
  });

  it("sums the run and gives shares that add up to one per workload", () => {
    expect(row("all", "wan")!.slice(2).map(Number)).toEqual([expect.closeTo(3.2, 12), expect.closeTo(3.2 / 4.2, 12), 1.5e9, 2]);
    for (const w of ["a", "c", "all"]) {
      const shares = rows.filter((r) => r[0] === w).map((r) => Number(r[3]));
      expect(shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    }
  });

  it("gives the terminal summary tiers.csv's shares and queueing read back from its cells, largest share first", () => {
    // Workload "c" is named "all" here: its rows join the run's, as they would read back from the file.
    const names = ["a", "all"];
    const queueing = { ofFlow: (f: number) => (f === 0 ? 0.3 : 0.1), delayAt: (r: number) => 1 + (r % 3) };
    const table = new TierTable(names, prepared.topology, queueing);
    const bound = new BoundList();
    const facts = { forEachBound: (f: number, fn: (b: number, s: number) => void) => s.flows.forEachBound(f, fn) };
    for (let f = 0; f < s.network.flowCount; f++) {
      table.add(s.workloadOfFlow[f], s.network.sizeOf(f), bound.collect(facts, f), s.network.routeOf(f).resources, queueing.ofFlow(f));
    }
    const written = table.rows();
    const by = new Map<string, Array<[string, number]>>();
    for (const r of written) by.set(r[0], [...(by.get(r[0]) ?? []), [r[1], Number(r[3])]]);
    for (const list of by.values()) list.sort((x, y) => y[1] - x[1]);
    const shares = table.shares();
    expect(shares.all).toEqual(by.get("all"));
    expect(shares.workloads).toEqual([["a", by.get("a")]]);
    expect(shares.all.slice(0, 2)).toEqual([["wan", 1], ["wan", expect.closeTo(3.2 / 4.2, 11)]]);
    expect(table.queueingOfAll()).toEqual(written.filter((r) => r[0] === "all").map((r) => [r[1], Number(r[6])]));
    expect(table.queueingOfAll().reduce((x, [, q]) => x + q, 0)).toBeCloseTo(0.1 + (0.3 + 0.1), 12);
  });
});

// Tests of resourceCsv: links.csv and bottlenecks.csv rows from given accounts, cell by cell, derived by hand.
import { describe, expect, it } from "vitest";
import { tableRows } from "../../src/report/CsvWriter.js";
import { BOTTLENECK_CSV_HEADERS, emitBottleneckRows, emitLinkRows, LINK_CSV_HEADERS, type LinkAccounts } from "../../src/report/resourceCsv.js";
import { recordedNetwork } from "./networks.js";

/** a —10 Gb/s— b, both ways: channels 0 (a->b) and 1 (b->a); two plain nodes, so tier "other". */
const { topology } = recordedNetwork(
  [{ id: "a" }, { id: "b" }],
  [{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-6 }],
);

/** Accounts of a 5.0000008 s run: channel 0 busy, with round-off in every value; channel 1 idle. */
const accounts: LinkAccounts = {
  horizonS: 5.0000008,
  bytesOf: (r) => (r === 0 ? 2.6 : 0),
  meanUtilOf: (r) => (r === 0 ? 0.5 : 0),
  peakUtilOf: (r) => (r === 0 ? 1.0000000004 : 0),
  p95UtilOf: (r) => (r === 0 ? 1 : 0),
  saturatedFracOf: (r) => (r === 0 ? -1e-12 : 0),
  bottleneckFlowSOf: (r) => (r === 0 ? 2 * (5.0000004 - 5) : 0),
};

describe("resourceCsv", () => {
  it("writes a row per channel with whole bytes, fractions in [0, 1] and flow-seconds to the digits the instants resolve", () => {
    const rows = tableRows((sink) => emitLinkRows(sink, accounts, topology, []));
    expect(rows).toEqual([
      ["a->b", "a", "b", "other", "10", "3", "0.5", "1", "1", "0", "8e-7"],
      ["b->a", "b", "a", "other", "10", "0", "0", "0", "0", "0", "0"],
    ]);
    expect(rows[0]).toHaveLength(LINK_CSV_HEADERS.length);
  });

  it("appends a transport's columns, numbers formatted and text as given", () => {
    const extra = [{ headers: ["queue_mean_bytes", "note"], cells: (ch: number) => [ch === 0 ? 0.1 + 0.2 : 0, ch === 0 ? "busy" : ""] }];
    const rows = tableRows((sink) => emitLinkRows(sink, accounts, topology, extra));
    expect(rows.map((r) => r.slice(LINK_CSV_HEADERS.length))).toEqual([
      ["0.3", "busy"],
      ["0", ""],
    ]);
  });

  it("ranks bottlenecks from 1 in the order given, capacity in Gb/s and shares clamped", () => {
    const entry = { resource: 0, name: "a->b", tier: "leaf-spine" as const, capacityBps: 1.25e9, bottleneckFlowS: 8e-7, share: 1.0000000002, saturatedFrac: 0.25, meanUtil: 0.5 };
    const rows = tableRows((sink) => emitBottleneckRows(sink, [entry, { ...entry, resource: 1, name: "b->a", share: 0 }]));
    expect(rows).toEqual([
      ["1", "a->b", "leaf-spine", "10", "8e-7", "1", "0.25", "0.5"],
      ["2", "b->a", "leaf-spine", "10", "8e-7", "0", "0.25", "0.5"],
    ]);
    expect(rows[0]).toHaveLength(BOTTLENECK_CSV_HEADERS.length);
  });
});

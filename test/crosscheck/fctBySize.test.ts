// bench/ns3/fctBySize: the tcp model's FCT over ns-3's, flow by flow, per size bin; and both sides' handshakes.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flowPairs, handshakeQuantiles, ratiosBySize, sizeBin, withNs3Handshakes } from "../../bench/ns3/fctBySize.js";

const HEAD = "id,src,dst,size_bytes,start_s,finish_s,fct_s,ideal_fct_s,slowdown,mean_rate_gbps,bottleneck,status,handshake_s,slow_start_s,queueing_s,retransmits,timeouts\n";

/** A compare.ts directory of one case `c`: ns-3's flows (with or without `established_s`) and the model's. */
function fixture(established: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "fct-by-size-"));
  const col = established ? ",established_s" : "";
  // a (5 KB): ns-3 40 µs, model 20 µs; b (5 KB): 10 / 30 µs; c (20 KB): 100 / 50 µs; d (2 MB): 1 ms / 1 ms;
  // e: unfinished in ns-3 (left out); f: not done in the model (left out).
  const e = (x: string) => (established ? `,${x}` : "");
  writeFileSync(
    join(dir, "c.ns3.csv"),
    `id,start_s,finish_s,recoveries,timeouts${col}\na,1,1.00004,0,0${e("1.00003")}\nb,0,0.00001,0,0${e("0.000005")}\nc,0,0.0001,0,0${e("0.00002")}\nd,0,0.001,0,0${e("2")}\ne,0,,0,0${e("")}\nf,0,0.001,0,0${e("0.0001")}\n`,
  );
  mkdirSync(join(dir, "out-c-tcp"));
  const row = (id: string, size: number, fct: number, hs: number, status = "done") => `${id},h0,h1,${size},0,${fct},${fct},0.00001,1,1,x,${status},${hs},0,0,0,0\n`;
  writeFileSync(
    join(dir, "out-c-tcp", "flows.csv"),
    HEAD + row("a", 5000, 0.00002, 0.00001) + row("b", 5000, 0.00003, 0.00001) + row("c", 20000, 0.00005, 0.00002) + row("d", 2e6, 0.001, 0.00001) + row("e", 5000, 0.00002, 0.00001) + row("f", 5000, 0.00002, 0.00001, "timeout"),
  );
  return dir;
}

describe("fctBySize", () => {
  it("puts a size in its bin: edges belong to the bin above", () => {
    expect([0, 9999, 10_000, 49_999, 50_000, 99_999, 100_000, 999_999, 1_000_000, 5e9].map(sizeBin)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("pairs the flows both finished, by id, ns-3's FCT from its own start", () => {
    const pairs = flowPairs(fixture(false), "c");
    expect(pairs.map((p) => p.id)).toEqual(["a", "b", "c", "d"]);
    expect(pairs[0].ns3FctS).toBeCloseTo(0.00004, 12);
    expect(pairs.every((p) => Number.isNaN(p.ns3HandshakeS))).toBe(true);
  });

  it("gives each bin's flow-by-flow ratios and its ratio of medians", () => {
    const bins = ratiosBySize(flowPairs(fixture(false), "c"));
    // < 10 KB: a 20/40 = 0.5, b 30/10 = 3 → median 1.75, p10 0.5 + 0.1·2.5 = 0.75, p90 2.75;
    // medians: model (20 + 30)/2 = 25 µs, ns-3 (40 + 10)/2 = 25 µs → 1.
    expect(bins[0].n).toBe(2);
    expect(bins[0].p50).toBeCloseTo(1.75, 12);
    expect(bins[0].p10).toBeCloseTo(0.75, 12);
    expect(bins[0].p90).toBeCloseTo(2.75, 12);
    expect(bins[0].medians).toBeCloseTo(1, 9); // 1.00004 − 1 carries a float error of ~1e-16 s
    expect(bins[1]).toMatchObject({ n: 1 });
    expect(bins[1].p50).toBeCloseTo(0.5, 12);
    expect(bins[2].n).toBe(0);
    expect(bins[2].p50).toBeNaN();
    expect(bins[4].p50).toBeCloseTo(1, 12);
  });

  it("reads ns-3's handshake off established_s and leaves out a lost SYN's", () => {
    const pairs = flowPairs(fixture(true), "c");
    expect(pairs[0].ns3HandshakeS).toBeCloseTo(0.00003, 12);
    // Under 50 KB: a (ns-3 30 µs, model 10), b (5, 10), c (20, 20); d is 2 MB (and its 2 s handshake a lost SYN).
    const h = handshakeQuantiles(pairs, 50_000)!;
    expect(h.n).toBe(3);
    expect(h.ns3[1]).toBeCloseTo(0.00002, 12);
    expect(h.model[1]).toBeCloseTo(0.00001, 12);
    // p25 of (5, 20, 30) µs: 5 + 0.5·15 = 12.5 µs.
    expect(h.ns3[0]).toBeCloseTo(0.0000125, 12);
    expect(handshakeQuantiles(flowPairs(fixture(false), "c"), 50_000)).toBeNull();
  });

  it("swaps ns-3's handshake into the model's FCT, leaving out flows with a lost SYN", () => {
    const swapped = withNs3Handshakes(flowPairs(fixture(true), "c"));
    // a: 20 − 10 + 30 = 40 µs; b: 30 − 10 + 5 = 25 µs; c: 50 − 20 + 20 = 50 µs; d: ns-3's 2 s handshake is a lost SYN.
    expect(swapped.map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(swapped.map((p) => p.modelFctS * 1e6)).toEqual([expect.closeTo(40, 6), expect.closeTo(25, 6), expect.closeTo(50, 6)]);
    expect(swapped.every((p) => p.modelHandshakeS === p.ns3HandshakeS)).toBe(true);
  });
});

// The tcp model against ns-3 on rtt-mix-newreno: two 10 ms NewReno flows recover together, PRR's catch-ups overflow the port together, and a second recovery halves them again; the 1 ms flows' windows lose whole trains at those overflows, or nothing.
import { describe, expect, it } from "vitest";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { ns3NewReno, transportNetwork } from "../transportModels.js";

const BUFFER = 500 * 1500; // "500pkt"

/**
 * bench/ns3's `rtt-mix-newreno`: six 20 MB NewReno flows, two each of 10 µs, 1 ms and 10 ms
 * round trip, from their senders (40 Gb/s) through one 10 Gb/s port L → R with 500 packets of
 * buffer, all started at 0; the run's seed `seed` (the case's is 2).
 */
function rttMix(seed: number) {
  const nodes = ["L", "R"];
  const links: LinkSpec[] = [{ from: "L", to: "R", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: BUFFER }];
  const oneWay = [3e-6, 498e-6, 4998e-6];
  for (let i = 0; i < 6; i++) {
    nodes.push(`s${i}`, `r${i}`);
    links.push({ from: `s${i}`, to: "L", bandwidthBps: 5e9, latencyS: oneWay[i >> 1], bufferBytes: BUFFER });
    links.push({ from: "R", to: `r${i}`, bandwidthBps: 5e9, latencyS: 1e-6, bufferBytes: BUFFER });
  }
  const t = transportNetwork(nodes, links, { seed });
  const ctx = t.context.forWorkload("w", ns3NewReno(64 * 1024 * 1024));
  const results = new Map<string, TransferResult>();
  for (let i = 0; i < 6; i++) {
    const id = `rtt${i >> 1}_${i & 1}`;
    ctx.startTransfer({ id, src: `s${i}`, dst: `r${i}`, sizeBytes: 20e6 }, (r) => results.set(id, r));
  }
  const port = t.topology.channelBetween(t.topology.nodeIndex.get("L")!, t.topology.nodeIndex.get("R")!);
  const drops: Array<{ t: number; n: number }> = [];
  t.queues.observe({ queueChanged: () => {}, dropped: (r, n, at) => void (r === port && drops.push({ t: at, n })) });
  t.sim.run();
  const fct = (id: string) => results.get(id)!.finishS - results.get(id)!.startS;
  return { fct, drops };
}

describe("tcp against ns-3: rtt-mix-newreno's 10 ms flows", () => {
  it("lose at the port three times (two slow-start rounds, then PRR's catch-ups together) and finish within 25 % of ns-3's 479 ms", () => {
    // ns-3 (`tracestates`, `tracedrops`): both enter recovery at 82.7 ms (ssthresh 575 and 563),
    // their drops at the port fall at 77 and 86–87 ms (their rounds of 640 and ~1,100) and at
    // 98 ms, when both jump from a pipe of 294 to ssthresh at once (550 packets at 40 Gb/s into
    // 500 of buffer: 31 dropped); a second recovery from 104 ms halves them to 280, and they
    // finish at 478.8 and 478.9 ms. Without the catch-up they kept ~420 (and ~570 with their
    // ACK-clocked rounds interleaved) and finished at 0.33–0.34 s (and 0.27 s).
    // The case's own seed (2), as bench/ns3/compare.ts runs it. (On the model's seed 1 a 1 ms flow
    // loses its whole first flight at 1.5 ms and times out — ns-3's never do — and its slow start
    // from one segment at 211 ms overflows the port and takes one 10 ms flow's train: 0.66 s.)
    const { fct, drops } = rttMix(2);
    // The 10 ms flows' slow start and recoveries (the others are done or in avoidance then).
    const late = drops.filter((d) => d.t > 0.05 && d.t < 0.15);
    const episodes: number[] = [];
    for (const d of late) if (episodes.length === 0 || d.t - episodes[episodes.length - 1] > 0.005) episodes.push(d.t);
    expect(episodes).toHaveLength(3);
    // The catch-ups: one round trip (10 ms) after the recovery began, itself one round trip after the second slow-start loss.
    expect(episodes[2] - episodes[1]).toBeGreaterThan(0.019);
    expect(episodes[2] - episodes[1]).toBeLessThan(0.022);
    for (const id of ["rtt2_0", "rtt2_1"]) expect(Math.abs(fct(id) / 0.4789 - 1)).toBeLessThan(0.25);
  });

  it("its 1 ms flows lose a whole train, or nothing, at those overflows: over 12 seeds their median FCT within 15 % of ns-3's", () => {
    // ns-3 (`tracedrops`): while the 10 ms flows' second slow-start round holds the port full for
    // 0.71 ms, one 1 ms flow (window 73, round trip ~1.6 ms through the full buffer) loses 48
    // consecutive packets 1.2 µs apart — its window's train at the port's rate — and the other
    // none (as cased and on jittered seeds 3 and 7; on seed 8 both). Its FCT over ns-3's 12
    // jittered seeds: 185–245 ms, median 224 ms (a 1 ms flow not hit: 185–191 ms). The model
    // dropped nothing of theirs there, so they all finished at 171–181 ms (median −19 %) but
    // those a main-side first-flight timeout slowed (245 ms).
    const fcts: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const { fct } = rttMix(seed);
      fcts.push(fct("rtt1_0"), fct("rtt1_1"));
    }
    fcts.sort((a, b) => a - b);
    const median = (fcts[11] + fcts[12]) / 2;
    expect(Math.abs(median / 0.2237 - 1)).toBeLessThan(0.15);
    // All or nothing: some of them escape every overflow (done by 0.19 s), some are hit.
    expect(fcts.filter((x) => x < 0.19).length).toBeGreaterThan(0);
    expect(fcts.filter((x) => x > 0.2).length).toBeGreaterThan(0);
  });
});

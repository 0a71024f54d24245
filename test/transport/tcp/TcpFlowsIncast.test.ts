// The tcp model against ns-3 on incast-newreno-24x48k: a port shares itself out by window while its responses recover, so they finish one by one and the buffer holds without a second overflow.
import { describe, expect, it } from "vitest";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { ns3NewReno, transportNetwork } from "../transportModels.js";

const BUFFER = 100 * 1500; // "100pkt"
/** Round 0's senders of bench/ns3's case and the spine each path takes (its `path`). */
const SENDERS = "h29:0 h37:1 h14:0 h19:0 h24:1 h31:0 h33:0 h13:0 h46:1 h21:0 h25:1 h44:0 h39:0 h23:0 h20:1 h22:1 h47:1 h27:1 h32:1 h28:1 h43:0 h45:0 h38:1 h42:0";

/**
 * bench/ns3's `incast-newreno-24x48k`: a leaf–spine (4 leaves × 12 hosts at 10 Gb/s, 2 spines at
 * 40 Gb/s, 1 µs links, 100 packets of buffer per port); every 10 ms from 1 ms, 24 hosts of the
 * other leaves send 48,000 B each to h0 at once over pinned paths (round 0's senders each round
 * here), 10 rounds; NewReno, initial window 10, an ACK per segment, min RTO 200 ms.
 */
function incast() {
  const nodes = ["spine0", "spine1"];
  const links: LinkSpec[] = [];
  for (let l = 0; l < 4; l++) {
    nodes.push(`leaf${l}`);
    for (const s of ["spine0", "spine1"]) links.push({ from: `leaf${l}`, to: s, bandwidthBps: 5e9, latencyS: 1e-6, bufferBytes: BUFFER });
    for (let h = 12 * l; h < 12 * l + 12; h++) {
      nodes.push(`h${h}`);
      links.push({ from: `h${h}`, to: `leaf${l}`, bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: BUFFER });
    }
  }
  const t = transportNetwork(nodes, links);
  const ctx = t.context.forWorkload("w", ns3NewReno(16 * 1024 * 1024));
  const results = new Map<string, TransferResult>();
  const senders = SENDERS.split(" ").map((s) => s.split(":"));
  for (let round = 0; round < 10; round++) {
    t.sim.at(0.001 + 0.01 * round, () => {
      senders.forEach(([src, spine], i) => {
        const id = `q${round}_${i}`;
        const leaf = `leaf${Math.floor(Number(src.slice(1)) / 12)}`;
        ctx.startTransfer({ id, src, dst: "h0", sizeBytes: 48000, path: [src, leaf, `spine${spine}`, "leaf0", "h0"] }, (r) => results.set(id, r));
      });
    });
  }
  t.sim.run();
  return results;
}

describe("tcp against ns-3: incast-newreno-24x48k", () => {
  it("finishes each round's responses one by one, and times out no more than 1 % of them", () => {
    // ns-3 (`tracestates`, `tracecwnd`, `tracedrops` of the case): every response enters recovery
    // 170–290 µs into its round with ssthresh 2–7 segments; the port drops nothing after the first
    // 180 µs of a round (one packet in ten rounds: the one response that times out), and the
    // responses finish from 0.47–0.74 ms (the largest windows first) to 0.97–1.0 ms. With max-min
    // shares all 24 finished together at 0.97 ms and the windows that had left recovery overflowed
    // the port again late in every round (6 of 240 timed out in the case, 9 of these; p99 an RTO).
    const results = incast();
    expect(results.size).toBe(240);
    const fct = (r: TransferResult) => r.finishS - r.startS;
    const timedOut = [...results.values()].filter((r) => fct(r) > 0.1).length;
    expect(timedOut).toBeLessThanOrEqual(2);
    for (let round = 0; round < 10; round++) {
      const fcts = [...results.entries()].filter(([id]) => id.startsWith(`q${round}_`)).map(([, r]) => fct(r)).filter((s) => s < 0.1);
      expect(Math.min(...fcts)).toBeLessThan(0.85e-3);
      expect(Math.max(...fcts)).toBeGreaterThan(0.9e-3);
    }
  });
});

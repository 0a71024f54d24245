// BurstAnswers (through TcpFlows on one link): a slow-start flight that overflows a drop-tail port is answered with drops, one that crosses DCTCP's K at a marking port with marks, first in the round whose queue exceeds the buffer (or K).
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";
import { oneSwitchIncast } from "./oneSwitchIncast.js";

const MSS = 1448;
const P = MSS + H; // 1,502 B on the wire per full segment
const C = 1.25e8; // 1 Gb/s, bytes/s
const L = 1e-3; // one-way latency, s

/**
 * a —1 Gb/s, 1 ms— b with a `bufferPackets` buffer (and K = `kPackets` for DCTCP); one 10 MB flow
 * (an ACK per segment), no handshake; what the port dropped and marked, and when.
 *
 * Slow start sends 10·2^k segments in round k (k RTTs after the first byte, at L). Round k ≥ 1
 * sends 2w (w = the previous window) over the w·P/C the previous round's ACKs take to come back
 * at line rate: the port drains w of them meanwhile, and its queue grows by one packet every two
 * arrivals to w (below the pipe, C·RTT/P ≈ 166, no earlier window stands queued). So the first
 * round to overflow a buffer of B packets is the first whose previous window exceeds B, and at
 * a marking port the arrivals after the queue passes K are marked: 2·(w − K) of them.
 */
function oneFlow(cc: "newreno" | "dctcp", bufferPackets: number, kPackets?: number) {
  const link = { from: "a", to: "b", bandwidthBps: C, latencyS: L, bufferBytes: bufferPackets * P, ecnThresholdBytes: kPackets === undefined ? undefined : kPackets * P };
  const n = transportNetwork(["a", "b"], [link], { dctcp: cc === "dctcp" });
  const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc, delayedAck: 1, headerBytes: H, handshake: "none", windowBytes: 1e9 });
  const drops: Array<{ atS: number; packets: number }> = [];
  const marks: Array<{ atS: number; packets: number }> = [];
  n.queues.observe({ queueChanged: () => {}, dropped: (_r, packets, atS) => drops.push({ atS, packets }), marked: (_r, packets, atS) => marks.push({ atS, packets }) });
  ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 10e6 }, () => {});
  n.sim.run();
  return { drops, marks, rtt: 2 * L + (P + H) / C };
}

describe("BurstAnswers: a slow-start flight answered at its port", () => {
  it.each([
    [19, 2],
    [20, 3],
    [39, 3],
    [40, 4],
    [79, 4],
    [80, 5],
  ])("a drop-tail buffer of %i packets first drops in round %i (the first whose previous window exceeds it), and marks none", (buffer, round) => {
    const f = oneFlow("newreno", buffer);
    expect(f.drops.length).toBeGreaterThan(0);
    expect(f.drops[0].atS).toBeCloseTo(L + round * f.rtt, 12);
    expect(f.marks).toEqual([]);
  });

  it.each([
    [19, 2, 20],
    [20, 3, 40],
    [39, 3, 40],
    [40, 4, 80],
  ])("a DCTCP flow at K = %i packets is first marked in round %i, 2·(w − K) packets of it (w = %i), and loses none", (k, round, w) => {
    const f = oneFlow("dctcp", 1000, k);
    expect(f.marks.length).toBeGreaterThan(0);
    expect(f.marks[0].atS).toBeCloseTo(L + round * f.rtt, 12);
    expect(f.marks[0].packets).toBeCloseTo(2 * (w - k), 9);
    expect(f.drops).toEqual([]);
  });
});

describe("BurstAnswers: first flights offered apart, one verdict per overflow episode", () => {
  // 32 DCTCP responses of 32,000 B into one 10 Gb/s port (100 packets of buffer, K = 20), ten
  // rounds: at one instant their first flights (320 packets, each flight 12 µs at line rate)
  // overflow the port, and so do the survivors' next rounds. Started 1 ns or 36 ns apart (the last
  // 1.1 µs after the first) each flight alone fits at its instant; kept in one episode they are
  // judged again together at their offsets, and so are the survivors' next rounds (their ACKs come
  // back from the port's drain interleaved, as at one instant): as many time out as at one instant
  // or more (175 and 170 here against 155; with the survivors' rounds judged one by one, 136–140).
  it("time out about as many responses as at one instant (within a fifth), not fewer than it less a twentieth", () => {
    const together = oneSwitchIncast(32, 32000, "dctcp").timedOut;
    expect(together).toBeGreaterThan(100);
    for (const staggerS of [1e-9, 3.6e-8]) {
      const { responses, timedOut } = oneSwitchIncast(32, 32000, "dctcp", staggerS);
      expect(responses).toBe(320);
      expect(Math.abs(timedOut - together)).toBeLessThan(0.2 * together);
      expect(timedOut).toBeGreaterThan(0.95 * together);
    }
  });
});

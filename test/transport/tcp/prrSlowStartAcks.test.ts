// prrSlowStartAcks against ns-3 3.37's TcpPrrRecovery::DoRecovery stepped ACK by ACK, and N synchronised recoveries into a drop-tail buffer by hand.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { fifoOverflow } from "../../../src/net/queues/fifoOverflow.js";
import { prrSlowStartAcks } from "../../../src/transport/tcp/prrSlowStartAcks.js";

/**
 * ns-3 3.37's PRR (tcp-prr-recovery.cc, reduction bound SSRB) in segments, one delivered segment
 * per ACK: the ACKs until `packets` have been sent, from a pipe of `pipe` below `ssthresh`, a
 * retransmission acknowledged from the `ackedAfter`-th ACK after the fast retransmission on.
 */
function prrSteps(packets: number, pipe: number, ssthresh: number, ackedAfter: number): number {
  let inFlight = pipe;
  let delivered = 0;
  let out = 0;
  let acks = 0;
  // EnterRecovery: DoRecovery with nothing delivered yet forces the fast retransmission.
  out = 1;
  inFlight += 1;
  while (out < packets) {
    acks++;
    delivered++;
    inFlight -= 1;
    // Below ssthresh throughout (the case prrSlowStartAcks covers): SSRB's branch.
    if (inFlight > ssthresh) throw new Error("pipe above ssthresh");
    const retransDataAcked = acks >= ackedAfter;
    const limit = retransDataAcked ? Math.max(delivered - out, 1) + 1 : 1;
    let send = Math.min(limit, ssthresh - inFlight);
    send = Math.min(send, packets - out);
    out += send;
    inFlight += send;
  }
  return acks;
}

describe("prrSlowStartAcks", () => {
  it("sends one per ACK until a retransmission is acknowledged, then two, until the pipe reaches ssthresh", () => {
    // 10 to send, pipe 4, ssthresh 10, acknowledged at once: two per ACK for 6 ACKs would be 12 > 10: 5 ACKs.
    expect(prrSlowStartAcks(10, 4, 10, 0)).toBe(5);
    // Acknowledged after 4 ACKs: 4 one per ACK, then 6 at two per ACK: 3 more.
    expect(prrSlowStartAcks(10, 4, 10, 4)).toBe(7);
    // Room for only 2 doubles (pipe 8 of 10): 2 ACKs send 4, the other 6 one per ACK.
    expect(prrSlowStartAcks(10, 8, 10, 0)).toBe(8);
    // Nothing to send: no ACK.
    expect(prrSlowStartAcks(0, 4, 10, 3)).toBe(0);
  });

  it("equals ns-3 3.37's DoRecovery stepped ACK by ACK (the fast retransmission counted with the first ACK's)", () => {
    for (const packets of [2, 5, 10, 17]) {
      for (const pipe of [0, 2, 5, 8]) {
        for (const ssthresh of [9, 12]) {
          for (const ackedAfter of [1, 3, 6]) {
            // The stepped count starts after the forced fast retransmission: one packet fewer, over the same ACKs.
            const closed = prrSlowStartAcks(packets - 1, pipe + 1, ssthresh, ackedAfter - 1);
            expect(prrSteps(packets, pipe, ssthresh, ackedAfter), `${packets} ${pipe} ${ssthresh} ${ackedAfter}`).toBe(Math.ceil(closed));
          }
        }
      }
    }
  });

  it("N synchronised recoveries of n retransmissions at two per ACK overflow a B-packet buffer by N·n − N·m − B", () => {
    // 32 Cubic responses (cwnd 14: ssthresh 9.8), each with 10 holes and 4 survivors, acknowledged
    // at once, through one 10 Gb/s port (μ packets/s) that gives each flow μ/32: m = 5 ACKs of
    // 32/μ each, so each flow's 10 retransmissions arrive over 160/μ s while the port drains 160:
    // 320 − 160 − 100 = 60 of them dropped, about 1.9 a flow (all retransmissions: 32 timeouts
    // in ns-3 3.37, which resends a retransmission only at its RTO). Spread over the 14-packet
    // round's train, as a recovery whose pipe is above ssthresh sends them, the port holds them all.
    const mu = 1e10 / 8 / 1500;
    const m = prrSlowStartAcks(10, 4, 9.8, 0);
    expect(m).toBe(5);
    const trains = Array.from({ length: 32 }, () => ({ packets: 10, durationS: (m * 32) / mu }));
    const { dropped } = fifoOverflow(trains, (m * 32) / mu, mu, 0, 100, Infinity, randomStream(1, "prr"));
    let lost = 0;
    for (const d of dropped) lost += d;
    expect(lost).toBeCloseTo(320 - 32 * m - 100, 6);
    const spread = Array.from({ length: 32 }, () => ({ packets: 10, durationS: (14 * 32) / mu }));
    expect(fifoOverflow(spread, (14 * 32) / mu, mu, 0, 100, Infinity, randomStream(1, "prr")).dropped.every((d) => d === 0)).toBe(true);
  });
});

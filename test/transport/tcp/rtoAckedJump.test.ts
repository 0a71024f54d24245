// The slow start after a retransmission timeout: the first ACK after the resent head acknowledges everything SACKed above the hole; Cubic's byte counting opens the window to all of it, DCTCP's (TcpLinuxReno::SlowStart) up to ssthresh (ns-3 3.37); NewReno grows as before.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import type { LossRecovery } from "../../../src/transport/tcp/LossRecovery.js";
import { rtoAckedJump, rtoJumpCappedAtSsthresh } from "../../../src/transport/tcp/rtoAckedJump.js";
import { TcpFlows } from "../../../src/transport/tcp/TcpFlows.js";
import { TcpCc, type TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { NS3_HEADER_BYTES, transportNetwork } from "../transportModels.js";

describe("rtoAckedJump", () => {
  it("Cubic and DCTCP count every segment the ACK acknowledges, NewReno none beyond its slow start; only Cubic's passes ssthresh", () => {
    expect(rtoAckedJump(TcpCc.Cubic, 100)).toBe(100);
    expect(rtoAckedJump(TcpCc.Cubic, 0)).toBe(0);
    expect(rtoAckedJump(TcpCc.NewReno, 100)).toBe(0);
    expect(rtoAckedJump(TcpCc.Dctcp, 100)).toBe(100);
    expect(rtoAckedJump(TcpCc.Dctcp, 0)).toBe(0);
    expect(rtoJumpCappedAtSsthresh(TcpCc.Cubic)).toBe(false);
    expect(rtoJumpCappedAtSsthresh(TcpCc.Dctcp)).toBe(true);
  });
});

/**
 * One 50 MB flow a → b (10 Gb/s, 10 µs, a 10,000-packet buffer: nothing lost) under `cc`, an ACK
 * per segment, no handshake. At 1 ms (in slow start) its timer is made to fire with one hole and
 * `sacked` segments delivered above it; returns its window just after the round trip that
 * acknowledges the resent head, and the slow-start threshold the timeout set.
 */
function afterTimeout(cc: TcpOptions["cc"], sacked: number) {
  const P = 1448 + NS3_HEADER_BYTES;
  const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-5, bufferBytes: 10_000 * P }], { dctcp: cc === "dctcp" });
  const flows = new TcpFlows(n.sim, n.network, n.queues, n.topology, randomStream(1, "l"), randomStream(1, "h"), randomStream(1, "p"), randomStream(1, "d"));
  const o: TcpOptions = { ...TCP_DEFAULTS, cc, handshake: "none", headerBytes: NS3_HEADER_BYTES, delayedAck: 1, windowBytes: 1e9 };
  const options = flows.addOptions(o);
  const route = n.router.route(n.topology.nodeIndex.get("a")!, n.topology.nodeIndex.get("b")!, 0)!;
  const inner = flows as unknown as { recovery: LossRecovery; t: TcpFlowTable };
  const f = flows.start(options, route, 50e6, undefined, undefined, 0, 10, 0, () => {});
  // Its live slot (its rows stay there once it is done: no other flow takes it).
  const s = inner.t.slotOf[f];
  let cwndBefore = NaN;
  let timedOutAt = NaN;
  n.sim.at(0.001, () => {
    cwndBefore = inner.t.cwnd[s];
    timedOutAt = n.sim.nowS;
    inner.recovery.timeout(f, 1, sacked);
  });
  // The RTO (200 ms) passes, the resent head goes out (one segment), and its ACK comes back a
  // round trip (~23 µs) later: the first window above one segment, looked at every microsecond.
  let cwnd = NaN;
  for (let us = 0; us < 200; us++)
    n.sim.at(0.001 + 0.2 + us * 1e-6, () => {
      if (Number.isNaN(cwnd) && inner.t.cwnd[s] > 1) cwnd = inner.t.cwnd[s];
    });
  n.sim.run({ untilS: 0.3 });
  return { cwnd, cwndBefore, ssthresh: inner.t.ssthreshSegs[s], timedOutAt };
}

describe("tcp: the window after a retransmission timeout", () => {
  it("Cubic restarts with the resent head's ACK counting the N segments SACKed above the hole: 1 + 1 + N, past ssthresh", () => {
    const r = afterTimeout("cubic", 300);
    expect(r.cwndBefore).toBeGreaterThan(10);
    // ssthresh = max(⌊0.7·w⌋, 2), below the jump: slow start ends there, in avoidance from 302 (W_max 0).
    expect(r.ssthresh).toBeLessThan(302);
    expect(r.cwnd).toBeGreaterThanOrEqual(302);
    expect(r.cwnd).toBeLessThan(303);
  });

  it("Cubic with nothing SACKed above its hole grows from one segment as before", () => {
    const r = afterTimeout("cubic", 0);
    expect(r.cwnd).toBe(2);
  });

  it("NewReno grows from one segment whatever the receiver holds above the hole", () => {
    const a = afterTimeout("newreno", 300);
    const b = afterTimeout("newreno", 0);
    expect(a.cwnd).toBe(b.cwnd);
    expect(a.cwnd).toBe(2);
  });

  it("DCTCP's resent head's ACK opens the window to min(2 + N, ssthresh) (TcpLinuxReno::SlowStart), and it goes on in avoidance", () => {
    const big = afterTimeout("dctcp", 300);
    expect(big.cwndBefore).toBeGreaterThan(10);
    // ssthresh = (1 − α/2)·w, above 2 + 0 and below 2 + 300: the window stops there.
    expect(big.ssthresh).toBeGreaterThan(4);
    expect(big.ssthresh).toBeLessThan(302);
    expect(big.cwnd).toBe(big.ssthresh);
    // One segment SACKed: 2 + 1 = 3, below ssthresh.
    expect(afterTimeout("dctcp", 1).cwnd).toBe(3);
    // Nothing SACKed: ordinary slow start from one segment.
    expect(afterTimeout("dctcp", 0).cwnd).toBe(2);
  });
});

// The round trip that tells a slow-start loss: its window grows only by the ACKs ahead of the first hole, and NewReno's cut is half the pipe at the third duplicate ACK, Cubic's β × the window then — by hand and on a lone flow at a drop-tail buffer.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { firstHole } from "../../../src/transport/tcp/firstHole.js";
import type { LossRecovery } from "../../../src/transport/tcp/LossRecovery.js";
import { slowStartLossRound } from "../../../src/transport/tcp/slowStartLossRound.js";
import { TcpFlows } from "../../../src/transport/tcp/TcpFlows.js";
import type { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";

const P = 1448 + H;

describe("firstHole", () => {
  it("at a FIFO the packets ahead of the fill are in order, and q/(1 − q) holes follow the first", () => {
    // 320 arrive; the port drops 60 of them (share 0.1875), half of its arrivals once full:
    // 120 arrived after the fill, 200 before.
    expect(firstHole(320, 60, 60 / 320, 0.5)).toEqual({ inOrder: 200, headHoles: 1 });
    // Three in four dropped once full: three holes before each survivor; never more than were lost.
    const h = firstHole(100, 30, 0.3, 0.75);
    expect(h.inOrder).toBeCloseTo(60, 12);
    expect(h.headHoles).toBeCloseTo(3, 12);
    expect(firstHole(10, 2, 0.5, 0.9).headHoles).toBe(2);
    // No more in order than were delivered (the draw lost more than the share says).
    expect(firstHole(10, 9, 0.5, 0.9).inOrder).toBe(1);
    // Holes at random: (delivered)/(lost + 1) ahead of the first on average.
    expect(firstHole(100, 4, 0.04, 0).inOrder).toBeCloseTo(96 / 5, 12);
  });
});

describe("slowStartLossRound", () => {
  it("grows by the in-order ACKs only, sends their room and two more, and leaves three SACKed and the head hole out of the pipe", () => {
    // W = 320, 200 ahead of the hole, an ACK per segment (growth 2): cwnd 520 at the first
    // duplicate ACK (not 320 + 260 survivors); 2·200 + 2 new packets out before the third;
    // outstanding 320 − 200 + 402 = 522, pipe 522 − 3 − 1 = 518.
    expect(slowStartLossRound(320, 200, 1, 2, 1e9, 1e9)).toEqual({ grown: 520, sentBefore: 402, unacked: 522, pipe: 518 });
    // NewReno with delayed ACKs (growth 1.5): 320 + 100; room 200 + 100.
    expect(slowStartLossRound(320, 200, 1, 1.5, 1e9, 1e9)).toEqual({ grown: 420, sentBefore: 302, unacked: 422, pipe: 418 });
    // Nothing left to send: nothing goes out, the pipe is the round's own.
    expect(slowStartLossRound(320, 200, 1, 2, 1e9, 0)).toEqual({ grown: 520, sentBefore: 0, unacked: 120, pipe: 116 });
  });
});

/**
 * One 20 MB flow a —10 Gb/s, 1 µs— s —1 Gb/s, `oneWayS`, `bufferPackets`— b under `cc` (an ACK
 * per segment: the window ×2 per round trip in slow start), run seed `seed`. Returns the loss
 * round's window and its packets ahead of the first hole, the window at the third duplicate ACK
 * and after the cut, and the drops of the loss round and of the round trip after it.
 */
function lossRound(cc: TcpOptions["cc"], bufferPackets: number, seed: number, oneWayS = 5e-3, accessBps = 1.25e9, bottleneckBps = 1.25e8) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: accessBps, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: bottleneckBps, latencyS: oneWayS, bufferBytes: bufferPackets * P },
  ]);
  const flows = new TcpFlows(n.sim, n.network, n.queues, n.topology, randomStream(seed, "l"), randomStream(seed, "h"), randomStream(seed, "p"), randomStream(seed, "d"));
  const options = flows.addOptions({ ...TCP_DEFAULTS, cc, handshake: "none", headerBytes: H, delayedAck: 1, windowBytes: 1e9 });
  const route = n.router.route(n.topology.nodeIndex.get("a")!, n.topology.nodeIndex.get("b")!, 0)!;
  const inner = flows as unknown as { recovery: LossRecovery; t: TcpFlowTable };
  const t = inner.t;
  const f = flows.start(options, route, 20e6, undefined, undefined, 0, 10, 0, () => {});
  const s = t.slotOf[f];
  const drops: Array<{ atS: number; n: number }> = [];
  n.queues.observe({ queueChanged: () => {}, dropped: (_r, k, atS) => drops.push({ atS, n: k }) });
  let lossW = NaN;
  let inOrder = NaN;
  let grown = NaN;
  let cut = NaN;
  const recover = inner.recovery.recover.bind(inner.recovery);
  inner.recovery.recover = (g: number) => {
    if (Number.isNaN(cut)) grown = t.cwnd[s];
    recover(g);
    if (Number.isNaN(cut)) cut = t.cwnd[s];
  };
  const lossRoundOf = inner.recovery.lossRound.bind(inner.recovery);
  inner.recovery.lossRound = (g: number) => {
    if (Number.isNaN(lossW)) {
      lossW = t.cwnd[s];
      inOrder = t.inOrderSegs[s];
    }
    return lossRoundOf(g);
  };
  n.sim.run({ untilS: 0.2 });
  const times = [...new Set(drops.map((d) => d.atS))];
  const at = (i: number) => drops.filter((d) => d.atS === times[i]).reduce((a, d) => a + d.n, 0);
  return { lossW, inOrder, grown, cut, lossDrops: at(0), nextDrops: at(1) };
}

/** Mean of `x` over seeds 1…12. */
function meanOverSeeds(x: (seed: number) => number): number {
  let sum = 0;
  for (let seed = 1; seed <= 12; seed++) sum += x(seed);
  return sum / 12;
}

describe("tcp: a lone flow's slow-start loss at a drop-tail buffer, by hand", () => {
  // Pipe = 1.25e8 B/s × RTT / P ≈ 833 packets (RTT ≈ 10 ms). A round of W packets arrives at
  // twice the port's rate (two per returning ACK), so while W/2 is within the pipe the queue it
  // builds is half its arrivals: the first loss is in the round whose W/2 exceeds the buffer B,
  // the buffer fills after 2B arrivals (in order: k = 2B), and the port drops half of the rest,
  // (W − 2B)/2. The next round trip, the k ACKs ahead of the hole grow the window to W + k and
  // let out 2k new packets, and the first two duplicate ACKs two more, 2k + 2 in k + 2 packet
  // times at the port's rate, after the queue drained (W/2 < pipe): the buffer fills again and
  // drops 2k + 2 − (k + 2) − B = B. At the third duplicate ACK, Cubic cuts to 0.7 (W + k);
  // NewReno to half the pipe, the outstanding W − k + 2k + 2 less 3 SACKed and the head hole.
  const cases = [
    { b: 100, w: 320, k: 200 },
    { b: 250, w: 640, k: 500 },
  ];
  for (const { b, w, k } of cases) {
    it(`B = ${b}: the loss round is W = ${w}, ${k} in order; the cut is from W + k, not from every survivor`, () => {
      const reno = lossRound("newreno", b, 1);
      const cubic = lossRound("cubic", b, 1);
      for (const r of [reno, cubic]) {
        expect(r.lossW).toBe(w);
        expect(r.inOrder).toBeCloseTo(k, 9);
        expect(r.grown).toBeCloseTo(w + k, 9);
      }
      expect(cubic.cut).toBeCloseTo(0.7 * (w + k), 9);
      expect(reno.cut).toBeCloseTo((w - k + 2 * k + 2 - 3 - 1) / 2, 9);
      // The drops, drawn (binomial at the port's share), against the hand count over 12 seeds (σ of the mean ≈ 2–3).
      expect(Math.abs(meanOverSeeds((seed) => lossRound("newreno", b, seed).lossDrops) - (w - k) / 2)).toBeLessThan(7);
      expect(Math.abs(meanOverSeeds((seed) => lossRound("cubic", b, seed).nextDrops) - b)).toBeLessThan(9);
    });
  }

  it("a flow bound at the port: the buffer fills behind the window's excess over the pipe", () => {
    // a —40 Gb/s— s —10 Gb/s, 1 µs, B = 100— b: RTT = 4 µs + (P + H)/5e9 + (P + H)/1.25e9 (data
    // out, ACK back), pipe ≈ 4.62 packets, so the round W = 160 starts with 80 − 4.62 queued and
    // fills the buffer after 2 (100 − 75.38) = 49.24 arrivals.
    const rtt = 4e-6 + (P + H) / 5e9 + (P + H) / 1.25e9;
    const pipe = (1.25e9 * rtt) / P;
    const k = 2 * (100 - (80 - pipe));
    const r = lossRound("newreno", 100, 1, 1e-6, 5e9, 1.25e9);
    expect(r.lossW).toBe(160);
    expect(r.inOrder).toBeCloseTo(k, 9);
    expect(r.cut).toBeCloseTo((160 - k + 2 * k + 2 - 3 - 1) / 2, 9);
  });
});

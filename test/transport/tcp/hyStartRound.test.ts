// hyStartRound: Cubic's HyStart over a round's ACKs (ns-3 3.37's TcpCubic with millisecond timestamps), worked by hand.
import { describe, expect, it } from "vitest";
import { hyStartRound } from "../../../src/transport/tcp/hyStartRound.js";
import { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { smoothedRttS, timestampRttS } from "../../../src/transport/tcp/timestampRttS.js";

/** A flow 0 whose handshake gave `synSampleS` (NaN: none), before its first data ACK. */
function flow(synSampleS: number) {
  const t = new TcpFlowTable();
  t.reserve(1);
  t.take(0);
  t.srttS[t.slotOf[0]] = synSampleS;
  t.minRttS[t.slotOf[0]] = Infinity;
  t.roundStartS[t.slotOf[0]] = NaN;
  t.lastAckS[t.slotOf[0]] = NaN;
  return t;
}

/** The walk ACK by ACK, as hyStartRound's documentation states it (its twin: the implementation jumps over ACKs). */
function hyStartRoundPlain(t: TcpFlowTable, f: number, roundS: number, w: number, delivered: number, delayedAck: number, ackSpacingS: number, rttS: number): number {
  const acks = Math.ceil(delivered / delayedAck);
  let [srtt, least, start, last] = [t.srttS[f], t.minRttS[f], t.roundStartS[f], t.lastAckS[f]];
  let samples = 0;
  let roundLeast = Infinity;
  let exit = NaN;
  for (let j = 0; j < acks; j++) {
    const a = roundS + j * ackSpacingS;
    srtt = smoothedRttS(srtt, timestampRttS(a - rttS, a));
    least = Math.min(least, srtt);
    const cwnd = w + j * delayedAck;
    if (cwnd >= 16) {
      let found = false;
      if (a - last <= 0.002) {
        last = a;
        found = a - start > least;
      }
      if (j > 0) {
        if (samples < 8) {
          roundLeast = Math.min(roundLeast, srtt);
          samples++;
        } else if (roundLeast > least + Math.min(1, Math.max(0.004, least))) found = true;
      }
      if (found) {
        exit = cwnd;
        break;
      }
    }
    if (j === 0) start = last = a;
  }
  [t.srttS[f], t.minRttS[f], t.roundStartS[f], t.lastAckS[f]] = [srtt, least, start, last];
  return exit;
}

/** A seeded linear congruential sequence in [0, 1) (the test's own draws; no Math.random). */
function draws(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

// 10 Gb/s: a 1,502-byte packet every 1.2016 µs; ACK every packet (delayed ACK 1).
const SPACING_S = (1502 * 8) / 10e9;

describe("hyStartRound", () => {
  it("a flow whose SYN and first data ACK fall in one millisecond leaves at 16 segments within its first flight's ACKs", () => {
    // RTT 100 µs from t = 0.5 s: SYN 0.5, SYN-ACK 0.5001, first data ACK 0.5002 s — samples 1 µs.
    const t = flow(timestampRttS(0.5, 0.5001));
    expect(hyStartRound(t, t.slotOf[0], 0.5002, 10, 10, 1, SPACING_S, 100e-6)).toBe(16);
    expect(t.minRttS[t.slotOf[0]]).toBe(1e-6);
  });

  it("one whose first data ACK crosses a millisecond does not, and leaves once its least smoothed RTT has decayed below a round trip", () => {
    // SYN 0.5008, SYN-ACK 0.5009 (1 µs); the first flight's ACKs from 0.5010 s all cross 501 ms
    // (1 ms each): the least smoothed RTT is the first, 1 µs + (1 ms − 1 µs) / 8.
    const t = flow(timestampRttS(0.5008, 0.5009));
    expect(hyStartRound(t, t.slotOf[0], 0.501, 10, 10, 1, SPACING_S, 100e-6)).toBeNaN();
    expect(t.minRttS[t.slotOf[0]]).toBeCloseTo(1e-6 + 0.999e-3 / 8, 12);
    // Next round (samples of 1 µs again): its train (24 µs) stays under the decaying least
    // smoothed RTT (~58 µs at its end), and its first ACK is 100 µs after the last round's start:
    // above 126 µs? no — so it goes on.
    expect(hyStartRound(t, t.slotOf[0], 0.5011, 20, 20, 1, SPACING_S, 100e-6)).toBeNaN();
    expect(t.minRttS[t.slotOf[0]]).toBeLessThan(60e-6);
    // The round after: its first ACK, 100 µs after the last round's start, ends slow start at 40.
    expect(hyStartRound(t, t.slotOf[0], 0.5012, 40, 40, 1, SPACING_S, 100e-6)).toBe(40);
  });

  it("a 1 ms flow (samples of 1 ms) leaves at the first ACK of the round that starts with 16 or more, a round trip of 1.0019 ms after the last", () => {
    // SYN at 0, SYN-ACK at 1.0001 ms (1 ms), the data's round trip 1.0019 ms: every sample 1 ms.
    const t = flow(timestampRttS(0, 0.0010001));
    const rtt = 0.0010019;
    expect(hyStartRound(t, t.slotOf[0], 0.0010001 + rtt, 10, 10, 1, SPACING_S, rtt)).toBeNaN();
    expect(t.minRttS[t.slotOf[0]]).toBe(0.001);
    expect(hyStartRound(t, t.slotOf[0], 0.0010001 + 2 * rtt, 20, 20, 1, SPACING_S, rtt)).toBe(20);
  });

  it("a 10 ms flow leaves once its round's ACK train outlasts the least RTT: at w + 8,323 in the round of w = 10,240", () => {
    const t = flow(timestampRttS(0, 0.01));
    let w = 10;
    let roundS = 0.02;
    let exit = NaN;
    // A round's j-th ACK comes j × 1.2016 µs after its first: past 10 ms from j = 8,323. Rounds
    // are 10 ms apart plus their trains, so their first ACKs come more than 2 ms after the last
    // train ACK (no train across rounds).
    while (Number.isNaN(exit) && w < 1e5) {
      exit = hyStartRound(t, t.slotOf[0], roundS, w, w, 1, SPACING_S, 0.01);
      roundS += 0.01 + w * SPACING_S;
      w *= 2;
    }
    expect(exit).toBe(10240 + 8323);
  });

  it("the delay test: the round's least of its first 8 smoothed RTTs above delayMin + 4 ms ends it", () => {
    // delayMin 1 ms; then a round whose samples are all 6 ms: the smoothed RTT climbs past 5 ms
    // only after ~12 samples, so the least of the round's first 8 stays under it — no exit — but
    // the next round's first 8 are all above 5 ms.
    const t = flow(0.001);
    t.minRttS[t.slotOf[0]] = 0.001;
    expect(hyStartRound(t, t.slotOf[0], 1, 32, 32, 1, 1e-6, 0.006)).toBeNaN();
    const exit = hyStartRound(t, t.slotOf[0], 1.006, 64, 64, 1, 1e-6, 0.006);
    // j = 0 is the previous round's; 8 samples from j = 1; tested from j = 9.
    expect(exit).toBe(64 + 9);
  });

  it("walks the round as the ACK-by-ACK loop does, bit for bit: 20,000 drawn rounds over its jumps, trains, delay tests and exits", () => {
    const next = draws(48);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    let exits = 0;
    let acks = 0;
    for (let i = 0; i < 20_000; i++) {
      // Round trips of whole milliseconds and near them (samples that hold for long stretches), and any.
      const rttS = pick([() => Math.ceil(next() * 80) / 1000, () => Math.ceil(next() * 80) / 1000 + next() * 1e-5, () => next() * 0.1, () => next() * 2e-4])();
      const ackSpacingS = pick([1.2016e-6, 2.4032e-6, 1.2016e-7, 4.8e-5, 9e-4, 1.5e-3, 2.5e-3]) * (pick([0, 1]) ? 1 : 0.5 + next());
      const delayedAck = pick([1, 1, 2]);
      const w = pick([() => 1 + Math.floor(next() * 20), () => 10 + Math.floor(next() * 3000), () => 2 + next() * 40])();
      const delivered = next() < 0.8 ? w : Math.floor(w * next());
      const roundS = pick([() => next() * 5, () => 100 + next() * 1e-3, () => Math.floor(next() * 2000) / 1000])();
      const a = new TcpFlowTable();
      a.reserve(1);
      a.take(0);
      const sa = a.slotOf[0];
      // A smoothed RTT already at the samples' value, near it, none, or any; the last round's start a round trip back or none.
      const sampled = timestampRttS(roundS - rttS, roundS);
      a.srttS[sa] = pick([sampled, sampled * (1 + 1e-15), NaN, next() * 0.05, sampled + 1e-3])!;
      a.minRttS[sa] = pick([Infinity, a.srttS[sa], next() * 0.05, sampled])!;
      a.roundStartS[sa] = pick([NaN, roundS - rttS - next() * 1e-3, roundS - next() * 3e-3])!;
      a.lastAckS[sa] = pick([NaN, a.roundStartS[sa] + next() * 1e-3, roundS - next() * 3e-3])!;
      const b = new TcpFlowTable();
      b.reserve(1);
      b.take(0);
      const sb = b.slotOf[0];
      [b.srttS[sb], b.minRttS[sb], b.roundStartS[sb], b.lastAckS[sb]] = [a.srttS[sa], a.minRttS[sa], a.roundStartS[sa], a.lastAckS[sa]];
      const got = hyStartRound(a, sa, roundS, w, delivered, delayedAck, ackSpacingS, rttS);
      const want = hyStartRoundPlain(b, sb, roundS, w, delivered, delayedAck, ackSpacingS, rttS);
      const state = (t: TcpFlowTable, s: number) => [t.srttS[s], t.minRttS[s], t.roundStartS[s], t.lastAckS[s]];
      expect([got, ...state(a, sa)], `draw ${i}`).toEqual([want, ...state(b, sb)]);
      if (!Number.isNaN(want)) exits++;
      acks += Math.ceil(delivered / delayedAck);
    }
    // Exits and long rounds were drawn in numbers.
    expect(exits).toBeGreaterThan(2_000);
    expect(acks).toBeGreaterThan(5_000_000);
  });
});

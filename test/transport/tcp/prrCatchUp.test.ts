// prrCatchUp: a slow-start recovery's cut window, split between the ACK clock and the burst when its first retransmission is acknowledged.
import { describe, expect, it } from "vitest";
import { prrCatchUp, prrCatchUpFifo, prrWalk } from "../../../src/transport/tcp/prrCatchUp.js";

const MSS = 1448;

describe("prrWalk", () => {
  it("with no loss the pipe never falls below ssthresh: all of it goes out at the ACK clock", () => {
    // 100 of 200 delivered: ssthresh 100 · 1,448² ≈ 2.1e8 bytes² a segment, no wrap before 20.
    const s = prrWalk(40, 20, [{ survivors: 40, holes: 0 }], MSS);
    expect(s.clocked).toBeCloseTo(20, 9);
    expect(s.catchUp).toBe(0);
  });

  it("a small window: RFC 6937's ssthresh/RecoverFS per ACK above ssthresh, then one per ACK", () => {
    // RecoverFS 40, 10 lost spread, ssthresh 20 (20 · 30 · 1,448² < 2³²: no wrap). Each ACK takes
    // 1 + 1/3 out and sends 1/2: the pipe reaches 20 after 20/(5/6) = 24 ACKs having sent 12; the
    // other 6 send one each and mark 2 holes: pipe 18, catch-up 2, clocked 18.
    const s = prrWalk(40, 20, [{ survivors: 30, holes: 10 }], MSS);
    expect(s.clocked).toBeCloseTo(18, 9);
    expect(s.catchUp).toBeCloseTo(2, 9);
  });

  it("a large window: ns-3 3.37's uint32 product wraps, and nothing goes out above ssthresh", () => {
    // ssthresh 500 · 1,448² bytes² a segment: the product passes 2³² after 4.1 segments delivered.
    const wrapAt = 2 ** 32 / (500 * MSS * MSS);
    // RecoverFS 1,000, none lost: the pipe falls one per ACK to 500 (sending 4.1 · 0.5 before the
    // wrap), then one out for one in.
    const s = prrWalk(1000, 500, [{ survivors: 1000, holes: 0 }], MSS);
    expect(s.catchUp).toBe(0);
    const aboveSent = wrapAt * 0.5;
    expect(s.clocked).toBeCloseTo(aboveSent + (1000 - wrapAt - (500 - wrapAt * 0.5)), 6);
  });

  it("holes marked once the pipe is at ssthresh each add one to the catch-up", () => {
    // 600 clean ACKs bring a pipe of 1,000 to 500 (the wrap: almost nothing sent); the last run's
    // 100 survivors mark 100 holes: pipe 400, catch-up 100.
    const s = prrWalk(
      1000,
      500,
      [
        { survivors: 600, holes: 0 },
        { survivors: 100, holes: 100 },
      ],
      MSS,
    );
    expect(s.catchUp).toBeGreaterThan(99);
    expect(s.catchUp).toBeLessThan(101);
  });
});

describe("prrCatchUp and prrCatchUpFifo", () => {
  it("everything lost: no ACK clocks anything out, all of it waits for the retransmission's ACK", () => {
    expect(prrCatchUp(800, 800, 400, MSS)).toEqual({ clocked: 0, catchUp: 400 });
  });

  it("always sends ssthresh in all where every hole is marked", () => {
    for (const lost of [0, 50, 150, 300, 450, 600]) {
      const s = prrCatchUp(800, lost, 400, MSS);
      expect(s.clocked + s.catchUp).toBeCloseTo(400, 6);
    }
  });

  it("gives ns-3's jumps from its FIFO-placed holes (tracedrops, tracecwnd, tracetx)", () => {
    // rtt-mix-newreno rtt2_0: flight 1,152, 64 holes among the overflowing round's last 128, 294
    // among the telling round's last 587, ssthresh 576: ns-3 jumps from 294 to 575 (281).
    const a = prrCatchUpFifo(1152, 576, 128, 64, 587, 294, MSS);
    expect(Math.abs(a.catchUp / 281 - 1)).toBeLessThan(0.05);
    // wan-cubic-shallow bulk0: flight 1,057, 112 among the last 223, 209 among the last 416,
    // ssthresh 738: ns-3 jumps from 557 to 738 (181); the walk marks all 209 (the last ones
    // come back after the retransmission in ns-3).
    const b = prrCatchUpFifo(1057, 738, 223, 112, 416, 209, MSS);
    expect(b.catchUp).toBeGreaterThan(181);
    expect(b.catchUp).toBeLessThan(181 * 1.2);
    // Spread over the flight instead, the same holes are marked early, the pipe falls further,
    // and the jump misses ns-3's: the placement is what gives it.
    expect(prrCatchUp(1152, 358, 576, MSS).catchUp / 281).toBeLessThan(0.7);
  });

  it("spans larger than the window the model counts are the flight's", () => {
    // 108 + 263 > 212: the walk's flight is 371, and every hole in it is marked.
    const s = prrCatchUpFifo(212, 104.5, 108, 54, 263, 105, MSS);
    expect(s.catchUp).toBeGreaterThan(30);
    expect(s.clocked + s.catchUp).toBeCloseTo(104.5, 6);
  });
});

// prrCatchUp: a slow-start recovery's cut window, split between the ACK clock and the burst when its first retransmission is acknowledged.
import { describe, expect, it } from "vitest";
import { prrCatchUp } from "../../../src/transport/tcp/prrCatchUp.js";

describe("prrCatchUp", () => {
  it("with no loss the pipe never falls below ssthresh: all of it goes out at the ACK clock", () => {
    expect(prrCatchUp(1000, 0, 500)).toEqual({ clocked: 500, catchUp: 0 });
  });

  it("sends ssthresh/RecoverFS per ACK until the pipe reaches ssthresh, then nothing until the jump", () => {
    // RecoverFS 1,000, 200 lost, ssthresh 500: the pipe falls by 1,000/800 − 500/1,000 = 0.75 a
    // packet per ACK and reaches 500 after 666.7 of the 800 ACKs, having sent 333.3; the jump is
    // ssthresh minus that.
    const s = prrCatchUp(1000, 200, 500);
    expect(s.clocked).toBeCloseTo(1000 / 3, 9);
    expect(s.catchUp).toBeCloseTo(500 / 3, 9);
  });

  it("always sends ssthresh in all, and more at once the more was lost", () => {
    let last = -1;
    for (const lost of [0, 50, 150, 300, 450, 600, 799]) {
      const s = prrCatchUp(800, lost, 400);
      expect(s.clocked + s.catchUp).toBeCloseTo(400, 9);
      expect(s.catchUp).toBeGreaterThanOrEqual(last);
      last = s.catchUp;
    }
    // Everything lost: no ACK clocks anything out, all of it waits for the retransmission's ACK.
    expect(prrCatchUp(800, 800, 400)).toEqual({ clocked: 0, catchUp: 400 });
  });

  it("gives ns-3's jumps in rtt-mix-newreno (tracecwnd, tracestates, tracedrops of the case)", () => {
    // The 10 ms flows enter recovery with 1,152 and 1,128 packets in flight, 358 and 372 of them
    // lost, ssthresh 575 and 563; ns-3's cwnd then jumps from a pipe of 294 to ssthresh: 281 and
    // 269 packets, 550 together, which overflow the 500-packet port (31 drops, a second recovery).
    const a = prrCatchUp(1152, 358, 575);
    const b = prrCatchUp(1128, 372, 563);
    expect(Math.abs(a.catchUp / 281 - 1)).toBeLessThan(0.05);
    expect(Math.abs(b.catchUp / 269 - 1)).toBeLessThan(0.05);
    expect(Math.abs((a.catchUp + b.catchUp) / 550 - 1)).toBeLessThan(0.01);
  });
});

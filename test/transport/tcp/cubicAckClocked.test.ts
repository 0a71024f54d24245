// cubicAckClocked: Cubic's window for a flow the network binds, grown per acknowledged segment as ns-3 3.37 does.
import { describe, expect, it } from "vitest";
import { CUBIC_C, cubicK } from "../../../src/transport/tcp/CongestionControl.js";
import { cubicAckClocked } from "../../../src/transport/tcp/cubicAckClocked.js";

describe("cubicAckClocked(wMax, w0, k, w, tS, dtS, rttS, ackPps)", () => {
  it("before any loss grows one segment per 20 acknowledged: linear at its share, not 5 % per round trip", () => {
    // Two 10 µs flows sharing 10 Gb/s (416,112 packets/s each) from 16 segments: ns-3 3.37's
    // reach 514 at 24.7 ms (rtt-mix-cubic, tracecwnd); per ACK, 16 + 416,112 × 0.0247 / 20 = 530.
    const pps = 5e9 / 8 / 1502;
    expect(cubicAckClocked(0, 16, 0, 16, 0, 0.0247, 12e-6, pps)).toBeCloseTo(16 + (pps * 0.0247) / 20, 9);
  });

  it("follows the curve after a loss, at most one segment per 2 acknowledged, never down", () => {
    const k = cubicK(100, 70);
    // Far past K the curve is far above: the cap binds.
    expect(cubicAckClocked(100, 70, k, 90, 10, 0.01, 0.001, 1000)).toBe(90 + 5);
    // Near the plateau the curve binds.
    const t = k - 0.5;
    expect(cubicAckClocked(100, 70, k, 80, t - 0.01, 0.01, 0.001, 1e6)).toBeCloseTo(100 + CUBIC_C * (t + 0.001 - k) ** 3, 9);
    // Below the window: it stays.
    expect(cubicAckClocked(100, 70, k, 99.9, 0, 0.01, 0.001, 1e6)).toBe(99.9);
  });

  it("gives the powers' answer to the last bit where its product bounds spare them", () => {
    // The law as written, every power taken.
    const byPowers = (wMax: number, w0: number, k: number, w: number, tS: number, dtS: number, rttS: number, ackPps: number): number => {
      const t = Math.max(0, tS + dtS);
      const acked = ackPps * dtS;
      const cap = w + acked / 2;
      if (wMax > w0) {
        const target = wMax + CUBIC_C * (t + rttS - k) ** 3;
        return target <= w ? w : Math.min(target, cap);
      }
      return Math.min(Math.max(w0 + CUBIC_C * ((t + rttS) ** 3 - rttS ** 3), w + acked / 20), cap);
    };
    let checked = 0;
    for (const [wMax, w0] of [[0, 10], [0, 16], [120, 84], [100, 99.999999], [5000, 3500]]) {
      const k = cubicK(wMax, w0);
      for (const rttS of [1e-6, 12e-6, 1.3e-4, 0.002, 0.1])
        for (const tS of [0, 1e-5, 0.003, k - 0.01, k, k + 1e-7, 2.5])
          for (const dtS of [1e-9, 3e-6, 0.001, 0.5])
            for (const w of [1, 16, w0, (wMax + w0) / 2, wMax - 1e-9, wMax, wMax + 3])
              for (const ackPps of [10, 416112, 8e6]) {
                expect(cubicAckClocked(wMax, w0, k, w, tS, dtS, rttS, ackPps)).toBe(byPowers(wMax, w0, k, w, tS, dtS, rttS, ackPps));
                checked++;
              }
    }
    expect(checked).toBe(5 * 5 * 7 * 4 * 7 * 3);
  });
});

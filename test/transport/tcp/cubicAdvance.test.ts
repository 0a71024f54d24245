// cubicAdvanceFrom: the same windows as Cubic's law written out in full (RFC 8312 §4.1 with ns-3's clamps), bit for bit, where it skips the growth cap or the pre-loss floor that cannot bind.
import { describe, expect, it } from "vitest";
import { cubicAdvanceFrom, cubicK, CUBIC_C } from "../../../src/transport/tcp/CongestionControl.js";

/** The law as one expression: towards the curve, never down, at most 1.5× per RTT, and before any loss at least 1.05× per RTT. */
function reference(wMax: number, w0: number, k: number, w: number, tS: number, dtS: number, rttS: number): number {
  if (!(dtS > 0) || !(rttS > 0)) return w;
  const t = Math.max(0, tS + dtS);
  const rtts = dtS / rttS;
  const target = wMax > w0 ? wMax + CUBIC_C * (t + rttS - k) ** 3 : Math.max(w0 + CUBIC_C * ((t + rttS) ** 3 - rttS ** 3), w * 1.05 ** rtts);
  return Math.min(Math.max(target, w), w * 1.5 ** rtts);
}

/** A seeded linear congruential sequence in [0, 1) (the test's own draws; no Math.random). */
function draws(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe("cubicAdvanceFrom", () => {
  it("gives the full law's window bit for bit: 200,000 draws over both branches, from 1 ns to 10 s and windows of 1 to 10^5 segments", () => {
    const next = draws(12);
    // Log-uniform over decades, so tiny steps (rtts near 0, where the powers round to 1) come up as often as long ones.
    const logUniform = (lo: number, hi: number) => lo * (hi / lo) ** next();
    let lossBranch = 0;
    let capSkipped = 0;
    let floorSkipped = 0;
    for (let i = 0; i < 200_000; i++) {
      const w = logUniform(1, 1e5);
      const lossSeen = next() < 0.5;
      const wMax = lossSeen ? w * logUniform(0.5, 3) : 0;
      const w0 = lossSeen ? Math.min(w, wMax) * logUniform(0.3, 1) : w * logUniform(0.5, 1);
      if (wMax === w0) continue;
      const k = cubicK(wMax, w0);
      const tS = next() < 0.1 ? 0 : logUniform(1e-9, 10) * (next() < 0.05 ? -1 : 1);
      const dtS = logUniform(1e-9, 10);
      const rttS = logUniform(1e-6, 1);
      // Half the time with RTT³ given, as TcpFlowTable passes it.
      const got = next() < 0.5 ? cubicAdvanceFrom(wMax, w0, k, w, tS, dtS, rttS) : cubicAdvanceFrom(wMax, w0, k, w, tS, dtS, rttS, rttS ** 3);
      const want = reference(wMax, w0, k, w, tS, dtS, rttS);
      if (!Object.is(got, want)) expect({ wMax, w0, k, w, tS, dtS, rttS, got }).toEqual({ wMax, w0, k, w, tS, dtS, rttS, got: want });
      if (wMax > w0) lossBranch++;
      if (got < w * 1.5 ** (dtS / rttS)) capSkipped++;
      if (wMax <= w0 && got > w * 1.05 ** (dtS / rttS)) floorSkipped++;
    }
    // Both branches, and windows the cap or the floor does not bind, were drawn in numbers.
    expect(lossBranch).toBeGreaterThan(50_000);
    expect(capSkipped).toBeGreaterThan(50_000);
    expect(floorSkipped).toBeGreaterThan(1_000);
  });

  it("gives the full law's window bit for bit at the edges of its bounds: a window of 0, growth at the cap, steps of 10^6 round trips, a curve just above the floor", () => {
    const cases: Array<[number, number, number, number, number, number]> = [
      // wMax, w0, w, tS, dtS, rttS
      [100, 70, 0, 0.5, 0.5, 0.02],
      [0, 10, 0, 0.5, 0.5, 0.02],
      [100, 70, 75, 0.5, 1e6, 1e-6],
      [0, 10, 10, 0.5, 1e6, 1e-6],
      [0, 10, 10, 0, 1e-9, 1],
      [1e5, 10, 10, 5, 0.02, 0.02],
      [0, 1e5, 1e5, 0.001, 1e-3, 1e-3],
      [0, 10, 10, 0, 0.0049, 0.001],
      [0, 10, 10, 0, 0.02, 1e-3],
    ];
    for (const [wMax, w0, w, tS, dtS, rttS] of cases) {
      const k = cubicK(wMax, w0);
      expect(Object.is(cubicAdvanceFrom(wMax, w0, k, w, tS, dtS, rttS), reference(wMax, w0, k, w, tS, dtS, rttS))).toBe(true);
      expect(Object.is(cubicAdvanceFrom(wMax, w0, k, w, tS, dtS, rttS, rttS ** 3), reference(wMax, w0, k, w, tS, dtS, rttS))).toBe(true);
    }
    // Near the floor: a curve a hair either side of w·1.05^rtts, where the bound must not decide.
    const next = draws(7);
    for (let i = 0; i < 20_000; i++) {
      const w = 1 + 1e4 * next();
      const rttS = 1e-4 + 1e-2 * next();
      const dtS = rttS * 4 * next();
      const floor = w * 1.05 ** (dtS / rttS);
      // w0 so that the curve comes out within a few parts in 10^12 of the floor.
      const t = dtS;
      const w0 = floor * (1 + (next() - 0.5) * 1e-11) - CUBIC_C * ((t + rttS) ** 3 - rttS ** 3);
      const got = cubicAdvanceFrom(0, w0, 0, w, 0, dtS, rttS);
      const want = reference(0, w0, 0, w, 0, dtS, rttS);
      if (!Object.is(got, want)) expect({ w, w0, dtS, rttS, got }).toEqual({ w, w0, dtS, rttS, got: want });
    }
  });
});

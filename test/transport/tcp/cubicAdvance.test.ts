// cubicAdvanceFrom: the same windows as Cubic's law written out in full (RFC 8312 §4.1 with ns-3's clamps), bit for bit, where it skips the growth cap that cannot bind.
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
      const got = cubicAdvanceFrom(wMax, w0, k, w, tS, dtS, rttS);
      const want = reference(wMax, w0, k, w, tS, dtS, rttS);
      if (!Object.is(got, want)) expect({ wMax, w0, k, w, tS, dtS, rttS, got }).toEqual({ wMax, w0, k, w, tS, dtS, rttS, got: want });
      if (wMax > w0) lossBranch++;
      if (got < w * 1.5 ** (dtS / rttS)) capSkipped++;
    }
    // Both branches, and windows the cap does not bind, were drawn in numbers.
    expect(lossBranch).toBeGreaterThan(50_000);
    expect(capSkipped).toBeGreaterThan(50_000);
  });
});

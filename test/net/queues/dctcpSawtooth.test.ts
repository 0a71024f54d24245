// dctcpSawtooth against DCTCP's published steady-state analysis (Alizadeh et al., SIGCOMM 2010, §3.3).
import { describe, expect, it } from "vitest";
import { dctcpAlpha, dctcpSawtooth, dctcpSawtoothAt } from "../../../src/net/queues/dctcpSawtooth.js";
import { sawtoothOf } from "../../../src/net/queues/Sawtooth.js";

describe("dctcpSawtooth(N, P, K, B, packet)", () => {
  it("solves α²(1 − α/4) = (2W* + 1)/(W* + 1)² (eq. 7) and tends to √(2/W*) for large W*", () => {
    // W* = 35: rhs = 71/1296 = 0.0547839…; α = 0.24146… (√(2/35) = 0.2390 is the paper's approximation).
    const a = dctcpAlpha(35);
    expect(a * a * (1 - a / 4)).toBeCloseTo(71 / 1296, 14);
    expect(a).toBeCloseTo(0.24146, 5);
    expect(dctcpAlpha(1e6) / Math.sqrt(2 / 1e6)).toBeCloseTo(1, 3);
    expect(dctcpAlpha(0.5)).toBe(1);
  });

  it("swings between Q_max = K + N and Q_max − A, A = N(W* + 1)α/2, linearly in time", () => {
    // N = 2 flows, P = 50 packets (10 Gb/s × 60 µs), K = 20: W* = (50 + 20)/2 = 35,
    // A = 2·36·0.24146/2 = 8.69, Q_max = 22, Q_min = 13.31, mean 17.65 packets (ns-3, the same
    // dumbbell with a marking FIFO: mean 18.3, 99th percentile 23, bench/ns3).
    const alpha = dctcpAlpha(35);
    const amplitude = 36 * alpha;
    const s = dctcpSawtooth(2, 50, 20, 200, 1500);
    expect(s.maxBytes / 1500).toBeCloseTo(22 - amplitude / 64, 6); // the last sample sits half a step below Q_max
    expect(s.meanBytes / 1500).toBeCloseTo(22 - amplitude / 2, 9);
    expect(s.samples[0] / 1500).toBeCloseTo(22 - amplitude + amplitude / 64, 9);
    // For large W* the amplitude approaches the paper's ½·√(2N(P + K)).
    const big = dctcpSawtooth(10, 1000, 100, 1e6, 1);
    const a = dctcpAlpha(110);
    expect(big.meanBytes).toBeCloseTo(110 - (10 * 111 * a) / 4, 6);
    expect((10 * 111 * a) / 2 / (0.5 * Math.sqrt(2 * 10 * 1100))).toBeCloseTo(1, 1);
  });

  it("idles for the part of the cycle where Q_min < 0 and never exceeds the buffer", () => {
    // N = 1, P = 1000, K = 5: W* = 1005, α ≈ 0.0446, A = 1006·α/2 ≈ 22.4 > Q_max = 6: the queue
    // is empty for (A − 6)/A of the cycle.
    const s = dctcpSawtooth(1, 1000, 5, 1e6, 1);
    const zero = s.samples.filter((q) => q === 0).length / s.samples.length;
    const a = dctcpAlpha(1005);
    expect(zero).toBeCloseTo((1006 * a * 0.5 - 6) / (1006 * a * 0.5), 1);
    expect(dctcpSawtooth(50, 100, 100, 120, 1).maxBytes).toBe(120);
  });
  it("swings by the flows' own α when given: young flows (α near 1) cut deeper and the queue runs lower; the port still marks α*", () => {
    // N = 1, P = 17, K = 30: W* = 47, Q_max = 31. With α = 1 (a flow's α before any window came
    // back, ns-3's and Linux's start) A = 48/2 = 24, so the queue runs linearly from 7 to 31:
    // mean 19 packets, against Q_max − 48·α*/4 ≈ 28.4 with the steady α* = 0.2045.
    const young = dctcpSawtooth(1, 17, 30, 300, 1500, 1);
    expect(young.meanBytes / 1500).toBeCloseTo(19, 12);
    expect(young.maxBytes / 1500).toBeCloseTo(7 + (24 * 31.5) / 32, 12); // the last midpoint sample
    const star = dctcpAlpha(47);
    expect(young.markFraction).toBe(star);
    const steady = dctcpSawtooth(1, 17, 30, 300, 1500);
    expect(steady.meanBytes / 1500).toBeCloseTo(31 - (48 * star) / 4, 12);
    expect(dctcpSawtooth(1, 17, 30, 300, 1500, star)).toEqual(steady);
  });
});

describe("dctcpSawtoothAt(N, W*, α*, K, B, packet, mean α)", () => {
  it("is dctcpSawtooth bit for bit, its mean and largest those sawtoothOf takes from the same samples", () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const n = 1 + Math.floor(next() * 40);
      const pipe = next() * 2000;
      const k = next() * 100;
      const buffer = next() < 0.2 ? next() * 50 : 50 + next() * 500;
      const packet = 64 + next() * 1500;
      const mean = next() < 0.1 ? undefined : next();
      const whole = dctcpSawtooth(n, pipe, k, buffer, packet, mean);
      const wStar = (pipe + k) / n;
      const alpha = dctcpAlpha(wStar);
      const at = dctcpSawtoothAt(n, wStar, alpha, k, buffer, packet, mean ?? alpha);
      expect(at).toEqual(whole);
      const taken = sawtoothOf(Float64Array.from(at.samples), alpha);
      expect(at.meanBytes).toBe(taken.meanBytes);
      expect(at.maxBytes).toBe(taken.maxBytes);
    }
  });
});

// mdOneWait: Pollaczek–Khinchine's M/D/1 mean wait by hand at ρ = 0.5 and 0.9, the buffer's cap, and many draws against P(wait = 0) = 1 − ρ and the mean.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { mdOneDrawWaitS, mdOneMeanWaitS, mdOneRhoCap } from "../../../src/net/queues/mdOneWait.js";

/** A 1,500 B packet at 1 Gb/s (125e6 B/s): 12 µs of service. */
const S = 1500 / 125e6;
const HUGE_BUFFER = 1e12;

describe("mdOneWait", () => {
  it("mean wait ρ·s / (2(1 − ρ)) by hand: 6 µs at ρ = 0.5, 54 µs at ρ = 0.9 for s = 12 µs; none at ρ = 0", () => {
    expect(mdOneMeanWaitS(0.5, S, HUGE_BUFFER)).toBeCloseTo(6e-6, 15);
    expect(mdOneMeanWaitS(0.9, S, HUGE_BUFFER)).toBeCloseTo(54e-6, 15);
    expect(mdOneMeanWaitS(0, S, HUGE_BUFFER)).toBe(0);
  });

  it("caps ρ at 2B / (2B + 1), where the mean wait is the buffer's B·s", () => {
    expect(mdOneRhoCap(10)).toBeCloseTo(20 / 21, 15);
    expect(mdOneMeanWaitS(0.999, S, 10)).toBeCloseTo(10 * S, 15);
    // Below the cap the buffer changes nothing.
    expect(mdOneMeanWaitS(0.9, S, 10)).toBe(mdOneMeanWaitS(0.9, S, HUGE_BUFFER));
    expect(mdOneRhoCap(Infinity)).toBeLessThan(1);
  });

  for (const rho of [0.5, 0.9]) {
    it(`200,000 draws at ρ = ${rho}: P(0) = 1 − ρ and the mean within 1.5 % of P–K's`, () => {
      const random = randomStream(7, `md1-${rho}`);
      const n = 200_000;
      let zeros = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const w = mdOneDrawWaitS(rho, S, HUGE_BUFFER, random);
        if (w === 0) zeros++;
        sum += w;
      }
      // Binomial standard error of P(0): sqrt(ρ(1 − ρ)/n) ≤ 0.0011; 4 of them.
      expect(Math.abs(zeros / n - (1 - rho))).toBeLessThan(0.0045);
      const mean = (rho * S) / (2 * (1 - rho));
      expect(Math.abs(sum / n / mean - 1)).toBeLessThan(0.015);
    });
  }

  it("no draw passes the buffer's B·s, and none is drawn at ρ = 0", () => {
    let calls = 0;
    const counted = () => {
      calls++;
      return 0;
    };
    expect(mdOneDrawWaitS(0, S, 10, counted)).toBe(0);
    expect(calls).toBe(0);
    const random = randomStream(3, "md1-cap");
    for (let i = 0; i < 10_000; i++) expect(mdOneDrawWaitS(0.95, S, 10, random)).toBeLessThanOrEqual(10 * S);
  });
});

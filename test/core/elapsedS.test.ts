// elapsedS: differences of instants without the instants' round-off, to the digits they resolve.
import { describe, expect, it } from "vitest";
import { ELAPSED_DIGITS, elapsedDigits, elapsedS, roundDigits, spannedS } from "../../src/core/elapsedS.js";
import { randomStream } from "../../src/core/randomStream.js";
import { csvNumber } from "../../src/report/csvNumber.js";

/** ⌊log10 a⌋ from the decimal text (exact). */
const exponentOf = (a: number) => Number(a.toExponential().split("e")[1]);

describe("elapsedS", () => {
  it("gives a short decimal difference as that decimal where the plain difference shows round-off", () => {
    expect(0.500008464 - 0.5).not.toBe(8.464e-6);
    expect(elapsedS(0.5, 0.500008464)).toBe(8.464e-6);
    expect(0.3 - 0.1).not.toBe(0.2);
    expect(elapsedS(0.1, 0.3)).toBe(0.2);
    expect(elapsedS(100, 100.000001)).toBe(1e-6);
  });

  it("differences of instants on a nanosecond grid come out as the grid's decimal, at every magnitude", () => {
    const r = randomStream(7, "elapsedS grid");
    for (let i = 0; i < 20000; i++) {
      const scale = 10 ** Math.floor(r() * 5); // instants up to 10⁴ s
      const a = Math.floor(r() * 1e9 * scale);
      const b = a + 1 + Math.floor(r() * 1e6);
      const fromS = a / 1e9;
      const toS = b / 1e9;
      // Exact while the instants have at most 15 significant digits (a nanosecond grid below 10⁶ s).
      expect(elapsedS(fromS, toS)).toBe((b - a) / 1e9);
    }
  });

  it("moves any difference by at most half its quantum, 10^(⌊log10 m⌋ − 14), and the ulps of its result", () => {
    const r = randomStream(11, "elapsedS quantum");
    for (let i = 0; i < 20000; i++) {
      const fromS = r() * 10 ** (r() * 8 - 4);
      const toS = fromS + r() * fromS * 2;
      const m = Math.max(fromS, toS);
      const quantum = 10 ** (exponentOf(m) - (ELAPSED_DIGITS - 1));
      expect(Math.abs(elapsedS(fromS, toS) - (toS - fromS))).toBeLessThanOrEqual(quantum / 2 + Math.abs(toS - fromS) * 4.5e-16);
    }
  });

  it("keeps 15 significant digits of a difference as large as its instants, and passes NaN, infinities and zero through", () => {
    expect(elapsedS(0, 0.123456789012345678)).toBe(0.123456789012346);
    expect(elapsedS(0, 0)).toBe(0);
    expect(elapsedS(1, NaN)).toBeNaN();
    expect(elapsedS(1, Infinity)).toBe(Infinity);
    expect(elapsedS(2, 1.5)).toBe(-0.5);
  });
});

describe("elapsedDigits and roundDigits", () => {
  it("resolve a rate over a drain time to the digits the instants leave it", () => {
    // m = 0.500008464 (⌊log10⌋ = −1), d = 8.464e-6 (−6): 14 − 5 = 9 digits.
    expect(elapsedDigits(0.5, 0.500008464)).toBe(9);
    expect(elapsedDigits(0, 0.25)).toBe(14);
    expect(elapsedDigits(1, 1)).toBe(17);
    expect(roundDigits(21.2500000011, 9)).toBe(21.25);
    expect(roundDigits(123456.789, 4)).toBe(123500);
    expect(roundDigits(-0.000123456, 2)).toBe(-0.00012);
    expect(roundDigits(1.5, 17)).toBe(1.5);
    expect(roundDigits(NaN, 3)).toBeNaN();
  });

  it("a mean rate of a short decimal, computed through a drain time late in a run, rounds back to it", () => {
    // 1,500 B at 21.25 Gb/s, draining from 3.3 s: bits / (finish − first byte) is off in its 11th digit.
    const drainS = (1500 * 8) / 21.25e9;
    const firstS = 3.3;
    const finishS = firstS + drainS;
    const rate = (1500 * 8) / 1e9 / (finishS - firstS);
    expect(rate).not.toBe(21.25);
    expect(roundDigits(rate, elapsedDigits(firstS, finishS))).toBe(21.25);
  });
});

describe("spannedS", () => {
  it("a sum of spans between instants of a run comes out as the decimal the instants meant", () => {
    // Two flows bound over [5, 5.0000004): 2 × 4e-7 flow-seconds, each span a difference of instants near 5 s.
    const plain = 2 * (5.0000004 - 5);
    expect(plain).not.toBe(8e-7);
    expect(spannedS(plain, 5.0000008)).toBe(8e-7);
    // Spans on a nanosecond grid late in a 0.3 s run, many of them: the grid's decimal.
    let sum = 0;
    for (let i = 0; i < 50; i++) sum += 0.2 + (i + 1) * 1e-9 - (0.2 + i * 1e-9);
    expect(sum).not.toBe(5e-8);
    expect(spannedS(sum, 0.3)).toBe(5e-8);
  });

  it("moves a sum by at most half the horizon's quantum, and leaves what it cannot round", () => {
    const r = randomStream(7, "spannedS");
    for (let i = 0; i < 2000; i++) {
      const horizon = 10 ** (r() * 12 - 6);
      const sum = r() * horizon * 10 ** Math.floor(r() * 4);
      const quantum = 10 ** (exponentOf(horizon) - (ELAPSED_DIGITS - 1));
      expect(Math.abs(spannedS(sum, horizon) - sum)).toBeLessThanOrEqual(quantum / 2 + 4 * Number.EPSILON * sum);
    }
    expect(spannedS(1.7e-21, 1)).toBe(0);
    // A quantum (1e-15 for a 0.5 s run) below the 12th digit a report shows is left to the
    // report's own rounding: rounding first to 1e-15 would give 0.06234859995385, shown as
    // ...539, where the sum itself is shown as ...538.
    expect(spannedS(0.06234859995384951, 0.5)).toBe(0.06234859995384951);
    expect(csvNumber(spannedS(0.06234859995384951, 0.5))).toBe("0.0623485999538");
    expect(spannedS(0.125, 0)).toBe(0.125);
    expect(spannedS(Number.NaN, 1)).toBeNaN();
    expect(spannedS(1e300, 1)).toBe(1e300);
  });
});

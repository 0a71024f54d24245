// splitBytes: whole-byte shares that differ by at most one byte and add up exactly; splitBytesWindow against a brute-force sum.
import { describe, expect, it } from "vitest";
import { splitBytes, splitBytesWindow } from "../../src/workloads/splitBytes.js";

describe("splitBytes", () => {
  it("gives the first T mod p shares one extra byte", () => {
    // 110e6 / 3 = 36,666,666.67: 36,666,667 twice, then 36,666,666.
    expect([0, 1, 2].map((k) => splitBytes(110e6, 3, k))).toEqual([36_666_667, 36_666_667, 36_666_666]);
    expect([0, 1, 2, 3].map((k) => splitBytes(8, 4, k))).toEqual([2, 2, 2, 2]);
    expect([0, 1, 2].map((k) => splitBytes(2, 3, k))).toEqual([1, 1, 0]);
  });

  it("adds up to the total exactly, shares within one byte of each other", () => {
    for (const [total, parts] of [
      [1e9, 7],
      [54_160_000_000, 1024],
      [2 ** 53 - 1, 3],
      [999, 1000],
    ]) {
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let k = 0; k < parts; k++) {
        const b = splitBytes(total, parts, k);
        expect(Number.isInteger(b)).toBe(true);
        sum += b;
        min = Math.min(min, b);
        max = Math.max(max, b);
      }
      expect(sum).toBe(total);
      expect(max - min).toBeLessThanOrEqual(1);
    }
  });

  it("rounds a fractional total to a whole byte first", () => {
    expect(splitBytes(4099999999.9999995, 1, 0)).toBe(4_100_000_000);
  });
});

describe("splitBytesWindow", () => {
  it("is the sum of shares k, k − 1, … (mod p), for every start and length", () => {
    for (const [total, parts] of [
      [10, 4],
      [1e9, 3],
      [7, 8],
    ]) {
      for (let k = -parts; k < 2 * parts; k++) {
        for (let count = 0; count <= 3 * parts; count++) {
          let brute = 0;
          for (let s = 0; s < count; s++) brute += splitBytes(total, parts, (((k - s) % parts) + parts) % parts);
          expect(splitBytesWindow(total, parts, k, count), `${total}/${parts} from ${k}, ${count} shares`).toBe(brute);
        }
      }
    }
  });
});

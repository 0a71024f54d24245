// dctcpSettledAlpha: the α N long DCTCP flows settle at in ns-3 3.37 (whole CWR cuts, re-entered while ECE persists) against the star runs and eq. 7.
import { describe, expect, it } from "vitest";
import { dctcpAlpha } from "../../../src/net/queues/dctcpSawtooth.js";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";

/** P (packets) of the star runs: 10 Gb/s × (4·d + 2·1,502 B + 2·54 B at 10 Gb/s) ÷ 1,502 B; K = 30. */
const pipe = (delayS: number): number => ((4 * delayS + (2 * 1502 * 8) / 1e10 + (2 * 54 * 8) / 1e10) * 1.25e9) / 1502;

/** ns-3 3.37 at h0's NIC (bench/ns3/README.md, Session 43): [one-way delay s, N, marks per packet, flows' mean α]. */
const STAR: [number, number, number, number][] = [
  [1e-6, 1, 0.204, 0.194],
  [1e-6, 2, 0.29, 0.272],
  [1e-6, 4, 0.405, 0.365],
  [1e-6, 8, 0.499, 0.444],
  [1e-6, 16, 0.608, 0.557],
  [5e-6, 1, 0.176, 0.168],
  [5e-6, 2, 0.251, 0.244],
  [5e-6, 4, 0.347, 0.328],
  [5e-6, 8, 0.465, 0.422],
  [5e-6, 16, 0.581, 0.498],
];

describe("dctcpSettledAlpha", () => {
  it("solves α²(1 − α/4) = φ·(2W* + 1)/(W* + 1)² with φ = s/⌈s⌉, s = 1 + 2/(α(W* + 1)): marks over s windows in ⌈s⌉ whole cuts", () => {
    for (const w of [1.2, 2.2, 3.8, 8.9, 31.47, 100]) {
      const a = dctcpSettledAlpha(w);
      const s = 1 + 2 / (a * (w + 1));
      const phi = s / Math.ceil(s);
      expect(a * a * (1 - a / 4)).toBeCloseTo((phi * (2 * w + 1)) / ((w + 1) * (w + 1)), 12);
      expect(a).toBeLessThan(dctcpAlpha(w));
    }
  });

  it("is 1 where eq. 7's α* is 1 (W* ≤ 1)", () => {
    expect(dctcpSettledAlpha(1)).toBe(1);
    expect(dctcpSettledAlpha(0.3)).toBe(1);
  });

  it("on the star runs it was chosen on (N = 1, 2, 4; N = 8 at 5 µs) is within 9 % of ns-3's marks per packet, and nearer ns-3's α than eq. 7 on all ten", () => {
    for (const [d, n, marks, alpha] of STAR) {
      const w = (pipe(d) + 30) / n;
      const a = dctcpSettledAlpha(w);
      if (n <= 4 || (n === 8 && d === 5e-6)) expect(Math.abs(a / marks - 1)).toBeLessThan(0.09);
      expect(Math.abs(a - alpha)).toBeLessThan(Math.abs(dctcpAlpha(w) - alpha));
    }
  });
});

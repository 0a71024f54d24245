// fifoHoles: a burst crossing a full drop-tail port loses each exposed packet at the port's share; where the first hole falls decides a fast retransmit or an RTO.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import { fifoBurstLossTold } from "../../../src/transport/tcp/dupAcksTell.js";
import { fifoHoles, type FifoHoles } from "../../../src/transport/tcp/fifoHoles.js";

const out = (): FifoHoles => ({ lost: 0, delivered: 0, told: true });
const fixed = (values: number[]): RandomStream => () => values.shift()!;

/**
 * P(RTO) of a burst of n packets, all exposed at share q, no data left: the first hole at h
 * (chance q(1 − q)^h) leaves n − h − 1 packets behind it, each delivered with 1 − q, and fewer
 * than three delivered there means no fast retransmit.
 */
function rtoChance(n: number, q: number): number {
  let p = 0;
  for (let h = 0; h < n; h++) {
    const m = n - h - 1;
    let fewer = 0;
    for (let k = 0; k < 3 && k <= m; k++) fewer += choose(m, k) * (1 - q) ** k * q ** (m - k);
    p += q * (1 - q) ** h * fewer;
  }
  return p;
}
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

describe("fifoHoles", () => {
  it("one hole among a last round's last three packets is told by no three duplicate ACKs; earlier, it is", () => {
    // Ten packets, one uniform each: only the ninth (index 8) is below the share.
    const late = fifoHoles(fixed([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.9]), 10, 10, 0.5, 0, out());
    expect(late).toEqual({ lost: 1, delivered: 9, told: false });
    const early = fifoHoles(fixed([0.9, 0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]), 10, 10, 0.5, 0, out());
    expect(early).toEqual({ lost: 1, delivered: 9, told: true });
    // The same late hole with new data left behind the burst: the SACKs let three out.
    expect(fifoHoles(fixed([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.9]), 10, 10, 0.5, 3, out()).told).toBe(true);
    // The mean test (LossRecovery.burstLoss's) tells such a hole whatever its place: at share 0.05 it counts min(9, 1 · 0.95 / 0.05) = 9 behind it.
    expect(fifoBurstLossTold(9, 1, 0, 0.05)).toBe(true);
  });

  it("draws only the exposed packets (the burst's head, arriving while the port is full)", () => {
    const draws: number[] = [];
    const log: RandomStream = () => {
      draws.push(0.01);
      return 0.01;
    };
    const h = fifoHoles(log, 20, 4.2, 0.3, 0, out());
    expect(draws).toHaveLength(5);
    expect(h).toEqual({ lost: 5, delivered: 15, told: true });
    expect(fifoHoles(log, 20, 0, 0.3, 0, out())).toEqual({ lost: 0, delivered: 20, told: true });
    expect(draws).toHaveLength(5);
  });

  it("times out with the closed-form chance Σ_h q(1 − q)^h · P(Bin(n − h − 1, 1 − q) < 3), → 3/n per loss at small shares", () => {
    const random = randomStream(58, "fifoHoles");
    for (const [n, q] of [[20, 0.1], [8, 0.3]] as const) {
      const runs = 40_000;
      let rto = 0;
      const o = out();
      for (let i = 0; i < runs; i++) if (!fifoHoles(random, n, n, q, 0, o).told) rto++;
      const p = rtoChance(n, q);
      // Four standard deviations of the binomial count.
      expect(Math.abs(rto / runs - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / runs));
    }
    // At a small share one hole is the rule, and it times out iff it is among the last three.
    const n = 20;
    const q = 1e-4;
    expect(rtoChance(n, q) / (1 - (1 - q) ** n)).toBeCloseTo(3 / n, 3);
  });
});

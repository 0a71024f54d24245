// peakOfferedBps: the largest sum of the rates of trains under way together, read at each train's start.
import { describe, expect, it } from "vitest";
import type { Burst } from "../../../src/transport/tcp/Burst.js";
import { peakOfferedBps } from "../../../src/transport/tcp/peakOfferedBps.js";

/** A burst of `packets` of 1,000 B over `durationS`, starting `offsetS` after the earliest. */
const burst = (packets: number, durationS: number, offsetS: number) => ({ packets, durationS, offsetS, packetBytes: 1000 }) as Burst;

describe("peakOfferedBps", () => {
  it("at one instant: the sum of every train's rate", () => {
    // 10 packets over 10 µs: 1e9 B/s each.
    expect(peakOfferedBps([burst(10, 1e-5, 0), burst(10, 1e-5, 0), burst(20, 1e-5, 0)], 1e12)).toBeCloseTo(4e9, 0);
  });

  it("trains that overlap in part: the most under way at once; trains one after another: the largest alone", () => {
    // a over [0, 10 µs), b over [5, 15 µs), c over [12, 22 µs): a and b together at 5 µs, b and c at 12 µs.
    expect(peakOfferedBps([burst(10, 1e-5, 0), burst(20, 1e-5, 5e-6), burst(30, 1e-5, 1.2e-5)], 1e12)).toBeCloseTo(5e9, 0);
    expect(peakOfferedBps([burst(10, 1e-5, 0), burst(30, 1e-5, 1e-5)], 1e12)).toBeCloseTo(3e9, 0);
  });

  it("a train shorter than a packet time at the port lasts a packet time", () => {
    // 1 packet in 0 s at a port of 1e8 B/s: 10 µs, so 1e8 B/s; a second starting 5 µs later overlaps it.
    expect(peakOfferedBps([burst(1, 0, 0), burst(1, 0, 5e-6)], 1e8)).toBeCloseTo(2e8, 0);
  });
});

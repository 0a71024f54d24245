// timestampRttS: ns-3 3.37's RTT samples from millisecond timestamps, and its smoothed RTT.
import { describe, expect, it } from "vitest";
import { smoothedRttS, timestampRttS } from "../../../src/transport/tcp/timestampRttS.js";

describe("timestampRttS(sentS, ackS)", () => {
  it("is the difference of the whole milliseconds, 1 µs where both fall in one", () => {
    expect(timestampRttS(0.5, 0.5009)).toBe(1e-6);
    expect(timestampRttS(0.5009, 0.501)).toBe(0.001);
    expect(timestampRttS(0.5009, 0.5011)).toBe(0.001);
    expect(timestampRttS(0.0005, 0.0105)).toBe(0.01);
  });

  it("reads times on ns-3's nanosecond clock: a millisecond boundary reached in floating point counts", () => {
    // 0.1 + 0.2 is 0.30000000000000004 and 0.3 − 1e-4 is 0.29990000000000006: whole ns first.
    expect(timestampRttS(0.2999, 0.1 + 0.2)).toBe(0.001);
    expect(timestampRttS(0.3 - 1e-4, 0.3)).toBe(0.001);
  });
});

describe("smoothedRttS(srttS, sampleS)", () => {
  it("takes the first sample, then moves an eighth of the way to each", () => {
    expect(smoothedRttS(NaN, 0.001)).toBe(0.001);
    expect(smoothedRttS(0.001, 1e-6)).toBeCloseTo(0.001 - 0.999e-3 / 8, 15);
  });
});

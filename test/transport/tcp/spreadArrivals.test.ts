// spreadArrivals against hand counts: the packets of an evenly spread window that a full buffer meets.
import { describe, expect, it } from "vitest";
import { spreadArrivals } from "../../../src/transport/tcp/spreadArrivals.js";

describe("spreadArrivals(w, fullS, rttS, phase)", () => {
  it("counts the packets of w spread over rttS that fall in fullS: ⌊x⌋ or ⌈x⌉, x = w·fullS/rttS", () => {
    // 23 packets over 1.46 ms, one every 63.5 µs; the buffer full for 0.67 ms: x = 23 · 0.67 / 1.46 = 10.55.
    const x = (23 * 0.67e-3) / 1.46e-3;
    expect(x).toBeCloseTo(10.555, 3);
    // Phase 0.5 < 0.555: the 11th packet, at (0.5 + 10) · 63.5 µs = 666.6 µs, arrives before 670 µs.
    expect(spreadArrivals(23, 0.67e-3, 1.46e-3, 0.5)).toBe(11);
    // Phase 0.6: the 11th at 673 µs, after the buffer drained below full.
    expect(spreadArrivals(23, 0.67e-3, 1.46e-3, 0.6)).toBe(10);
  });

  it("averages x over a uniform phase", () => {
    const n = 1000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += spreadArrivals(19, 0.064e-3, 1.462e-3, (i + 0.5) / n);
    // x = 19 · 0.064 / 1.462 = 0.8317: one packet on 83.2 % of phases, none on the rest.
    expect(sum / n).toBeCloseTo((19 * 0.064) / 1.462, 2);
  });

  it("is at most the window, and 0 without a full span or a window", () => {
    // Full for longer than the round trip: every packet of the window arrives while it is full
    // (a window of 9.6: 10 packets at phases below 0.6, else 9).
    expect(spreadArrivals(9.6, 3e-3, 1.46e-3, 0.99)).toBe(9);
    expect(spreadArrivals(9.6, 3e-3, 1.46e-3, 0.1)).toBe(10);
    expect(spreadArrivals(10, 0, 1e-3, 0)).toBe(0);
    expect(spreadArrivals(0, 1e-3, 1e-3, 0)).toBe(0);
  });
});

// onLatencyShortestPath: a hop is on a latency-shortest path when its far end's distance plus its latency equals the near end's, within 1e-12 relative.
import { describe, expect, it } from "vitest";
import { onLatencyShortestPath } from "../../src/net/onLatencyShortestPath.js";

describe("onLatencyShortestPath(du, dv, latencyS)", () => {
  it("holds when dv + latency equals du, and not when it exceeds it", () => {
    expect(onLatencyShortestPath(3e-3, 2e-3, 1e-3)).toBe(true);
    expect(onLatencyShortestPath(3e-3, 2.5e-3, 1e-3)).toBe(false);
  });

  it("absorbs rounding: 0.1 + 0.2 against 0.3 (off by one ulp) is on the path", () => {
    expect(0.2 + 0.1).not.toBe(0.3);
    expect(onLatencyShortestPath(0.3, 0.2, 0.1)).toBe(true);
  });

  it("scales the tolerance with du above 1 s, and is absolute (1e-12 s) below", () => {
    expect(onLatencyShortestPath(1000, 1000 - 1e-3, 1e-3 + 5e-10)).toBe(true);
    expect(onLatencyShortestPath(1000, 1000 - 1e-3, 1e-3 + 5e-9)).toBe(false);
    expect(onLatencyShortestPath(1e-6, 0, 1e-6 + 5e-13)).toBe(true);
    expect(onLatencyShortestPath(1e-6, 0, 1e-6 + 5e-12)).toBe(false);
  });
});

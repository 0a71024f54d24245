// HandshakeLosses: a SYN or SYN-ACK meeting a drop-tail port while bursts overflow it is lost at the port's drop share, drawn once per overflowing port it meets.
import { describe, expect, it } from "vitest";
import type { RandomStream } from "../../../src/core/randomStream.js";
import { HandshakeLosses } from "../../../src/transport/tcp/HandshakeLosses.js";

describe("HandshakeLosses", () => {
  it("draws once at each overflowing port a SYN meets (its route) or its SYN-ACK (their reverse channels), and only while the overflow lasts", () => {
    const draws: number[] = [];
    const stream = (values: number[]): RandomStream => () => {
      const v = values.shift()!;
      draws.push(v);
      return v;
    };
    // Channels 0..5 (three links), route over channels 0 and 2; node capacities from 6.
    const route = Int32Array.of(0, 2, 6);
    const h = new HandshakeLosses(8, 6, stream([0.5, 0.39, 0.9]));
    h.overflowing(2, 0.4, 0, 1e-3);
    h.overflowing(1, 0.6, 0, 2e-3);
    // The SYN meets channel 2 overflowing (0.5 ≥ 0.4: through); the SYN-ACK comes back over 3 (the
    // reverse of 2: no overflow) and 1 (the reverse of 0: 0.39 < 0.6, lost).
    expect(h.lost(route, 0.5e-3, 1.5e-3)).toBe(true);
    expect(draws).toEqual([0.5, 0.39]);
    // After both overflows end: no draw at all.
    expect(h.lost(route, 3e-3, 3e-3)).toBe(false);
    expect(draws).toHaveLength(2);
    // A later overflow of a port in overflow keeps the larger share until the later end.
    h.overflowing(2, 0.95, 0.9e-3, 1.1e-3);
    h.overflowing(2, 0.1, 1e-3, 1.05e-3);
    expect(h.lost(route, 1.07e-3, 5e-3)).toBe(true);
    expect(draws).toEqual([0.5, 0.39, 0.9]);
  });
});


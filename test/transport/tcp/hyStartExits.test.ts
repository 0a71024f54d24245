// hyStartExits: Cubic's HyStart exits (ns-3 3.37), case by case.
import { describe, expect, it } from "vitest";
import { hyStartExits } from "../../../src/transport/tcp/hyStartExits.js";

describe("hyStartExits(w, leastRttS, rttS, trainS)", () => {
  it("never exits below 16 segments or before a least RTT is known", () => {
    expect(hyStartExits(15, 1e-3, 1, 1)).toBe(false);
    expect(hyStartExits(32, Infinity, 1, 1)).toBe(false);
  });

  it("exits when the ACK train outlasts the least RTT (the window fills the pipe)", () => {
    expect(hyStartExits(32, 1e-3, 1e-3, 1.01e-3)).toBe(true);
    expect(hyStartExits(32, 1e-3, 1e-3, 0.5e-3)).toBe(false);
  });

  it("exits when the RTT rose by clamp(least RTT, 4 ms, 1 s)", () => {
    // least 10 ms: threshold 10 ms; a train far shorter than the RTT (no 2 ms rule).
    expect(hyStartExits(32, 0.01, 0.0201, 0.001)).toBe(true);
    expect(hyStartExits(32, 0.01, 0.0199, 0.001)).toBe(false);
    // least 1 ms: threshold 4 ms.
    expect(hyStartExits(32, 0.001, 0.0051, 0)).toBe(true);
  });

  it("exits on any queueing delay where the round trip exceeds the train by at most 2 ms", () => {
    // least 100 µs, RTT 101 µs, train 50 µs: RTT − train ≤ 2 ms and RTT above the least.
    expect(hyStartExits(32, 100e-6, 101e-6, 50e-6)).toBe(true);
    // No delay beyond the least RTT: no exit.
    expect(hyStartExits(32, 100e-6, 100e-6, 50e-6)).toBe(false);
  });
});

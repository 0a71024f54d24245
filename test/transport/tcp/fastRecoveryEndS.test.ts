// fastRecoveryEndS: a fast recovery's end from its retransmissions' pace, by hand.
import { describe, expect, it } from "vitest";
import { fastRecoveryEndS } from "../../../src/transport/tcp/fastRecoveryEndS.js";

const P = 1500;
const RTT = 100e-6;

describe("fastRecoveryEndS(nowS, rttS, lostPackets, cwnd, packetBytes, shareBps)", () => {
  it("ends now with no loss", () => {
    expect(fastRecoveryEndS(1, RTT, 0, 10, P, 1e9)).toBe(1);
  });

  it("is one round trip after the last retransmission leaves, (lost − 1) packet times on at the flow's share", () => {
    // Share 1.5e7 B/s (a packet per 100 µs), window 100 packets per RTT (1.5e9 B/s): the share paces it.
    expect(fastRecoveryEndS(1, RTT, 5, 100, P, 1.5e7)).toBeCloseTo(1 + RTT + 4 * 100e-6, 12);
  });

  it("paces at the cut window per round trip when that is slower than the share, or when there is no share", () => {
    // Window 2 packets per RTT: 3e7 B/s, a packet every 50 µs.
    expect(fastRecoveryEndS(1, RTT, 5, 2, P, 1e9)).toBeCloseTo(1 + RTT + 4 * 50e-6, 12);
    expect(fastRecoveryEndS(1, RTT, 5, 2, P, 0)).toBeCloseTo(1 + RTT + 4 * 50e-6, 12);
  });
});

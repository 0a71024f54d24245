// retransmissionTimeoutS: RFC 6298's RTO from one RTT sample, its floor and its backoff.
import { describe, expect, it } from "vitest";
import { retransmissionTimeoutS } from "../../../src/transport/tcp/retransmissionTimeoutS.js";

describe("retransmissionTimeoutS(minRtoS, rttS, backoff)", () => {
  it("is 3 RTT (SRTT + 4·RTTVAR with RTTVAR = RTT/2), never below min RTO", () => {
    expect(retransmissionTimeoutS(0.2, 0.1, 0)).toBeCloseTo(0.3, 12);
    expect(retransmissionTimeoutS(0.2, 10e-6, 0)).toBe(0.2);
  });

  it("doubles per timeout in a row, at most 2⁶ times", () => {
    expect(retransmissionTimeoutS(0.2, 10e-6, 1)).toBe(0.4);
    expect(retransmissionTimeoutS(0.2, 10e-6, 3)).toBe(1.6);
    expect(retransmissionTimeoutS(0.2, 10e-6, 6)).toBe(12.8);
    expect(retransmissionTimeoutS(0.2, 10e-6, 9)).toBe(12.8);
  });
});

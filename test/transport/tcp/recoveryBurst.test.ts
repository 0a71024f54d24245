// recoveryBurst's retransmissionLoss against hand-derived values: the chance a recovering flow's retransmission is among an overflow's drops.
import { describe, expect, it } from "vitest";
import { retransmissionLoss } from "../../../src/transport/tcp/recoveryBurst.js";

const P = 1502;
const C = 1.25e9;
/** A round trip in which a 10 Gb/s port drains exactly 100 packets. */
const RTT = (100 * P) / C;

describe("retransmissionLoss", () => {
  it("is 1 − (1 − d/(C·RTT/P + d))^k for k retransmissions crossing the port in the full buffer's round trip", () => {
    // 16 drops among 100 drained + 16 arrivals: each arrival is lost with 16/116. A flow at 4
    // packets per round trip with all its round trip still retransmitting sends 4 of them.
    expect(retransmissionLoss(16, C, RTT, (4 * P) / RTT, 1, P)).toBeCloseTo(1 - (100 / 116) ** 4, 12);
  });

  it("counts only the retransmissions still to cross: its last crosses half a round trip on, 2 of the 4", () => {
    expect(retransmissionLoss(16, C, RTT, (4 * P) / RTT, RTT / 2, P)).toBeCloseTo(1 - (100 / 116) ** 2, 12);
  });

  it("is 0 once its retransmissions have crossed (new data lost then is a hole the recovery repairs), or with no drop", () => {
    expect(retransmissionLoss(16, C, RTT, (4 * P) / RTT, 0, P)).toBe(0);
    expect(retransmissionLoss(16, C, RTT, (4 * P) / RTT, -1e-6, P)).toBe(0);
    expect(retransmissionLoss(0, C, RTT, (4 * P) / RTT, 1, P)).toBe(0);
  });
});

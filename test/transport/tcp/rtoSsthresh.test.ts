// rtoSsthresh: the threshold ns-3 3.37's retransmission timeout leaves for each congestion control, by hand.
import { describe, expect, it } from "vitest";
import { rtoSsthresh } from "../../../src/transport/tcp/rtoSsthresh.js";
import { TcpCc } from "../../../src/transport/tcp/TcpFlowTable.js";

describe("rtoSsthresh(cc, cwnd, alpha)", () => {
  it("Cubic: max(⌊0.7·⌊cwnd⌋⌋, 2) segments (TcpCubic::GetSsThresh on whole segments)", () => {
    expect(rtoSsthresh(TcpCc.Cubic, 20, 1)).toBe(14);
    expect(rtoSsthresh(TcpCc.Cubic, 21.9, 1)).toBe(14);
    expect(rtoSsthresh(TcpCc.Cubic, 2, 1)).toBe(2);
  });

  it("DCTCP: (1 − α/2)·cwnd (TcpDctcp::GetSsThresh)", () => {
    expect(rtoSsthresh(TcpCc.Dctcp, 20, 0.25)).toBeCloseTo(17.5, 12);
    expect(rtoSsthresh(TcpCc.Dctcp, 20, 1)).toBe(10);
  });

  it("NewReno: none (its pipe before the timeout is not tracked): slow start until a loss", () => {
    expect(rtoSsthresh(TcpCc.NewReno, 20, 1)).toBe(Infinity);
  });
});

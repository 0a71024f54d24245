// rtoSsthresh: the threshold ns-3 3.37's retransmission timeout leaves for each congestion control, by hand.
import { describe, expect, it } from "vitest";
import { rtoSsthresh } from "../../../src/transport/tcp/rtoSsthresh.js";
import { TcpCc } from "../../../src/transport/tcp/TcpFlowTable.js";

describe("rtoSsthresh(cc, cwnd, alpha, pipeSegs)", () => {
  it("Cubic: max(⌊0.7·⌊cwnd⌋⌋, 2) segments (TcpCubic::GetSsThresh on whole segments), whatever the pipe", () => {
    expect(rtoSsthresh(TcpCc.Cubic, 20, 1, 3)).toBe(14);
    expect(rtoSsthresh(TcpCc.Cubic, 21.9, 1, 3)).toBe(14);
    expect(rtoSsthresh(TcpCc.Cubic, 2, 1, 3)).toBe(2);
  });

  it("DCTCP: (1 − α/2)·cwnd (TcpDctcp::GetSsThresh), whatever the pipe", () => {
    expect(rtoSsthresh(TcpCc.Dctcp, 20, 0.25, 3)).toBeCloseTo(17.5, 12);
    expect(rtoSsthresh(TcpCc.Dctcp, 20, 1, 3)).toBe(10);
  });

  it("NewReno: half the pipe before the timeout, at least 2 segments (TcpNewReno::GetSsThresh on BytesInFlight), not the window", () => {
    expect(rtoSsthresh(TcpCc.NewReno, 20, 1, 7)).toBe(3.5);
    expect(rtoSsthresh(TcpCc.NewReno, 20, 1, 20)).toBe(10);
    expect(rtoSsthresh(TcpCc.NewReno, 20, 1, 1)).toBe(2);
  });
});

// cutWindow: each congestion control's multiplicative decrease, by hand.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { cutWindow } from "../../../src/transport/tcp/cutWindow.js";
import { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";

function flow(cc: TcpOptions["cc"], cwnd: number, wMax = 0) {
  const t = new TcpFlowTable();
  t.reserve(1);
  t.setOptions(t.take(0), t.options.push({ ...TCP_DEFAULTS, cc }) - 1);
  t.cwnd[t.slotOf[0]] = cwnd;
  t.wMax[t.slotOf[0]] = wMax;
  return t;
}

describe("cutWindow(t, f, gone, alpha)", () => {
  it("Cubic keeps 0.7 of its window and remembers it as W_max (or (1 + 0.7)/2 of it below the last W_max)", () => {
    const t = flow("cubic", 100);
    cutWindow(t, 0, 4, 1);
    expect(t.cwnd[t.slotOf[0]]).toBeCloseTo(70, 12);
    expect(t.wMax[t.slotOf[0]]).toBe(100);
    // Fast convergence: 70 < W_max 100, so W_max becomes 70 · 0.85 = 59.5.
    cutWindow(t, 0, 4, 1);
    expect(t.cwnd[t.slotOf[0]]).toBeCloseTo(49, 12);
    expect(t.wMax[t.slotOf[0]]).toBeCloseTo(59.5, 12);
  });

  it("NewReno halves its window less the packets already gone, whatever α", () => {
    const reno = flow("newreno", 100);
    cutWindow(reno, 0, 4, 0.25);
    expect(reno.cwnd[reno.slotOf[0]]).toBe(48);
  });

  it("DCTCP keeps (1 − α/2) of its window after a loss, as ns-3's TcpDctcp::GetSsThresh: 0.875·w at α = 0.25, half at α = 1", () => {
    const dctcp = flow("dctcp", 100);
    cutWindow(dctcp, 0, 4, 0.25);
    expect(dctcp.cwnd[dctcp.slotOf[0]]).toBeCloseTo(87.5, 12);
    const fresh = flow("dctcp", 100);
    cutWindow(fresh, 0, 4, 1);
    expect(fresh.cwnd[fresh.slotOf[0]]).toBe(50);
  });

  it("never cuts below 2 segments", () => {
    const reno = flow("newreno", 5);
    cutWindow(reno, 0, 4, 1);
    expect(reno.cwnd[reno.slotOf[0]]).toBe(2);
    const cubic = flow("cubic", 2);
    cutWindow(cubic, 0, 0, 1);
    expect(cubic.cwnd[cubic.slotOf[0]]).toBe(2);
  });
});

// TcpFlowTable: per-flow constants from the options, and the avoidance window law read from the arrays.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { cubicAdvance, cubicK } from "../../../src/transport/tcp/CongestionControl.js";
import { cubicAckClocked } from "../../../src/transport/tcp/cubicAckClocked.js";
import { TcpCc, TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";

function table(options: Partial<TcpOptions>, flow = 0) {
  const t = new TcpFlowTable();
  const i = t.options.push({ ...TCP_DEFAULTS, ...options }) - 1;
  t.reserve(flow + 1);
  t.setOptions(flow, i);
  return t;
}

describe("TcpFlowTable", () => {
  it("keeps each flow's packet bytes, window in segments and congestion control", () => {
    const t = table({ cc: "newreno", mssBytes: 1448, headerBytes: 54, windowBytes: 1448 * 100 }, 5000);
    expect(t.cap).toBeGreaterThan(5000);
    expect(t.packetBytes[5000]).toBe(1502);
    expect(t.windowSegs[5000]).toBe(100);
    expect(t.cc[5000]).toBe(TcpCc.NewReno);
    expect(t.timer[5000]).toBe(-1);
    expect(t.port[5000]).toBe(-1);
  });

  it("reserve makes room for n flows at once, keeping every flow's state and the fills of the flows past it", () => {
    const t = table({ cc: "newreno" }, 7);
    t.cwnd[7] = 12.5;
    t.timer[7] = 3;
    t.reserve(20_000);
    expect(t.cap).toBe(20_000);
    expect(t.cwnd[7]).toBe(12.5);
    expect(t.timer[7]).toBe(3);
    expect(t.cc[7]).toBe(TcpCc.NewReno);
    // The flows past the old room have no timer, no port and no recovery weight yet.
    expect(t.timer[19_999]).toBe(-1);
    expect(t.port[19_999]).toBe(-1);
    expect(t.lossPort[19_999]).toBe(-1);
    expect(t.recoveryWeight[19_999]).toBeNaN();
    expect(t.alphaDueS[19_999]).toBeNaN();
    // Less than the room it has: kept as it is.
    t.reserve(5);
    expect(t.cap).toBe(20_000);
  });

  it("NewReno grows 1/delayedAck segment per RTT, DCTCP one, both capped at the window", () => {
    const reno = table({ cc: "newreno", delayedAck: 2, mssBytes: 1000, windowBytes: 1000 * 50 });
    reno.cwnd[0] = 20;
    reno.lastS[0] = 1;
    expect(reno.windowAt(0, 1 + 4 * 0.01, 0.01)).toBeCloseTo(22, 12);
    expect(reno.windowAt(0, 1 + 1000 * 0.01, 0.01)).toBe(50);
    const dctcp = table({ cc: "dctcp", mssBytes: 1000, windowBytes: 1000 * 50 });
    dctcp.cwnd[0] = 20;
    dctcp.lastS[0] = 1;
    expect(dctcp.windowAt(0, 1 + 4 * 0.01, 0.01)).toBeCloseTo(24, 12);
  });

  it("Cubic follows cubicAdvance from its epoch", () => {
    const t = table({ cc: "cubic", mssBytes: 1000, windowBytes: 1e9 });
    t.wMax[0] = 100;
    t.w0[0] = 70;
    t.cwnd[0] = 75;
    t.epochS[0] = 2;
    t.lastS[0] = 2.5;
    expect(t.windowAt(0, 3, 0.02)).toBe(cubicAdvance(100, 70, 75, 0.5, 0.5, 0.02));
    expect(t.windowAt(0, 3, 0.02)).toBeGreaterThan(75);
  });

  it("Cubic's K follows a new W_max or epoch (it is kept per flow, not taken again at every window)", () => {
    const t = table({ cc: "cubic", mssBytes: 1000, windowBytes: 1e9 });
    t.wMax[0] = 100;
    t.w0[0] = 70;
    t.cwnd[0] = 75;
    t.epochS[0] = 2;
    t.lastS[0] = 2.5;
    expect(t.windowAt(0, 3, 0.02)).toBe(cubicAdvance(100, 70, 75, 0.5, 0.5, 0.02));
    // A loss: a new W_max and a new epoch from the cut window.
    t.wMax[0] = 80;
    t.w0[0] = 56;
    t.cwnd[0] = 56;
    expect(t.windowAt(0, 3, 0.02)).toBe(cubicAdvance(80, 56, 56, 0.5, 0.5, 0.02));
    t.w0[0] = 60;
    expect(t.windowAt(0, 3, 0.02)).toBe(cubicAdvance(80, 60, 56, 0.5, 0.5, 0.02));
    // No loss seen (HyStart's epoch): no K at all.
    t.wMax[0] = 0;
    expect(t.windowAt(0, 3, 0.02)).toBe(cubicAdvance(0, 60, 56, 0.5, 0.5, 0.02));
  });

  it("Cubic bound by the network follows cubicAckClocked, before and after a loss, whether its floor or its curve decides", () => {
    // windowAt hands a bound window to the per-ACK law as it is (the law takes RTT³ itself, only
    // where its bound leaves the curve open), on random windows, epochs and ACK rates.
    const rng = randomStream(7, "windowAt");
    const t = table({ cc: "cubic", mssBytes: 1000, windowBytes: 1000 * 5000 });
    const other = table({ cc: "cubic", mssBytes: 1000, windowBytes: 1000 * 5000 }, 1);
    let curveDecided = 0;
    for (let i = 0; i < 4000; i++) {
      const afterLoss = i % 2 === 1;
      const w0 = 2 + 200 * rng();
      const wMax = afterLoss ? w0 / 0.7 : 0;
      const epochS = 10 * rng();
      // From microseconds into the epoch (the floor decides) to seconds (the curve does).
      const sinceEpochS = 10 ** (-6 + 7 * rng());
      const dtS = 10 ** (-7 + 6 * rng());
      const rttS = 10 ** (-5 + 3 * rng());
      const ackPps = 10 ** (3 + 4 * rng());
      const w = w0 + 50 * rng();
      t.wMax[0] = wMax;
      t.w0[0] = w0;
      t.cwnd[0] = w;
      t.epochS[0] = epochS;
      t.lastS[0] = epochS + sinceEpochS;
      t.boundPps[0] = ackPps;
      // Another flow's window read at another round trip in between (a shared cache of RTT³ would be stale).
      other.windowAt(1, 1, 2 * rttS);
      const atS = t.lastS[0] + dtS;
      const expected = Math.min(cubicAckClocked(wMax, w0, cubicK(wMax, w0), w, t.lastS[0] - epochS, atS - t.lastS[0], rttS, ackPps), 5000);
      expect(t.windowAt(0, atS, rttS)).toBe(expected);
      if (expected > w + (ackPps * dtS) / 20 && expected < w + (ackPps * dtS) / 2) curveDecided++;
    }
    // Both ways were taken: the curve decided some windows, the floor or the cap the others.
    expect(curveDecided).toBeGreaterThan(100);
    expect(curveDecided).toBeLessThan(3900);
  });
});

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
  t.setOptions(t.take(flow), i);
  return t;
}

/** One Cubic flow (MSS 1,000 B, no window limit) in avoidance: W_max 100, w0 70, cwnd 75, epoch at 2 s, last update at 2.5 s. */
function cubicInAvoidance(): TcpFlowTable {
  const t = table({ cc: "cubic", mssBytes: 1000, windowBytes: 1e9 });
  const s = t.slotOf[0];
  t.wMax[s] = 100;
  t.w0[s] = 70;
  t.cwnd[s] = 75;
  t.epochS[s] = 2;
  t.lastS[s] = 2.5;
  return t;
}

describe("TcpFlowTable", () => {
  it("keeps each flow's packet bytes, window in segments and congestion control", () => {
    const t = table({ cc: "newreno", mssBytes: 1448, headerBytes: 54, windowBytes: 1448 * 100 }, 5000);
    expect(t.cap).toBeGreaterThan(5000);
    expect(t.packetBytes[t.slotOf[5000]]).toBe(1502);
    expect(t.windowSegs[t.slotOf[5000]]).toBe(100);
    expect(t.cc[t.slotOf[5000]]).toBe(TcpCc.NewReno);
    expect(t.timer[t.slotOf[5000]]).toBe(-1);
    expect(t.port[t.slotOf[5000]]).toBe(-1);
  });

  it("reserve makes room for n flows at once, keeping every flow's state and slot; the flows past it have none", () => {
    const t = table({ cc: "newreno" }, 7);
    const s = t.slotOf[7];
    t.cwnd[s] = 12.5;
    t.timer[s] = 3;
    t.handshakeS[7] = 0.25;
    t.reserve(20_000);
    expect(t.cap).toBe(20_000);
    expect(t.slotOf[7]).toBe(s);
    expect(t.cwnd[s]).toBe(12.5);
    expect(t.timer[s]).toBe(3);
    expect(t.cc[s]).toBe(TcpCc.NewReno);
    expect(t.handshakeS[7]).toBe(0.25);
    expect(t.slotOf[19_999]).toBe(-1);
    // Less than the room it has: kept as it is.
    t.reserve(5);
    expect(t.cap).toBe(20_000);
  });

  it("a slot freed by a done flow goes to the next flow, without the done flow's recovery state; the done flow keeps its per-flow rows", () => {
    const t = table({ cc: "cubic" }, 0);
    t.reserve(2);
    const s = t.slotOf[0];
    t.queueingS[0] = 0.5;
    t.catchUp[s] = 3;
    t.lostInRecovery[s] = 2;
    t.inCatchUp[s] = 1;
    t.retxUntilS[s] = 9;
    t.wMax[s] = 100;
    t.w0[s] = 70;
    t.cwnd[s] = 75;
    t.lastS[s] = 2.5;
    t.epochS[s] = 2;
    // Its K for W_max 100 and w0 70 is kept in the slot.
    t.windowAt(s, 3, 0.02);
    t.free(0);
    expect(t.slotOf[0]).toBe(-1);
    expect(t.queueingS[0]).toBe(0.5);
    expect(t.take(1)).toBe(s);
    expect([t.catchUp[s], t.lostInRecovery[s], t.inCatchUp[s], t.retxUntilS[s]]).toEqual([0, 0, 0, 0]);
    // The new flow's window law takes K for its own W_max and w0, not the last flow's.
    t.wMax[s] = 90;
    t.w0[s] = 60;
    t.cwnd[s] = 61;
    t.lastS[s] = 2.5;
    t.epochS[s] = 2;
    expect(t.windowAt(s, 3, 0.02)).toBe(cubicAdvance(90, 60, 61, 0.5, 0.5, 0.02));
  });

  it("Cubic keeps its window where no round trip ends (a link of the route down: RTT ∞), before and after a loss, clocked by ACKs or not", () => {
    // Each law's (t + RTT)³ − RTT³ is ∞ − ∞ there: the window was NaN and the flow's rate cap
    // with it (a run with a link failure under cubic ended in an internal error).
    for (const [wMax, boundPps] of [[100, 0], [100, 5000], [0, 0], [0, 5000]]) {
      const t = cubicInAvoidance();
      const s = t.slotOf[0];
      t.wMax[s] = wMax;
      t.boundPps[s] = boundPps;
      expect(t.windowAt(s, 3, Infinity)).toBe(75);
    }
  });

  it("hands out as many live slots as flows are live at once, growing them as needed", () => {
    const t = table({ cc: "newreno" }, 0);
    t.reserve(1000);
    for (let f = 1; f < 1000; f++) t.take(f);
    const slots = new Set(Array.from(t.slotOf));
    expect(slots.size).toBe(1000);
    expect(Math.min(...slots)).toBe(0);
    // Room for them by doubling from 64: 1,024 slots.
    expect(Math.max(...slots)).toBeLessThan(1024);
    // Freed, a slot is the next one taken.
    const s = t.slotOf[500];
    t.free(500);
    t.reserve(1001);
    expect(t.take(1000)).toBe(s);
  });

  it("NewReno grows 1/delayedAck segment per RTT, DCTCP one, both capped at the window", () => {
    const reno = table({ cc: "newreno", delayedAck: 2, mssBytes: 1000, windowBytes: 1000 * 50 });
    const r = reno.slotOf[0];
    reno.cwnd[r] = 20;
    reno.lastS[r] = 1;
    expect(reno.windowAt(r, 1 + 4 * 0.01, 0.01)).toBeCloseTo(22, 12);
    expect(reno.windowAt(r, 1 + 1000 * 0.01, 0.01)).toBe(50);
    const dctcp = table({ cc: "dctcp", mssBytes: 1000, windowBytes: 1000 * 50 });
    const d = dctcp.slotOf[0];
    dctcp.cwnd[d] = 20;
    dctcp.lastS[d] = 1;
    expect(dctcp.windowAt(d, 1 + 4 * 0.01, 0.01)).toBeCloseTo(24, 12);
  });

  it("Cubic follows cubicAdvance from its epoch", () => {
    const t = cubicInAvoidance();
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBe(cubicAdvance(100, 70, 75, 0.5, 0.5, 0.02));
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBeGreaterThan(75);
  });

  it("Cubic's K follows a new W_max or epoch (it is kept per flow, not taken again at every window)", () => {
    const t = cubicInAvoidance();
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBe(cubicAdvance(100, 70, 75, 0.5, 0.5, 0.02));
    // A loss: a new W_max and a new epoch from the cut window.
    t.wMax[t.slotOf[0]] = 80;
    t.w0[t.slotOf[0]] = 56;
    t.cwnd[t.slotOf[0]] = 56;
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBe(cubicAdvance(80, 56, 56, 0.5, 0.5, 0.02));
    t.w0[t.slotOf[0]] = 60;
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBe(cubicAdvance(80, 60, 56, 0.5, 0.5, 0.02));
    // No loss seen (HyStart's epoch): no K at all.
    t.wMax[t.slotOf[0]] = 0;
    expect(t.windowAt(t.slotOf[0], 3, 0.02)).toBe(cubicAdvance(0, 60, 56, 0.5, 0.5, 0.02));
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
      t.wMax[t.slotOf[0]] = wMax;
      t.w0[t.slotOf[0]] = w0;
      t.cwnd[t.slotOf[0]] = w;
      t.epochS[t.slotOf[0]] = epochS;
      t.lastS[t.slotOf[0]] = epochS + sinceEpochS;
      t.boundPps[t.slotOf[0]] = ackPps;
      // Another flow's window read at another round trip in between (a shared cache of RTT³ would be stale).
      other.windowAt(1, 1, 2 * rttS);
      const atS = t.lastS[t.slotOf[0]] + dtS;
      const expected = Math.min(cubicAckClocked(wMax, w0, cubicK(wMax, w0), w, t.lastS[t.slotOf[0]] - epochS, atS - t.lastS[t.slotOf[0]], rttS, ackPps), 5000);
      expect(t.windowAt(t.slotOf[0], atS, rttS)).toBe(expected);
      if (expected > w + (ackPps * dtS) / 20 && expected < w + (ackPps * dtS) / 2) curveDecided++;
    }
    // Both ways were taken: the curve decided some windows, the floor or the cap the others.
    expect(curveDecided).toBeGreaterThan(100);
    expect(curveDecided).toBeLessThan(3900);
  });
});

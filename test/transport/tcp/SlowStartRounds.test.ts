// SlowStartRounds (through TcpFlows on one link): the window doubles per round trip from the initial window, the round that covers what is left sends it all, a message within the initial window is one flight.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";

const MSS = 1448;
const P = MSS + H; // 1,502 B on the wire per full segment
const C = 1.25e8; // 1 Gb/s, bytes/s
const L = 1e-3; // one-way latency, s

/**
 * a —1 Gb/s, 1 ms, 1,000-packet buffer— b; one NewReno transfer (an ACK per segment: ×2 per
 * round trip) of `segments` full segments, no handshake unless `handshake`. Records every rate
 * cap TcpFlows sets on the flow (the window's: w·P/RTT in slow start, lifted for the last flight).
 */
function oneFlow(segments: number, handshake: "none" | "tcp" = "none") {
  const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: C, latencyS: L }]);
  const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, headerBytes: H, handshake, windowBytes: 1e9 });
  const caps: Array<{ atS: number; bps: number }> = [];
  const setFlowCap = n.network.setFlowCap.bind(n.network);
  n.network.setFlowCap = (f, bps) => {
    caps.push({ atS: n.sim.nowS, bps });
    setFlowCap(f, bps);
  };
  let result: TransferResult | undefined;
  ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: segments * MSS }, (r) => (result = r));
  n.sim.run();
  // Base RTT: the latency both ways, a packet out and an ACK back serialised at the link.
  const rtt = 2 * L + (P + H) / C;
  // First byte at b: one-way latency (one hop: no store-and-forward before the drain).
  return { caps, fct: result!.finishS - result!.startS, rtt, activation: L };
}

describe("SlowStartRounds: one slow-start round per RTT", () => {
  it("a lone flow's window doubles each round from the initial window, 10 → 20 → 40 segments, and the round whose window covers what is left lifts the cap", () => {
    // 100 segments, IW 10, pipe = C·RTT/P ≈ 166 packets (never bound): the rounds send 10, 20,
    // 40 (70 sent, 30 left); the fourth round's window, 80, covers the 30 left and sends them at
    // line rate. FCT = 3 RTT + 30·P/C after the first byte.
    const f = oneFlow(100);
    // The caps from the first flight on (the start sets the initial window's before it): one per round, an RTT apart.
    const rounds = f.caps.filter((c) => c.atS >= f.activation);
    expect(rounds.map((c) => (c.bps * f.rtt) / P)).toEqual([expect.closeTo(10, 9), expect.closeTo(20, 9), expect.closeTo(40, 9), Infinity]);
    rounds.forEach((c, k) => expect(c.atS).toBeCloseTo(f.activation + k * f.rtt, 12));
    expect(f.fct).toBeCloseTo(f.activation + 3 * f.rtt + (30 * P) / C, 12);
  });

  it("a message within the initial window goes out in the first flight: one RTT of handshake plus one-way latency plus its serialisation", () => {
    // 8 segments ≤ IW 10 over a TCP handshake (header-only segments both ways): 2L + 2H/C, then L + 8·P/C.
    const f = oneFlow(8, "tcp");
    expect(f.fct).toBeCloseTo(2 * L + (2 * H) / C + L + (8 * P) / C, 12);
  });
});

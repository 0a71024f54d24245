// WindowCaps (through TcpFlows): a window-limited flow in avoidance is capped at its step's window over its RTT now — a queue on its route (out or back) lowers the cap between two steps, and its draining raises it back.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";

const MSS = 1448;
const P = MSS + H; // 1,502 B on the wire per full segment
const C1 = 1.25e9; // a — s: 10 Gb/s, bytes/s
const C2 = 1.25e8; // s — b: 1 Gb/s, bytes/s
const L1 = 1e-6;
const L2 = 1e-3;
const K = 1.25e6; // a — s marks at K: an rdma flow bound there holds its queue at K (QueueModel)
// x's base RTT (routeTiming.baseRttS): twice the latency, a packet out and an ACK back serialised at both channels.
const BASE = 2 * (L1 + L2) + (P + H) * (1 / C1 + 1 / C2);
// The queue an rdma flow keeps at a — s while bound there, as delay: K / C1 = 1 ms.
const D = K / C1;

/**
 * a —10 Gb/s, 1 µs, K = 1.25 MB— s —1 Gb/s, 1 ms, 20 packets— b. x: a NewReno transfer a → b of
 * 40,000 segments (an ACK per segment, no handshake): slow start ends with a loss, and after its
 * fast recovery its window (~40 packets) is below the pipe (C2 · BASE / P ≈ 168): window-limited,
 * its steps (w/4 RTTs each, AvoidanceSteps.test) at 19.8, 33.5, 50.7 and 80.7 ms. y: an rdma
 * transfer from 40 to 60 ms at 10 Gb/s on a — s, back (s → a: x's ACKs cross it) or out (a → s:
 * x's packets do), 20 ms long unless `yDurationS` says; bound there, it holds a queue of K (delay D) the whole time. Returns x's cap in
 * force at `sampleS`, x's rate at each, and y's finish.
 */
function run(way: "back" | "out", sampleS: number[], yDurationS = 0.02) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: C1, latencyS: L1, bufferBytes: 2 * K, ecnThresholdBytes: K },
    { from: "s", to: "b", bandwidthBps: C2, latencyS: L2, bufferBytes: 20 * P },
  ]);
  const x = n.context.forWorkload("x", { ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, headerBytes: H, handshake: "none", windowBytes: 1e9 });
  const y = n.context.forWorkload("y", { model: "rdma" });
  let flow = -1;
  let yDoneS = NaN;
  const caps: number[] = [];
  const rates: number[] = [];
  for (const atS of sampleS)
    n.sim.at(atS, () => {
      caps.push(n.network.capOf(flow));
      rates.push(n.network.rateOf(flow));
    });
  const [from, to] = way === "back" ? ["s", "a"] : ["a", "s"];
  n.sim.at(0.04, () => y.startTransfer({ id: "y", src: from, dst: to, sizeBytes: yDurationS * C1 }, (r) => (yDoneS = r.finishS)));
  flow = x.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 40_000 * MSS }, () => {});
  n.sim.run();
  return { caps, rates, yDoneS };
}

describe.each(["back", "out"] as const)("WindowCaps: a window-limited flow's cap follows the queue on its way %s", (way) => {
  it("a queue builds between two steps: the cap falls to the same window over the longer RTT", () => {
    // At 35 ms the cap is the 33.5 ms step's window w over BASE (no queue anywhere); from 40 ms y
    // holds D at a — s, so at 45 ms (no step between) it is w over BASE + D: the cap × BASE / (BASE + D).
    const { caps, rates } = run(way, [0.035, 0.045]);
    expect(caps[1]).toBeCloseTo((caps[0] * BASE) / (BASE + D), 6);
    // x is window-limited: it drains at its cap.
    expect(rates[1]).toBeCloseTo(caps[1], 6);
  });

  it("the queue drains before the next step: the cap is the last step's window over the base RTT at once", () => {
    // The 50.7 ms step caps x at its window w over BASE + D (y still there); y leaves at 60 ms
    // (plus its latency), and at 65 ms (the next step is at 80.7 ms) x is at w over BASE: the
    // 55 ms cap × (BASE + D) / BASE — 1.5 times it, where it stayed at the stale cap before.
    const { caps, rates, yDoneS } = run(way, [0.055, 0.065]);
    expect(yDoneS).toBeGreaterThan(0.06);
    expect(yDoneS).toBeLessThan(0.065);
    expect(caps[1]).toBeCloseTo((caps[0] * (BASE + D)) / BASE, 6);
    expect(rates[1]).toBeCloseTo(caps[1], 6);
    // The window (segments) behind it is below the pipe: the flow is still its window's.
    expect((caps[1] * BASE) / P).toBeLessThan((C2 * BASE) / P);
  });

  it("a queue that builds and drains within a round trip: the cap follows it once, and comes back a round trip after it was set", () => {
    // y holds D from 40 ms for 0.5 ms only. At 40 ms x is capped at w over BASE + D (its cap was
    // last set at the 33.5 ms step, more than a round trip before), not again until one round
    // trip through that queue later, at 40 + BASE + D ms (~43.0): at 42 ms the cap is still
    // w over BASE + D although the queue is gone, and at 44 ms it is w over BASE again.
    const { caps, yDoneS } = run(way, [0.035, 0.0403, 0.042, 0.044], 0.0005);
    expect(yDoneS).toBeLessThan(0.041);
    expect(caps[1]).toBeCloseTo((caps[0] * BASE) / (BASE + D), 6);
    expect(caps[2]).toBe(caps[1]);
    expect(0.04 + BASE + D).toBeLessThan(0.044);
    expect(caps[3]).toBeCloseTo(caps[0], 6);
  });
});

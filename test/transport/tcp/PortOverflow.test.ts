// PortOverflow: the FIFO's verdict at a port the judge found overflowing — each burst's drops and marks, and the port's drop-tail record.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { type Burst, type BurstVerdicts, newBurst, newVerdicts } from "../../../src/transport/tcp/Burst.js";
import { PortArrivals } from "../../../src/transport/tcp/PortArrivals.js";
import { PortOverflow } from "../../../src/transport/tcp/PortOverflow.js";
import { transportNetwork } from "../transportModels.js";

const P = 1500;

/** a —10 Gb/s— s —1 Gb/s— b, the port s → b (channel 2) holding `bufferPackets`; one flow a → b and its burst of `packets` at 10 Gb/s. */
function setup(packets: number, bufferPackets: number, ecn: boolean) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P },
  ]);
  const f = n.network.startFlow({ nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 }, 1e9);
  const b: Burst = newBurst();
  Object.assign(b, { flow: f, packets, durationS: (packets * P) / 1.25e9, standing: 0, prevBytes: 0, packetBytes: P, ecn, atS: 0, offsetS: 0, share: 0, fullShare: 0, marked: 0 });
  const v: BurstVerdicts = newVerdicts();
  v.bursts.push(b);
  const at = new PortArrivals();
  Object.assign(at, { r: 2, arrivals: packets, bytes: packets * P, packet: P, longest: b.durationS, clocked: 0, ecnAll: ecn, capacity: 1.25e8, saturated: false, drainBps: 1.25e8, standing: 0, buffer: bufferPackets, offsetMaxS: 0 });
  return { overflow: new PortOverflow(n.network, n.topology.channelCount, randomStream(1, "test")), b, v, at };
}

describe("PortOverflow", () => {
  it("a lone drop-tail burst: 100 over 120 µs, 10 drained, 20 held — 70 dropped, and the port's record says 0.7 of its arrivals over the train", () => {
    const { overflow, b, v, at } = setup(100, 20, false);
    at.k = 0;
    overflow.judge(at, [b], v.judged, v);
    expect(v.judged).toEqual([b]);
    expect(b.share).toBeCloseTo(0.7, 9);
    expect(b.port).toBe(2);
    expect(b.marked).toBe(0);
    expect(v.dropTailPorts).toEqual([2]);
    expect(v.dropTailShares[0]).toBeCloseTo(0.7, 9);
    expect(v.dropTailSpansS[0]).toBeCloseTo(120e-6, 15);
    // Not saturated: no overflow of a port that binds flows.
    expect(v.overflowPorts).toHaveLength(0);
  });

  it("a DCTCP burst past K but within the buffer is marked there, nothing dropped, no drop-tail record", () => {
    const { overflow, b, v, at } = setup(30, 100, true);
    at.k = 5;
    overflow.judge(at, [b], v.judged, v);
    expect(v.judged).toEqual([b]);
    expect(b.share).toBe(0);
    expect(b.marked).toBeGreaterThan(0);
    expect(b.marked).toBeLessThanOrEqual(30);
    expect(b.markPort).toBe(2);
    expect(v.dropTailPorts).toHaveLength(0);
  });
});

// QueueModel: a port's queue from its bound flows — none without flows, a lossless fabric's at K, loss-based windows' as reported (capped by the buffer), DCTCP's sawtooth over N, P and K, and a constant queue kept when it did not change.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { AckLoad } from "../../../src/net/queues/AckLoad.js";
import { BoundFlows } from "../../../src/net/queues/BoundFlows.js";
import { dctcpAlpha, dctcpSawtoothAt } from "../../../src/net/queues/dctcpSawtooth.js";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { DirtyResources } from "../../../src/net/queues/DirtyResources.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { QueueModel } from "../../../src/net/queues/QueueModel.js";
import { NO_QUEUE } from "../../../src/net/queues/Sawtooth.js";
import type { Topology } from "../../../src/net/Topology.js";

/** Two ports of 1.25e9 B/s and 150,000 B of buffer: 0 does not mark, 1 marks at K = 30,000 B (20 packets of 1,500 B). */
function setup() {
  const network = { capacityOf: () => 1.25e9 } as unknown as FlowNetwork;
  const topology = { resourceCount: 2, channelCount: 2 } as Topology;
  const settings = { bufferBytes: Float64Array.of(150_000, 150_000), ecnThresholdBytes: Float64Array.of(0, 30_000) };
  const bound = new BoundFlows(2);
  const acks = new AckLoad(network, topology, settings, bound, new DirtyResources(2));
  return { model: new QueueModel(2, network, settings, bound, acks), bound };
}

describe("QueueModel", () => {
  it("no flow bound: no queue", () => {
    const { model } = setup();
    expect(model.sawtoothAt(0, NO_QUEUE)).toBe(NO_QUEUE);
    expect(model.steadyAlpha(1)).toBeNaN();
  });

  it("loss-based flows at a drop-tail port: the queue their transport reports, at most the buffer, the current object while it is the same", () => {
    const { model, bound } = setup();
    bound.add(0, QueueClass.NewReno, 10e-6, 1500, 1, Infinity);
    expect(model.setReported(0, 45_000)).toBe(true);
    expect(model.setReported(0, 45_000)).toBe(false);
    const q = model.sawtoothAt(0, NO_QUEUE);
    expect([...q.samples, q.meanBytes, q.maxBytes, q.markFraction]).toEqual([45_000, 45_000, 45_000, 0]);
    expect(model.sawtoothAt(0, q)).toBe(q);
    model.setReported(0, 1e9);
    expect(model.sawtoothAt(0, q).meanBytes).toBe(150_000);
  });

  it("mostly lossless flows hold the port at its marking threshold", () => {
    const { model, bound } = setup();
    bound.add(1, QueueClass.Lossless, 10e-6, 1000, 1, Infinity);
    bound.add(1, QueueClass.Lossless, 10e-6, 1000, 1, Infinity);
    bound.add(1, QueueClass.Dctcp, 10e-6, 1500, 1, Infinity);
    expect(model.sawtoothAt(1, NO_QUEUE).meanBytes).toBe(30_000);
  });

  it("DCTCP flows at a marking port: dctcpSawtooth over N, P = C × mean RTT and K, cut by their own mean α against the settled α, marking the settled α", () => {
    const { model, bound } = setup();
    bound.add(1, QueueClass.Dctcp, 12e-6, 1500, 1, Infinity);
    bound.add(1, QueueClass.Dctcp, 36e-6, 1500, 0.5, Infinity);
    // P = 1.25e9 × 24 µs ÷ 1,500 = 20 packets, K = 20, N = 2: W* = 20. The flows' mean α 0.75
    // swings the queue as eq. 7's α* × 0.75 / settled α (1 at most); the port marks the settled α.
    const settled = dctcpSettledAlpha(20);
    const expected = dctcpSawtoothAt(2, 20, settled, 20, 100, 1500, Math.min(1, (0.75 * dctcpAlpha(20)) / settled));
    const s = model.sawtoothAt(1, NO_QUEUE);
    expect(Array.from(s.samples)).toEqual(Array.from(expected.samples));
    expect(s.markFraction).toBe(expected.markFraction);
    expect(model.steadyAlpha(1)).toBe(settled);
    expect(settled).toBeLessThan(dctcpAlpha(20));
  });
});

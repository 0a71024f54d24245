// AckLoad: a flow's ACKs arrive at the reverse channel of each channel on its route, lower a marking port's threshold to K ÷ (1 + x), and re-judge a marking port that binds flows only once they moved by more than 1 % of an ACK per data packet served.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { AckLoad } from "../../../src/net/queues/AckLoad.js";
import { BoundFlows } from "../../../src/net/queues/BoundFlows.js";
import { DirtyResources } from "../../../src/net/queues/DirtyResources.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import type { Topology } from "../../../src/net/Topology.js";

/** Channels 0–3 (links 0–1 and 2–3) and a node capacity (resource 4), 1.25e9 B/s each; flow 0's data crosses channels 0 and 2 and the node. */
function setup(ecnThresholdBytes: number[]) {
  const capacityBps = 1.25e9;
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2, 4), latencyS: 2e-6 };
  const network = { routeOf: () => route, capacityOf: () => capacityBps } as unknown as FlowNetwork;
  const topology = { resourceCount: 5, channelCount: 4 } as Topology;
  const settings = { bufferBytes: new Float64Array(5).fill(1e6), ecnThresholdBytes: Float64Array.from(ecnThresholdBytes) };
  const bound = new BoundFlows(5);
  const dirty = new DirtyResources(5);
  const acks = new AckLoad(network, topology, settings, bound, dirty);
  acks.growFlows(4);
  return { acks, bound, dirty, capacityBps };
}

describe("AckLoad", () => {
  it("K ÷ packet with no ACKs, K ÷ packet ÷ (1 + ackRate × packet ÷ C) at the reverse channels of the route once the flow drains", () => {
    const { acks, capacityBps } = setup([0, 97_500, 0, 97_500, 0]);
    acks.register(0, 0.5);
    expect(acks.markingThresholdPackets(1, 1500)).toBe(65);
    // 1.25e9 B/s of 1,500 B packets, one ACK per two: 416,666.7 ACKs/s at channels 1 and 3, x = 0.5.
    acks.move(0, capacityBps, 1500);
    expect(acks.markingThresholdPackets(1, 1500)).toBeCloseTo(65 / 1.5, 12);
    expect(acks.markingThresholdPackets(3, 1500)).toBeCloseTo(65 / 1.5, 12);
    // The channels the data crosses carry none of its ACKs; a port that does not mark has no threshold.
    expect(acks.markingThresholdPackets(0, 1500)).toBe(0);
    // Stopping takes them all back off.
    acks.move(0, 0, 1500);
    expect(acks.markingThresholdPackets(1, 1500)).toBe(65);
  });

  it("counts nothing where no port marks, or for a flow registered with no ACKs", () => {
    const none = setup([0, 0, 0, 0, 0]);
    none.acks.register(0, 1);
    none.bound.add(1, QueueClass.Dctcp, 1e-5, 1500, 1, Infinity);
    none.acks.move(0, none.capacityBps, 1500);
    expect(none.dirty.count).toBe(0);
    const silent = setup([0, 97_500, 0, 97_500, 0]);
    silent.acks.register(0, 0);
    silent.acks.move(0, silent.capacityBps, 1500);
    expect(silent.acks.markingThresholdPackets(1, 1500)).toBe(65);
  });

  it("marks a marking port that binds flows dirty once its ACKs moved by more than 1 % of an ACK per data packet since its queue last used them", () => {
    const { acks, bound, dirty, capacityBps } = setup([0, 97_500, 0, 97_500, 0]);
    acks.register(0, 1);
    // Channel 1 binds a flow; channel 3 binds none (no queue to judge again).
    bound.add(1, QueueClass.Dctcp, 1e-5, 1500, 1, Infinity);
    // 0.5 % of C in ACKs per data packet: not enough.
    acks.move(0, 0.005 * capacityBps, 1500);
    expect(dirty.count).toBe(0);
    // 2 %: channel 1 (only) is judged again.
    acks.move(0, 0.02 * capacityBps, 1500);
    expect(dirty.count).toBe(1);
    expect(dirty.take(0)).toBe(1);
    dirty.clear();
    // Once its queue took the ACKs of now, a move of 0.5 % again is not enough.
    acks.used(1);
    acks.move(0, 0.025 * capacityBps, 1500);
    expect(dirty.count).toBe(0);
  });
});

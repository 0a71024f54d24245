// Topology.channelBetween: the channel from one node to another, -1 without a link, of parallel links the last listed; checked against the channel lists for a hub of many links and switches of few.
import { describe, expect, it } from "vitest";
import { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

/** The channel from `a` to `b` as the topology's channel lists say: the highest-numbered one, or -1. */
function lastChannel(t: { channelFrom: Int32Array; channelTo: Int32Array }, a: number, b: number): number {
  let found = -1;
  for (let ch = 0; ch < t.channelFrom.length; ch++) if (t.channelFrom[ch] === a && t.channelTo[ch] === b) found = ch;
  return found;
}

describe("Topology.channelBetween", () => {
  it("gives each direction its own channel, -1 between nodes without a link, and the last listed of parallel links", () => {
    // The builder refuses a second link between two nodes; the constructor keeps what it is given.
    const link = (from: number, to: number) => ({ from, to, bandwidthBps: 1e9, latencyS: 1e-6 });
    const t = new Topology({ nodeIds: ["a", "b", "c"], nodeKinds: ["host", "switch", "host"], nodeCapacityBps: [], links: [link(0, 1), link(1, 2), link(1, 0)] });
    // Link 0 is channels 0 (a→b) and 1 (b→a); link 2, listed last, is channels 4 (b→a) and 5 (a→b).
    expect(t.channelBetween(0, 1)).toBe(5);
    expect(t.channelBetween(1, 0)).toBe(4);
    expect(t.channelBetween(1, 2)).toBe(2);
    expect(t.channelBetween(2, 1)).toBe(3);
    expect(t.channelBetween(0, 2)).toBe(-1);
    expect(t.channelBetween(0, 0)).toBe(-1);
  });

  it("answers as the channel lists say for every pair of nodes, a hub of 80 links and a switch of 10 among them", () => {
    const b = new TopologyBuilder();
    const hosts = 80;
    b.addNode({ id: "hub" });
    b.addNode({ id: "edge" });
    for (let i = 0; i < hosts; i++) b.addNode({ id: `h${i}` });
    // Every host to the hub (every fifth listed from the hub's side); the first ten to the edge switch too.
    for (let i = 0; i < hosts; i++) {
      if (i % 5 === 0) b.addLink({ from: "hub", to: `h${i}`, bandwidthBps: 1e9, latencyS: 1e-6 });
      else b.addLink({ from: `h${i}`, to: "hub", bandwidthBps: 1e9, latencyS: 1e-6 });
      if (i < 10) b.addLink({ from: "edge", to: `h${i}`, bandwidthBps: 1e9, latencyS: 1e-6 });
    }
    const t = b.build();
    expect(t.outStart[t.nodeIndex.get("hub")! + 1] - t.outStart[t.nodeIndex.get("hub")!]).toBe(hosts);
    for (let x = 0; x < t.nodeCount; x++) {
      for (let y = 0; y < t.nodeCount; y++) expect(t.channelBetween(x, y)).toBe(lastChannel(t, x, y));
    }
  });
});

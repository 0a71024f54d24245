// RouteStore: a route's resources in the order channels, node capacities, source read, destination write; its latency from the router's view; one Route per node sequence through shared, until forget.
import { describe, expect, it } from "vitest";
import { RouteStore } from "../../src/net/RouteStore.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

/** src (read 1 GB/s) — sw (through 5 GB/s) — dst (write 2 GB/s), 1 µs and 2 µs, and a second link src—dst. */
function line() {
  const b = new TopologyBuilder();
  b.addNode({ id: "src", readBps: 1e9 });
  b.addNode({ id: "sw", capacityBps: 5e9 });
  b.addNode({ id: "dst", writeBps: 2e9 });
  b.addLink({ from: "src", to: "sw", bandwidthBps: 1e9, latencyS: 1e-6 });
  b.addLink({ from: "sw", to: "dst", bandwidthBps: 1e9, latencyS: 2e-6 });
  b.addLink({ from: "src", to: "dst", bandwidthBps: 1e9, latencyS: 7e-6 });
  return b.build();
}

describe("RouteStore", () => {
  it("make lists the channels, then each node's through capacity, then the source's read and the destination's write resource", () => {
    const t = line();
    const latencyS = Float64Array.from(t.channelLatencyS);
    const store = new RouteStore(t, latencyS);
    const [src, sw, dst] = ["src", "sw", "dst"].map((id) => t.nodeIndex.get(id)!);
    const channels = [t.channelBetween(src, sw), t.channelBetween(sw, dst)];
    const route = store.make([src, sw, dst], channels);
    expect(Array.from(route.nodes)).toEqual([src, sw, dst]);
    expect(Array.from(route.resources)).toEqual([...channels, t.nodeCapacityResource[sw], t.nodeReadResource[src], t.nodeWriteResource[dst]]);
    expect(route.latencyS).toBeCloseTo(3e-6, 15);
    // The latency is the router's view at the time the route is made.
    latencyS[channels[1]] = 4e-6;
    expect(store.make([src, sw, dst], channels).latencyS).toBeCloseTo(5e-6, 15);
  });

  it("shared gives one Route per node sequence (the caller's arrays not kept), a new one after forget", () => {
    const t = line();
    const store = new RouteStore(t, Float64Array.from(t.channelLatencyS));
    const [src, sw, dst] = ["src", "sw", "dst"].map((id) => t.nodeIndex.get(id)!);
    const nodes = [src, sw, dst];
    const channels = [t.channelBetween(src, sw), t.channelBetween(sw, dst)];
    const first = store.shared(nodes, channels);
    nodes.length = channels.length = 0;
    nodes.push(src, sw, dst);
    channels.push(t.channelBetween(src, sw), t.channelBetween(sw, dst));
    expect(store.shared(nodes, channels)).toBe(first);
    const direct = store.shared([src, dst], [t.channelBetween(src, dst)]);
    expect(direct).not.toBe(first);
    expect(direct.latencyS).toBe(7e-6);
    // make never shares.
    expect(store.make([src, sw, dst], channels)).not.toBe(first);
    store.forget();
    const again = store.shared([src, sw, dst], channels);
    expect(again).not.toBe(first);
    expect(Array.from(again.resources)).toEqual(Array.from(first.resources));
  });
});

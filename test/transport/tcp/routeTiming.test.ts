// routeTiming: base RTT, store-and-forward and slowest channel of a route, against the closed forms.
import { describe, expect, it } from "vitest";
import { baseRttS, slowestChannelBps, storeAndForwardS } from "../../../src/transport/tcp/routeTiming.js";
import { transportNetwork } from "../transportModels.js";

describe("routeTiming", () => {
  // a —10 Gb/s, 1 µs— s —1 Gb/s, 2 µs— b: channels 0 (a→s) and 2 (s→b).
  const { network, topology } = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 2e-6 },
  ]);
  const res = Int32Array.of(0, 2);
  const ch = topology.channelCount;

  it("base RTT: twice the latency plus a packet out and an ACK back at every channel", () => {
    expect(baseRttS(network, ch, res, 3e-6, 1500, 54)).toBeCloseTo(6e-6 + 1554 / 1.25e9 + 1554 / 1.25e8, 15);
  });

  it("store-and-forward: the packet's serialisation at every channel but the slowest", () => {
    expect(storeAndForwardS(network, ch, res, 1500)).toBeCloseTo(1500 / 1.25e9, 15);
  });

  it("a channel that is down (capacity 0) adds no serialisation to either", () => {
    const t = transportNetwork(["a", "s", "b"], [
      { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 2e-6 },
    ]);
    t.network.setCapacity(2, 0);
    expect(baseRttS(t.network, ch, res, 3e-6, 1500, 54)).toBeCloseTo(6e-6 + 1554 / 1.25e9, 15);
    // The one channel left is the slowest: its serialisation is in the drain.
    expect(storeAndForwardS(t.network, ch, res, 1500)).toBe(0);
  });

  it("slowest channel: the least capacity on the route, node capacities left out", () => {
    expect(slowestChannelBps(network, ch, res)).toBe(1.25e8);
    expect(slowestChannelBps(network, ch, Int32Array.of())).toBe(Infinity);
  });
});

// A maxmin-rtt or rdma flow moved to another route by a link failure: it takes the new route's RTT (as a weight, in the queues).
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { failingNetwork } from "../transportModels.js";

const C = 1.25e9; // 10 Gb/s

/**
 * Path A a —10 µs— s1 —10 µs— b (L = 20 µs) and path B a —100 µs— s2 —100 µs— b (L = 200 µs);
 * c reaches b only through s2 (c —300 µs— s2), every channel 10 Gb/s, latency routing.
 */
const twoPathsAndC = (options: { dctcp?: boolean } = {}) =>
  failingNetwork(
    ["a", "b", "c", "s1", "s2"],
    [
      { from: "a", to: "s1", bandwidthBps: C, latencyS: 10e-6 },
      { from: "s1", to: "b", bandwidthBps: C, latencyS: 10e-6 },
      { from: "a", to: "s2", bandwidthBps: C, latencyS: 100e-6 },
      { from: "s2", to: "b", bandwidthBps: C, latencyS: 100e-6 },
      { from: "c", to: "s2", bandwidthBps: C, latencyS: 300e-6 },
    ],
    options,
  );

describe("maxmin-rtt: a rerouted flow is weighed by its new route's RTT", () => {
  it("shares the new bottleneck in inverse ratio of the two flows' RTTs there", () => {
    // x: a → b on A (RTT 40 µs) until s1–b fails at 10 ms, then on B (RTT 400 µs), where it
    // meets y: c → b (RTT 2 · 400 µs = 800 µs) on s2→b. Weights 1/RTT: x 1/400 µs, y 1/800 µs,
    // so x takes 2/3 of s2→b and y 1/3. Kept at its first route's weight (1/40 µs), x would
    // take 20/21.
    const n = twoPathsAndC();
    const ctx = n.context.forWorkload("w", { model: "maxmin-rtt" });
    const x = ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e9 });
    const y = ctx.startTransfer({ id: "y", src: "c", dst: "b", sizeBytes: 1e9 });
    n.failAt(0.01, "s1", "b");
    const rates: number[][] = [];
    for (const at of [0.005, 0.02]) n.sim.at(at, () => rates.push([n.network.rateOf(x), n.network.rateOf(y)]));
    n.sim.run();
    expect(rates[0]).toEqual([C, C]);
    expect(rates[1][0] / C).toBeCloseTo(2 / 3, 12);
    expect(rates[1][1] / C).toBeCloseTo(1 / 3, 12);
    expect(n.network.weightOf(x)).toBeCloseTo(1 / 400e-6, 6);
  });
});

describe("rdma: a rerouted flow joins the queues with its new route's base RTT", () => {
  it("the marking port it shares with a DCTCP flow keeps the queue it would had the flow started on the new route", () => {
    // x (rdma, a → b) and y (DCTCP, c → b) share s2→b, a marking port (K = 65 packets), at C/2
    // each: one DCTCP and one lossless flow, so the port keeps DCTCP's sawtooth over the pipe
    // of their mean base RTT. In `moved` x starts on A and is rerouted on B at 10 ms; in
    // `direct` A is down from the start, so x starts on B. From then on the two runs have the
    // same flows on the same routes, and the same queue at s2→b.
    const queueAt = (moved: boolean) => {
      const n = twoPathsAndC({ dctcp: true });
      const rdma = n.context.forWorkload("x", { model: "rdma" });
      const dctcp = n.context.forWorkload("y", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", windowBytes: 1e9 });
      if (moved) n.failAt(0.01, "s1", "b");
      else n.failAt(0, "s1", "b");
      n.sim.at(moved ? 0 : 0.01, () => rdma.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e9 }));
      dctcp.startTransfer({ id: "y", src: "c", dst: "b", sizeBytes: 1e9 });
      let bytes = NaN;
      n.sim.at(0.3, () => (bytes = n.queues.queueBytes(n.channel("s2", "b"))));
      n.sim.run();
      return bytes;
    };
    const direct = queueAt(false);
    expect(direct).toBeGreaterThan(0);
    expect(queueAt(true)).toBe(direct);
  });
});

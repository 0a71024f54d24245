// BurstJudge: an instant's bursts judged at the ports they cross — drops beyond drain plus buffer, marks above K, verdicts in flow order.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { BurstJudge } from "../../../src/transport/tcp/BurstJudge.js";
import { transportNetwork } from "../transportModels.js";

const P = 1500;

/**
 * a —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs— b with `bufferPackets` (and optionally K) at s → b
 * (channel 2); `flows` flows started a → b so the judge can read their routes.
 */
function setup(bufferPackets: number, flows: number, kPackets?: number) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P, ecnThresholdBytes: kPackets && kPackets * P },
  ]);
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
  const ids = Array.from({ length: flows }, () => n.network.startFlow(route, 1e9));
  const judge = new BurstJudge(n.network, n.queues, n.topology.channelCount, randomStream(1, "test"));
  return { judge, ids };
}

/** Seconds `packets` take at a → s's 10 Gb/s: a first flight's train. */
const train = (packets: number) => (packets * P) / 1.25e9;

describe("BurstJudge", () => {
  it("a lone burst loses what exceeds the port's drain while it arrives plus its buffer, at that port", () => {
    const { judge, ids } = setup(20, 1);
    // 100 packets over 120 µs; s → b drains 10 of them meanwhile and holds 20: 70 overflow.
    judge.offer(ids[0], 100, train(100), 0, 0, P, false);
    expect(judge.hasPending).toBe(true);
    const { bursts, judged } = judge.judge();
    expect(judge.hasPending).toBe(false);
    expect(bursts).toHaveLength(1);
    expect(judged).toHaveLength(1);
    expect(judged[0].share).toBeCloseTo(0.7, 9);
    expect(judged[0].port).toBe(2);
  });

  it("a burst within drain plus buffer gets no verdict", () => {
    const { judge, ids } = setup(20, 1);
    // 20 packets: 2 drain while they arrive, 18 fit in the buffer of 20.
    judge.offer(ids[0], 20, train(20), 0, 0, P, false);
    const { bursts, judged } = judge.judge();
    expect(bursts).toHaveLength(1);
    expect(judged).toHaveLength(0);
    expect(bursts[0].share).toBe(0);
  });

  it("judges bursts of one instant together and returns the verdicts in flow order", () => {
    const { judge, ids } = setup(20, 2);
    // Alone, each would lose 30 − 3 drained − 20 held = 7 packets; together they lose more.
    judge.offer(ids[1], 30, train(30), 0, 0, P, false);
    judge.offer(ids[0], 30, train(30), 0, 0, P, false);
    const { judged } = judge.judge();
    expect(judged.map((b) => b.flow)).toEqual([ids[0], ids[1]]);
    // 60 arrive, at most 20 held plus what drains while they arrive: at least a third lost overall.
    const lost = judged.reduce((s, b) => s + b.share * b.packets, 0);
    expect(lost).toBeGreaterThan(20);
    expect(lost).toBeLessThanOrEqual(60 - 20);
  });

  it("at a marking port, DCTCP's packets above K are marked and not dropped; others are dropped there (RED)", () => {
    const dctcp = setup(100, 1, 5);
    dctcp.judge.offer(dctcp.ids[0], 30, train(30), 0, 0, P, true);
    const d = dctcp.judge.judge().judged;
    expect(d).toHaveLength(1);
    expect(d[0].share).toBe(0);
    expect(d[0].marked).toBeGreaterThan(20);
    expect(d[0].markPort).toBe(2);
    const reno = setup(100, 1, 5);
    reno.judge.offer(reno.ids[0], 30, train(30), 0, 0, P, false);
    const r = reno.judge.judge().judged;
    expect(r[0].share).toBeCloseTo((30 - 3 - 5) / 30, 9);
    expect(r[0].marked).toBe(0);
  });
});

// LossPorts: a flow another port binds now (or its own window) leaves its excess queued where it was, draining at the fall in its arrivals there.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { lossPortNetwork, PACKET_BYTES } from "./lossPortNetwork.js";

/**
 * a —10 Gb/s— s —1 Gb/s, 20-packet buffer— b; one NewReno flow a → b on port s → b's list with
 * a window of 9 segments and base RTT 0 (its whole window is its excess: 9 packets queued), the
 * host's round trip a fixed 100 µs.
 */
function port(sizeBytes = 1e9) {
  const { n, route, t, o } = lossPortNetwork();
  const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
    rttNow: () => 100e-6,
    lost: () => {},
    recovering: () => {},
  }, new ListPool(), randomStream(1, "lossPorts"));
  const f = n.network.startFlow(route, sizeBytes);
  t.reserve(f + 1);
  t.setOptions(f, o);
  t.phase[f] = TcpPhase.Avoidance;
  t.cwnd[f] = 9;
  t.lastS[f] = 0;
  t.epochS[f] = 0;
  t.baseRttS[f] = 0;
  ports.join(f, 2);
  ports.update();
  return { n, t, ports, f, r: 2 };
}

describe("LossPorts: the queue a departed flow leaves behind", () => {
  it("drains at the fall in its arrivals when a rate change moves it: the excess over excess ÷ (old − new rate), its mean meanwhile", () => {
    const { n, ports, f, r } = port();
    const excessBytes = 9 * PACKET_BYTES;
    // Another port now binds it at 0.2 Gb/s where this one served it at 1 Gb/s: the FIFO here
    // gets 0.8 Gb/s less than it serves, and empties its 9 packets in 13,518 B ÷ 1e8 B/s = 135.18 µs.
    ports.leave(f, 1.25e8, 0.25e8);
    ports.update();
    const drainS = excessBytes / 1e8;
    expect(n.queues.queueBytes(r)).toBeCloseTo(excessBytes / 2, 6);
    n.sim.run({ untilS: drainS * 0.99 });
    expect(n.queues.queueBytes(r)).toBeCloseTo(excessBytes / 2, 6);
    n.sim.run({ untilS: drainS * 1.01 });
    expect(n.queues.queueBytes(r)).toBe(0);
  });

  it("a cut (no rate change told) leaves none: the loss's recovery holds the full buffer", () => {
    const { n, ports, f, r } = port();
    ports.leave(f);
    ports.update();
    expect(n.queues.queueBytes(r)).toBe(0);
  });

  it("a window beyond what its flow has not delivered leaves only that", () => {
    // 3 segments of 1,448 B left (4,344 B, 2.89 packets on the wire) within a window of 9: those
    // are all it can have queued; the arrivals fall by 1e8 B/s, so they drain in 43.44 µs.
    const { n, ports, f, r } = port(3 * 1448);
    ports.leave(f, 1.25e8, 0.25e8);
    ports.update();
    expect(n.queues.queueBytes(r)).toBeCloseTo((3 * 1448) / 2, 6);
    n.sim.run({ untilS: 43e-6 });
    expect(n.queues.queueBytes(r)).toBeGreaterThan(0);
    n.sim.run({ untilS: 44e-6 });
    expect(n.queues.queueBytes(r)).toBe(0);
  });
});

// LossPorts.freshen: a burst meets the queue the loss-based windows keep now, not the one their port reported at its last judgement.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { PACKET_BYTES, lossPortNetwork } from "./lossPortNetwork.js";

/**
 * a —10 Gb/s— s —1 Gb/s, 20-packet buffer— b; two NewReno flows a → b (ACK per segment: +1
 * segment per 100 µs round trip), bound at s → b with windows of `w` segments and base RTT 0:
 * the queue is the windows.
 */
function port(w: number) {
  const { n, route, t, o } = lossPortNetwork();
  // What the ports report as s → b's queue, each time they judge it.
  const reported: number[] = [];
  const setReported = n.queues.setReported.bind(n.queues);
  n.queues.setReported = (r, bytes, nowS) => {
    if (r === 2) reported.push(bytes / PACKET_BYTES);
    setReported(r, bytes, nowS);
  };
  const routes = new ListPool();
  const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
    rttNow: () => 100e-6,
    lost: () => {},
    recovering: () => {},
  }, routes, randomStream(1, "lossPorts"));
  const ids = [n.network.startFlow(route, 1e9), n.network.startFlow(route, 1e9)];
  for (const f of ids) {
    routes.hold(f, route.resources);
    t.reserve(f + 1);
    t.setOptions(t.take(f), o);
    t.phase[f] = TcpPhase.Avoidance;
    t.cwnd[t.slotOf[f]] = w;
    t.lastS[t.slotOf[f]] = 0;
    t.epochS[t.slotOf[f]] = 0;
    t.baseRttS[t.slotOf[f]] = 0;
  }
  for (const f of ids) ports.join(f, 2);
  ports.update();
  return { n, ids, ports, reported };
}

describe("LossPorts.freshen", () => {
  it("re-judges the ports of a bursting flow's route: the queue reported is the windows' now", () => {
    // Windows of 5 keep 10 packets at 0; 250 µs on (2.5 round trips) each is 7.5: 15 packets,
    // below the 20-packet buffer, so no overflow has re-judged the port meanwhile.
    const { n, ids, ports, reported } = port(5);
    expect(reported.at(-1)).toBeCloseTo(10, 9);
    n.sim.run({ untilS: 250e-6 });
    expect(n.sim.nowS).toBeCloseTo(250e-6, 12);
    // Nothing re-judged the port meanwhile: its last report, what a burst read as its standing queue, is 0's.
    expect(reported.at(-1)).toBeCloseTo(10, 9);
    const before = reported.length;
    ports.freshen(ids[0]);
    ports.update();
    expect(reported.length).toBe(before + 1);
    expect(reported.at(-1)).toBeCloseTo(2 * 7.5, 9);
  });
});

// SlowStartQueues: a slow-start round's mean queue at its bottleneck, and the delay it adds to a connection starting across that port (not to the flows' own round trips).
import { describe, expect, it } from "vitest";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { meanSlowStartQueuePackets } from "../../../src/transport/tcp/SlowStartQueues.js";
import { TcpRoutes } from "../../../src/transport/tcp/TcpRoutes.js";
import { lossPortNetwork, PACKET_BYTES as P } from "./lossPortNetwork.js";

const BASE_RTT = 50e-6;
/** s → b's capacity, bytes/s, and the 20-packet buffer there. */
const C = 1.25e8;
const BUFFER = 20;

/** One NewReno flow a → s → b of a gigabyte, bound at s → b (resource 2), held in a TcpRoutes. */
function oneFlow() {
  const { n, route, t } = lossPortNetwork();
  const routes = new TcpRoutes(n.network, n.queues, n.topology.channelCount, t, n.topology.resourceCount);
  const f = n.network.startFlow(route, 1e9);
  t.reserve(f + 1);
  t.baseRttS[f] = BASE_RTT;
  routes.held.hold(f, route.resources);
  n.queues.register(f, QueueClass.NewReno, BASE_RTT, P);
  n.sim.run({ untilS: 1e-5 });
  return { n, routes, f };
}

describe("meanSlowStartQueuePackets", () => {
  it("climbs from w − P to 2w − P over a round (the ACK clock releases two per one delivered): 3w/2 − P on average", () => {
    expect(meanSlowStartQueuePackets(20, 40, 1e9, 10)).toBe((10 + 30) / 2);
    // The round starts below the pipe: only its end queues.
    expect(meanSlowStartQueuePackets(8, 16, 1e9, 10)).toBe(6 / 2);
    // A first flight (no growth within it) keeps its excess over the pipe.
    expect(meanSlowStartQueuePackets(10, 10, 1e9, 4)).toBe(6);
    // No more than what is left to deliver: 25 left, pipe 10.
    expect(meanSlowStartQueuePackets(20, 40, 25, 10)).toBe((10 + 15) / 2);
    // Within the pipe: no queue.
    expect(meanSlowStartQueuePackets(4, 8, 1e9, 10)).toBe(0);
  });
});

describe("SlowStartQueues", () => {
  it("a slow-start round's excess at its drop-tail port delays a connection starting there, not the flow's own round trip, and leaves with the flow", () => {
    const { n, routes, f } = oneFlow();
    expect(n.queues.boundAt(f)).toBe(2);
    const pipe = (n.network.rateOf(f) * BASE_RTT) / P;
    expect(pipe).toBeCloseTo((C * BASE_RTT) / P, 9);
    // A round from 8 to 16 packets: (max(0, 8 − P) + (16 − P)) / 2 packets queued at s → b on average.
    routes.slowStart.round(f, 8, 16, 1e9, P, BASE_RTT);
    const excess = (Math.max(0, 8 - pipe) + (16 - pipe)) / 2;
    expect(n.queues.startDelayS(2)).toBeCloseTo((excess * P) / C, 15);
    // Not the standing queue: the rounds' own round trips and the bursts' headroom read that alone.
    expect(n.queues.delayS(2)).toBe(0);
    expect(n.queues.queueBytes(2)).toBe(0);
    expect(routes.rttNow(f)).toBe(BASE_RTT);
    // The reverse channel and the first hop carry none of it.
    expect(n.queues.startDelayS(3)).toBe(0);
    expect(n.queues.startDelayS(0)).toBe(0);
    // Leaving slow start (or finishing) takes it away.
    routes.slowStart.clear(f);
    expect(n.queues.startDelayS(2)).toBe(0);
  });

  it("counts at most what the buffer leaves above the standing queue", () => {
    const { n, routes, f } = oneFlow();
    n.queues.setReported(2, 15 * P, n.sim.nowS);
    // A round from 100 to 200 packets: far beyond the 20-packet buffer; 5 packets are left above the standing 15.
    routes.slowStart.round(f, 100, 200, 1e9, P, BASE_RTT);
    expect(n.queues.delayS(2)).toBeCloseTo((15 * P) / C, 15);
    expect(n.queues.startDelayS(2)).toBeCloseTo((BUFFER * P) / C, 15);
    // The standing queue fills the buffer: the slow-start excess adds nothing more.
    n.queues.setReported(2, BUFFER * P, n.sim.nowS);
    expect(n.queues.startDelayS(2)).toBeCloseTo((BUFFER * P) / C, 15);
  });

  it("counts nothing for a flow its own window holds below its share (bound at no port)", () => {
    const { n, routes, f } = oneFlow();
    n.network.setFlowCap(f, 1e7);
    n.sim.run({ untilS: 2e-5 });
    expect(n.queues.boundAt(f)).toBe(-1);
    routes.slowStart.round(f, 100, 200, 1e9, P, BASE_RTT);
    expect(n.queues.startDelayS(2)).toBe(0);
  });
});

// TcpRoutes: what the tcp flows read off their live routes — the RTT now (base plus queueing both ways), the ACK clock, the slowest and the sender's channel at the capacities in force.
import { describe, expect, it } from "vitest";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { TcpRoutes } from "../../../src/transport/tcp/TcpRoutes.js";
import { lossPortNetwork, PACKET_BYTES as P } from "./lossPortNetwork.js";

const BASE_RTT = 50e-6;

/**
 * a —10 Gb/s (channels 0, 1)— s —1 Gb/s, 20-packet buffer (channels 2, 3)— b; loss-based
 * flows (NewReno) of a gigabyte each, `forward` of them a → b (resources 0, 2) and `backward`
 * b → a (3, 1), held in a TcpRoutes with a base RTT of 50 µs, and run past their activation (2 µs of latency) and solved: each is bound at
 * its 1 Gb/s channel.
 */
function routesOf(forward: number, backward: number) {
  const { n, route, t } = lossPortNetwork();
  const back = { nodes: Int32Array.of(2, 1, 0), resources: Int32Array.of(3, 1), latencyS: 2e-6 };
  const routes = new TcpRoutes(n.network, n.queues, n.topology.channelCount, t);
  const flows = [...Array(forward).fill(route), ...Array(backward).fill(back)].map((r) => {
    const f = n.network.startFlow(r, 1e9);
    t.reserve(f + 1);
    const s = t.take(f);
    t.baseRttS[s] = BASE_RTT;
    routes.held.hold(f, r.resources);
    n.queues.register(f, QueueClass.NewReno, BASE_RTT, P);
    return f;
  });
  n.sim.run({ untilS: 1e-5 });
  return { n, routes, flows };
}

describe("TcpRoutes", () => {
  it("rttNow is the base RTT plus the queueing delay of the route's ports on the way out and of their reverse channels on the way back", () => {
    const { n, routes, flows } = routesOf(1, 1);
    const [ab, ba] = flows;
    expect(n.queues.boundAt(ab)).toBe(2);
    expect(n.queues.boundAt(ba)).toBe(3);
    expect(routes.rttNow(ab)).toBe(BASE_RTT);
    // 5 packets queued at s → b, 3 at b → s, each draining at 1.25e8 B/s: both flows wait for both.
    n.queues.setReported(2, 5 * P, n.sim.nowS);
    n.queues.setReported(3, 3 * P, n.sim.nowS);
    expect(routes.rttNow(ab)).toBeCloseTo(BASE_RTT + (5 * P) / 1.25e8 + (3 * P) / 1.25e8, 15);
    expect(routes.rttNow(ba)).toBeCloseTo(BASE_RTT + (3 * P) / 1.25e8 + (5 * P) / 1.25e8, 15);
    // Only the way back queues: the forward flow's ACKs wait for it.
    n.queues.setReported(2, 0, n.sim.nowS);
    expect(routes.rttNow(ab)).toBeCloseTo(BASE_RTT + (3 * P) / 1.25e8, 15);
  });

  it("lineRate and senderRate are the slowest and the first channel's capacity in force, and follow a capacity change", () => {
    const { n, routes, flows } = routesOf(1, 0);
    const [f] = flows;
    expect(routes.lineRate(f)).toBe(1.25e8);
    expect(routes.senderRate(f)).toBe(1.25e9);
    // s → b degraded to 0.5 Gb/s: the slowest channel is slower still; the sender's line is unchanged.
    n.network.setCapacity(2, 6.25e7);
    expect(routes.lineRate(f)).toBe(6.25e7);
    expect(routes.senderRate(f)).toBe(1.25e9);
    // a → s down to 0.4 Gb/s: it is now both the sender's line and the slowest.
    n.network.setCapacity(0, 5e7);
    expect(routes.lineRate(f)).toBe(5e7);
    expect(routes.senderRate(f)).toBe(5e7);
  });

  it("clockRate is a bound flow's max-min share, and its slowest channel while its own cap holds it below", () => {
    // Two flows share s → b's 1.25e8 B/s: ACKs come back at half of it each.
    const { n, routes, flows } = routesOf(2, 0);
    for (const f of flows) expect(routes.clockRate(f)).toBe(1.25e8 / 2);
    // One is held at 1e7 B/s by its own (window's) cap: bound nowhere, its packets still cross s → b at line rate.
    n.network.setFlowCap(flows[0], 1e7);
    n.sim.run({ untilS: 2e-5 });
    expect(n.queues.boundAt(flows[0])).toBe(-1);
    expect(routes.clockRate(flows[0])).toBe(1.25e8);
    expect(routes.clockRate(flows[1])).toBe(1.25e8 - 1e7);
  });
});

// CrossingLists (through LossPorts, which keeps them): the loss-based flows in avoidance on every tracked port of their routes, through any order of entering, leaving and rerouting.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpFlowTable, TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { transportNetwork } from "../transportModels.js";

/**
 * a — s — t — b (three links, channels 0 … 5, a → b on the even ones); 40 Cubic flows on five
 * routes over those channels, one of them through channel 2 twice. `routes` is the owner's pool
 * of live routes, as TcpFlows keeps it.
 */
function setup() {
  const n = transportNetwork(["a", "s", "t", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "t", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "t", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-6 },
  ]);
  const t = new TcpFlowTable();
  const o = t.options.push({ ...TCP_DEFAULTS, cc: "cubic" }) - 1;
  const routes = new ListPool();
  const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
    rttNow: () => 100e-6,
    lost: () => {},
    recovering: () => {},
  }, routes, randomStream(1, "lossPorts"));
  const shapes = [Int32Array.of(0, 2, 4), Int32Array.of(2, 4), Int32Array.of(0, 2), Int32Array.of(4), Int32Array.of(0, 2, 3, 2, 4)];
  const route = new Map<number, Int32Array>();
  for (let f = 0; f < 40; f++) {
    t.reserve(f + 1);
    t.setOptions(t.take(f), o);
    t.phase[f] = TcpPhase.SlowStart;
    route.set(f, shapes[f % shapes.length]);
    routes.hold(f, shapes[f % shapes.length]);
  }
  return { t, ports, routes, shapes, route };
}

/** A seeded linear congruential sequence in [0, 1) (the test's own draws; no Math.random). */
function draws(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe("CrossingLists, kept by LossPorts", () => {
  it("hold exactly the flows in avoidance on each port of their routes after 5,000 random entries, exits and reroutes", () => {
    // Flows enter avoidance (cross on), leave it (cross off, as settle, finish and a timeout do),
    // and are rerouted (the pool takes the new route first, as TcpFlows.flowRerouted does); after
    // every step each port's list must be the flows whose route crosses it and that are in
    // avoidance, each once — the route through channel 2 twice included.
    const { t, ports, routes, shapes, route } = setup();
    const next = draws(7);
    const on = new Set<number>();
    for (let step = 0; step < 5000; step++) {
      const f = Math.floor(next() * 40);
      const u = next();
      if (u < 0.45) {
        ports.cross(f, true);
        t.phase[f] = TcpPhase.Avoidance;
        on.add(f);
      } else if (u < 0.9) {
        ports.cross(f, false);
        t.phase[f] = TcpPhase.Steady;
        on.delete(f);
      } else {
        const old = route.get(f)!;
        const to = shapes[Math.floor(next() * shapes.length)];
        route.set(f, to);
        routes.hold(f, to);
        ports.rerouted(f, old);
      }
      for (const r of [0, 2, 3, 4]) {
        const expected = [...on].filter((g) => route.get(g)!.includes(r)).sort((a, b) => a - b);
        expect(ports.crossingOf(r), `port ${r} after step ${step}`).toEqual(expected);
      }
    }
  });
});

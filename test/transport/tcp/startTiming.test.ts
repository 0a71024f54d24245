// startTiming and the route pool: one walk of a flow's route (or of its copy in a ListPool) gives, bit for bit, what the separate walks gave.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { QueueState } from "../../../src/net/queues/QueueState.js";
import { baseRttS, slowestChannelBps, startTiming, storeAndForwardS, type StartTiming } from "../../../src/transport/tcp/routeTiming.js";
import { ListPool } from "../../../src/core/ListPool.js";

const CHANNELS = 40;
const RESOURCES = 50;

/**
 * Random capacities (some channels down) and random queueing delays on every resource: a
 * network that answers capacityOf, and a QueueState whose delays are set directly (the walks
 * read nothing else of either).
 */
function world(seed: number) {
  const rng = randomStream(seed, "startTiming");
  const caps = Float64Array.from({ length: RESOURCES }, () => (rng() < 0.1 ? 0 : 1e6 + rng() * 1e10));
  const network = { capacityOf: (r: number) => caps[r] } as unknown as FlowNetwork;
  const delays = Float64Array.from({ length: RESOURCES }, () => (rng() < 0.3 ? 0 : rng() * 1e-3));
  const queues: QueueState = Object.assign(Object.create(QueueState.prototype), {
    delaySAt: delays,
    topology: { channelCount: CHANNELS },
    queued: 1,
  });
  const route = () => Int32Array.from({ length: 1 + Math.floor(rng() * 9) }, () => Math.floor(rng() * RESOURCES));
  return { rng, network, queues, route };
}

describe("startTiming", () => {
  it("reads base RTTs, queueing both ways and store-and-forward bit for bit as the separate walks", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { rng, network, queues, route } = world(seed);
      const res = route();
      const latency = rng() * 1e-4;
      const packet = 1000 + rng() * 9000;
      const header = 20 + rng() * 100;
      const first = rng() < 0.5 ? packet : rng() * packet;
      const got: StartTiming = { baseRttS: NaN, handshakeBaseRttS: NaN, outS: NaN, backS: NaN, storeAndForwardS: NaN };
      startTiming(network, queues, CHANNELS, res, latency, packet, header, first, got);
      expect(got.baseRttS).toBe(baseRttS(network, CHANNELS, res, latency, packet, header));
      expect(got.handshakeBaseRttS).toBe(baseRttS(network, CHANNELS, res, latency, header, header));
      expect(got.outS).toBe(queues.pathDelayS(res));
      expect(got.backS).toBe(queues.reversePathDelayS(res));
      expect(got.storeAndForwardS).toBe(storeAndForwardS(network, CHANNELS, res, first));
      // What start() adds up from them is the flow's RTT as rttNow reads it later.
      expect(got.baseRttS + got.outS + got.backS).toBe(queues.roundTripS(got.baseRttS, res));
    }
  });
});

describe("tcp route pool (ListPool)", () => {
  it("holds each flow's resources in one pool: RTT and slowest channel read there are the route's", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { rng, network, queues, route } = world(seed);
      const routes = new ListPool();
      const held: Int32Array[] = [];
      // Flows start, some finish (their stretch is reused), some are rerouted (held again).
      for (let f = 0; f < 300; f++) {
        held[f] = route();
        routes.hold(f, held[f]);
        const g = Math.floor(rng() * (f + 1));
        if (rng() < 0.3) {
          routes.release(g);
          held[g] = Int32Array.of();
        } else if (rng() < 0.2 && held[g].length > 0) {
          held[g] = route();
          routes.hold(g, held[g]);
        }
      }
      for (let f = 0; f < 300; f++) {
        if (held[f].length === 0) continue;
        const at = routes.offsetOf(f);
        expect(routes.lengthOf(f)).toBe(held[f].length);
        expect(Array.from(routes.pool.subarray(at, at + routes.lengthOf(f)))).toEqual(Array.from(held[f]));
        const base = rng() * 1e-4;
        expect(queues.roundTripIn(base, routes.pool, at, at + routes.lengthOf(f))).toBe(queues.roundTripS(base, held[f]));
        expect(slowestChannelBps(network, CHANNELS, routes.pool, at, at + routes.lengthOf(f))).toBe(slowestChannelBps(network, CHANNELS, held[f]));
      }
    }
  });
});

// TcpFlows: a tcp flow given up after a link failure (FlowNetwork.fail) lets go of what it held — its live slot, its port, its timer — as a finished one does.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { FlowState } from "../../../src/net/FlowNetwork.js";
import { NetworkDynamics } from "../../../src/net/NetworkDynamics.js";
import { TcpFlows } from "../../../src/transport/tcp/TcpFlows.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { transportNetwork } from "../transportModels.js";

const C = 1.25e9; // 10 Gb/s

/** What a test reads of TcpFlows' table: each flow's live slot, and how many slots it holds room for. */
type Table = { slotOf: Int32Array; slotCap: number };

/**
 * a —10 µs— s —10 µs— b (s–b is b's only link) and a TcpFlows on it; `cycle(atS)` starts
 * `perCycle` flows of 100 MB a → b at `atS`, takes s–b down `failAfterS` later (the routes
 * converge at once: no path is left, so they fail) and up again 1 ms after that.
 */
function failing(cc: TcpOptions["cc"], perCycle: number) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: C, latencyS: 1e-5 },
    { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-5 },
  ], { dctcp: cc === "dctcp" });
  const flows = new TcpFlows(n.sim, n.network, n.queues, n.topology, randomStream(1, "losses"), randomStream(1, "handshakes"), randomStream(1, "phases"), randomStream(1, "drops"));
  const index = flows.addOptions({ ...TCP_DEFAULTS, cc, handshake: "none" });
  const dynamics = new NetworkDynamics(n.topology, n.network, n.router);
  const link = dynamics.linkBetween(n.topology.nodeIndex.get("s")!, n.topology.nodeIndex.get("b")!);
  const started: number[] = [];
  const completed: number[] = [];
  const cycle = (atS: number, failAfterS = 0.01) => {
    n.sim.at(atS, () => {
      for (let i = 0; i < perCycle; i++) {
        const route = n.router.route(n.topology.nodeIndex.get("a")!, n.topology.nodeIndex.get("b")!, i)!;
        started.push(flows.start(index, route, 1e8, undefined, undefined, 0, TCP_DEFAULTS.initialWindowSegments, 0, (f) => completed.push(f)));
      }
    });
    n.sim.at(atS + failAfterS, () => dynamics.converge(dynamics.linkDown(link), { routeFor: () => null, failed: () => {} }));
    n.sim.at(atS + failAfterS + 0.001, () => dynamics.converge(dynamics.linkUp(link), { routeFor: () => null, failed: () => {} }));
  };
  const table = () => (flows as unknown as { t: Table }).t;
  return { ...n, flows, cycle, started, completed, table };
}

describe("TcpFlows: a flow given up after a link failure", () => {
  for (const cc of ["newreno", "cubic", "dctcp"] as const) {
    it(`${cc}: frees its live slot, so flows failed one batch after another reuse the same few slots`, () => {
      // 100 MB at 10 Gb/s takes 80 ms: every flow is still draining when s–b fails 10 ms after
      // its start. At most 3 flows are live at once, so the table's first room (64 slots)
      // holds every batch: 200 batches of 3 need no more.
      const n = failing(cc, 3);
      for (let i = 0; i < 200; i++) n.cycle(i * 0.02);
      n.sim.run();
      expect(n.started.length).toBe(600);
      expect(n.completed.length).toBe(0);
      for (const f of n.started) expect(n.network.stateOf(f)).toBe(FlowState.Failed);
      for (const f of n.started) expect(n.table().slotOf[f]).toBe(-1);
      expect(n.table().slotCap).toBe(64);
    });

    it(`${cc}: failed in slow start, its slow start (flows.csv's slow_start_s) ends when it fails, not when the run does`, () => {
      // Its first byte reaches b after 20 µs of latency and one packet's store-and-forward at s
      // (1,538 B / C = 1.23 µs); its first round trip (≈ 42.6 µs) is not over when s–b fails at
      // 30 µs, so it is still in slow start then. The run goes on to 3.01 s (a second batch).
      const n = failing(cc, 1);
      n.cycle(0, 30e-6);
      n.cycle(3);
      n.sim.run();
      const cost = n.flows.costOf(n.started[0])!;
      expect(cost.slowStartS).toBeCloseTo(30e-6 - (20e-6 + 1538 / C), 12);
    });
  }
});

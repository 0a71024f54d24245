// Tests of FlowRecorder: flows.csv values and bottleneck attribution, derived by hand.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { FLOW_CSV_HEADERS } from "../../src/report/FlowRows.js";
import { recordedNetwork, twoBottlenecksInTurn, twoFlowsSharing } from "./networks.js";

/** Rows of flows.csv as records. */
function records(flows: { rows(): Iterable<string[]> }) {
  return [...flows.rows()].map((cells) => Object.fromEntries(FLOW_CSV_HEADERS.map((h, i) => [h, cells[i]])));
}

/** a —100 Gb/s, 1 µs— s —40 Gb/s, 1 µs— b with nothing started yet. */
function twoHops() {
  return recordedNetwork(
    [{ id: "a" }, { id: "s" }, { id: "b" }],
    [
      { from: "a", to: "s", bandwidthBps: 12.5e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 },
    ],
  );
}

describe("FlowRecorder", () => {
  it("records two flows sharing a 40 Gb/s link as derived by hand", () => {
    const { flows } = twoFlowsSharing();
    const [f0, f1] = records(flows);
    // f0: start 0, finish 0.300002 (see twoFlowsSharing); ideal = 2 µs + 1e9 / 5e9 =
    // 0.200002 s; mean rate = 8 Gb / (0.300002 − 2e-6) s = 26.67 Gb/s.
    expect([f0.id, f0.src, f0.dst, f0.size_bytes, f0.start_s]).toEqual(["f0", "a", "b", "1000000000", "0"]);
    expect(Number(f0.finish_s)).toBeCloseTo(0.300002, 12);
    expect(Number(f0.fct_s)).toBeCloseTo(0.300002, 12);
    expect(Number(f0.ideal_fct_s)).toBeCloseTo(0.200002, 12);
    expect(Number(f0.slowdown)).toBeCloseTo(0.300002 / 0.200002, 10);
    expect(Number(f0.mean_rate_gbps)).toBeCloseTo(8 / 0.3, 8);
    expect(f0.bottleneck).toBe("s->b");
    // f1: start 1 ms, finish 0.201002 → FCT 0.200002; ideal = 2 µs + 5e8 / 5e9 = 0.100002;
    // mean rate = 4 Gb / 0.2 s = 20 Gb/s.
    expect([f1.id, f1.src, f1.dst, f1.size_bytes, f1.start_s]).toEqual(["f1", "a", "b", "500000000", "0.001"]);
    expect(Number(f1.finish_s)).toBeCloseTo(0.201002, 12);
    expect(Number(f1.fct_s)).toBeCloseTo(0.200002, 12);
    expect(Number(f1.ideal_fct_s)).toBeCloseTo(0.100002, 12);
    expect(Number(f1.slowdown)).toBeCloseTo(0.200002 / 0.100002, 10);
    expect(Number(f1.mean_rate_gbps)).toBeCloseTo(20, 8);
    expect(f1.bottleneck).toBe("s->b");
  });

  it("names the cap when a flow's own cap binds and counts it in the ideal time", () => {
    const { sim, network, router, flows, node } = twoHops();
    // Cap 1e9 B/s < 5e9 B/s: 1e8 B take 0.1 s after 2 µs of latency; ideal is the same.
    network.startFlow(router.route(node("a"), node("b"), 0)!, 1e8, { capBps: 1e9 });
    sim.run();
    const [f0] = records(flows);
    expect(f0.bottleneck).toBe("cap");
    expect(Number(f0.ideal_fct_s)).toBeCloseTo(0.100002, 12);
    expect(Number(f0.slowdown)).toBeCloseTo(1, 12);
  });

  it("names the bottleneck that bound a flow longest when it had two", () => {
    // f1 = 3e8 B: at 0.1 s f0 has 5e8 B left; both at 3e9 B/s, f1 ends at 0.2 s; f0 has
    // 2e8 B left, alone at 5e9 B/s → 0.24 s. f0: a->s 0.1 + 0.04 = 0.14 s, s->b 0.1 s.
    expect(records(twoBottlenecksInTurn(3e8).flows)[0].bottleneck).toBe("a->s");
    // f1 = 6e8 B: f0's 5e8 B at 3e9 B/s end at 0.1 + 1/6 s. f0: a->s 0.1 s, s->b 0.1667 s.
    expect(records(twoBottlenecksInTurn(6e8).flows)[0].bottleneck).toBe("s->b");
  });

  it("counts an unfinished flow's open interval up to the end of the run", () => {
    // f1 = 6e8 B; f0 is still draining at the end. Until 0.25 s: a->s 0.1 s, s->b 0.15 s.
    const late = twoBottlenecksInTurn(6e8, 0.25);
    late.flows.finish(late.run.endS);
    const [f0] = records(late.flows);
    expect(f0.bottleneck).toBe("s->b");
    expect([f0.finish_s, f0.fct_s, f0.slowdown, f0.mean_rate_gbps]).toEqual(["", "", "", ""]);
    // Until 0.15 s: a->s 0.1 s, s->b 0.05 s.
    const early = twoBottlenecksInTurn(6e8, 0.15);
    early.flows.finish(early.run.endS);
    expect(records(early.flows)[0].bottleneck).toBe("a->s");
  });

  describe("ideal_fct_s: L + S / B under the best conditions the flow was offered (capacity in force, best route)", () => {
    /** a —1e9 B/s, no latency— b. Channels 0 a->b, 1 b->a. */
    function oneLink() {
      return recordedNetwork([{ id: "a" }, { id: "b" }], [{ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 }]);
    }

    it("a flow alone on a link halved before it started: ideal 2 s, slowdown 1", () => {
      const { sim, network, router, flows, node } = oneLink();
      // At 0 s the link drops to 5e8 B/s; a 1e9 B flow started at 0.1 s drains alone at 5e8 B/s: 2 s.
      network.setCapacity(0, 5e8);
      network.setCapacity(1, 5e8);
      sim.at(0.1, () => network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9));
      sim.run();
      const [f0] = records(flows);
      expect(Number(f0.fct_s)).toBeCloseTo(2, 12);
      expect(Number(f0.ideal_fct_s)).toBe(2);
      expect(Number(f0.slowdown)).toBeCloseTo(1, 12);
    });

    it("a capacity rise during the flow counts: ideal = S / the raised capacity", () => {
      const { sim, network, router, flows, node } = oneLink();
      // 1e9 B at 1e9 B/s; at 0.5 s the link doubles: 5e8 B left at 2e9 B/s → 0.75 s.
      // Ideal: 1e9 / 2e9 = 0.5 s (the best it was offered), slowdown 1.5 (at capacity as
      // at start it would have been 0.75 / 1 = 0.75, below 1).
      network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9);
      sim.at(0.5, () => network.setCapacity(0, 2e9));
      sim.run();
      const [f0] = records(flows);
      expect(Number(f0.fct_s)).toBeCloseTo(0.75, 12);
      expect(Number(f0.ideal_fct_s)).toBe(0.5);
      expect(Number(f0.slowdown)).toBeCloseTo(1.5, 12);
    });

    it("a reroute onto a faster, shorter path: ideal from the best route's latency and capacity", () => {
      // Slow path a–x–b: 1e9 B/s, 1 ms per link (L = 2 ms); fast path a–y–b: 4e9 B/s, 0.5 ms per link (L = 1 ms).
      const { sim, network, router, flows, node } = recordedNetwork(
        [{ id: "a" }, { id: "x", kind: "switch" }, { id: "y", kind: "switch" }, { id: "b" }],
        [
          { from: "a", to: "x", bandwidthBps: 1e9, latencyS: 1e-3 },
          { from: "x", to: "b", bandwidthBps: 1e9, latencyS: 1e-3 },
          { from: "a", to: "y", bandwidthBps: 4e9, latencyS: 5e-4 },
          { from: "y", to: "b", bandwidthBps: 4e9, latencyS: 5e-4 },
        ],
      );
      const path = (...ids: string[]) => {
        const r = router.pinned(ids.map(node));
        if (typeof r === "string") throw new Error(r);
        return r;
      };
      // 2e9 B on the slow path drains at 1e9 B/s from 2 ms: 4.98e8 B by 0.5 s, then it moves:
      // 1 ms in flight, 1.502e9 B at 4e9 B/s = 0.3755 s → finishes at 0.8765 s.
      const f = network.startFlow(path("a", "x", "b"), 2e9);
      sim.at(0.5, () => network.reroute(f, path("a", "y", "b")));
      sim.run();
      const [f0] = records(flows);
      expect(Number(f0.fct_s)).toBeCloseTo(0.8765, 12);
      // Ideal: 1 ms + 2e9 / 4e9 = 0.501 s (from the slow route alone: 2.002 s, slowdown 0.44).
      expect(Number(f0.ideal_fct_s)).toBeCloseTo(0.501, 12);
      expect(Number(f0.slowdown)).toBeCloseTo(0.8765 / 0.501, 10);
    });

    it("never exceeds the completion time: random capacity changes, failures and reroutes (slowdown ≥ 1)", () => {
      // a → {x | y} → b with random capacities; 40 flows at random times on either path,
      // random capacity events (0 = a failure) and random moves between the two paths.
      for (let trial = 0; trial < 20; trial++) {
        const rng = randomStream(trial, "ideal-fct");
        const capacity = () => (1 + Math.floor(rng() * 8)) * 1e9;
        const { sim, network, router, flows, node } = recordedNetwork(
          [{ id: "a" }, { id: "x", kind: "switch" }, { id: "y", kind: "switch" }, { id: "b" }],
          [
            { from: "a", to: "x", bandwidthBps: capacity(), latencyS: rng() * 1e-3 },
            { from: "x", to: "b", bandwidthBps: capacity(), latencyS: rng() * 1e-3 },
            { from: "a", to: "y", bandwidthBps: capacity(), latencyS: rng() * 1e-3 },
            { from: "y", to: "b", bandwidthBps: capacity(), latencyS: rng() * 1e-3 },
          ],
        );
        const paths = ["x", "y"].map((m) => {
          const r = router.pinned([node("a"), node(m), node("b")]);
          if (typeof r === "string") throw new Error(r);
          return r;
        });
        for (let i = 0; i < 40; i++) {
          const path = paths[rng() < 0.5 ? 0 : 1];
          const size = 1e8 + rng() * 1e9;
          const capBps = rng() < 0.2 ? capacity() / 2 : undefined;
          sim.at(rng() * 2, () => network.startFlow(path, size, { capBps }));
        }
        for (let i = 0; i < 30; i++) {
          const channel = Math.floor(rng() * 8);
          const c = rng() < 0.2 ? 0 : capacity();
          sim.at(rng() * 3, () => network.setCapacity(channel, c));
        }
        // Every link back up at the end, so every flow finishes.
        sim.at(3, () => [0, 1, 2, 3, 4, 5, 6, 7].forEach((ch) => network.setCapacity(ch, 1e9)));
        for (let i = 0; i < 30; i++) {
          const flowPick = rng();
          const to = rng() < 0.5 ? 0 : 1;
          sim.at(rng() * 3, () => {
            const f = Math.floor(flowPick * network.flowCount);
            if (network.flowCount > 0 && network.isLive(f)) network.reroute(f, paths[to]);
          });
        }
        sim.run();
        for (const r of records(flows)) {
          expect(r.status).toBe("done");
          expect(Number(r.fct_s)).toBeGreaterThanOrEqual(Number(r.ideal_fct_s) * (1 - 1e-12));
        }
      }
    });

    it("keeps the cap the flow was started with when a transport lowers the cap in force", () => {
      const { sim, network, router, flows, node } = oneLink();
      // Started capped at 5e8 B/s, then held at 2.5e8 B/s (as tcp's window does); at 0.1 s the
      // link doubles: the offered rate stays min(5e8, 2e9) = 5e8, so ideal = 1e8 / 5e8 = 0.2 s.
      const f = network.startFlow(router.route(node("a"), node("b"), 0)!, 1e8, { capBps: 5e8 });
      network.setFlowCap(f, 2.5e8);
      sim.at(0.1, () => network.setCapacity(0, 2e9));
      sim.run();
      const [f0] = records(flows);
      expect(Number(f0.ideal_fct_s)).toBe(0.2);
      expect(Number(f0.fct_s)).toBeCloseTo(0.4, 12);
    });
  });

  it("reports a zero-byte flow with slowdown 1 and no rate or bottleneck", () => {
    const { sim, network, router, flows, node } = twoHops();
    // Delivered after the 2 µs latency; never drains, so no bottleneck and no rate.
    network.startFlow(router.route(node("a"), node("b"), 0)!, 0);
    sim.run();
    const [f0] = records(flows);
    expect(Number(f0.fct_s)).toBe(2e-6);
    expect(Number(f0.ideal_fct_s)).toBe(2e-6);
    expect(f0.slowdown).toBe("1");
    expect(f0.mean_rate_gbps).toBe("");
    expect(f0.bottleneck).toBe("");
  });
});

// maxmin-rtt shares by 1/RTT; rdma and maxmin give identical flows; zero-latency routes are refused under maxmin-rtt.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import type { TransportSpec } from "../../src/transport/TransportSpec.js";
import { transportNetwork } from "./transportModels.js";

/**
 * x —0.5 ms— s, y —1.5 ms— s (10e9 B/s each), s —0 s— d (1e9 B/s, the bottleneck).
 * Flow x→d has RTT 2·0.5 ms = 1 ms, flow y→d 2·1.5 ms = 3 ms.
 */
function dumbbell(transport: TransportSpec) {
  const t = transportNetwork(
    ["x", "y", "s", "d"],
    [
      { from: "x", to: "s", bandwidthBps: 10e9, latencyS: 0.5e-3 },
      { from: "y", to: "s", bandwidthBps: 10e9, latencyS: 1.5e-3 },
      { from: "s", to: "d", bandwidthBps: 1e9, latencyS: 0 },
    ],
  );
  const ctx = t.context.forWorkload("w", transport);
  ctx.startTransfer({ id: "fx", src: "x", dst: "d", sizeBytes: 1e9 });
  ctx.startTransfer({ id: "fy", src: "y", dst: "d", sizeBytes: 1e9 });
  return t;
}

describe("maxmin-rtt", () => {
  it("gives two flows on one bottleneck rates in inverse ratio of their RTTs (1 ms vs 3 ms → 3:1)", () => {
    // Weights 1/0.001 = 1000 and 1/0.003 ≈ 333.3; weighted max-min on 1e9 B/s:
    // r_x = 1e9 · 1000 / (1000 + 333.3) = 0.75e9, r_y = 0.25e9.
    const t = dumbbell({ model: "maxmin-rtt" });
    t.sim.run({ untilS: 0.01 });
    expect(t.network.rateOf(0)).toBeCloseTo(0.75e9, 0);
    expect(t.network.rateOf(0) / t.network.rateOf(1)).toBeCloseTo(3, 9);
  });

  it("refuses a zero-latency route", () => {
    const t = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 }]);
    const ctx = t.context.forWorkload("w", { model: "maxmin-rtt" });
    expect(() => ctx.startTransfer({ id: "z", src: "a", dst: "b", sizeBytes: 1 })).toThrow(InputError);
  });
});

describe("rdma", () => {
  it("finishes every flow exactly when maxmin does", () => {
    // Plain max-min: both at 0.5e9 B/s; fx (L = 0.5 ms) starts draining first.
    const finish = (transport: TransportSpec) => {
      const t = dumbbell(transport);
      t.sim.run();
      return [t.network.finishOf(0), t.network.finishOf(1)];
    };
    const rdma = finish({ model: "rdma" });
    expect(rdma).toEqual(finish({ model: "maxmin" }));
    // fx alone 0.5–1.5 ms at 1e9 B/s sends 1e6 B; then both share 0.5e9 B/s. fx needs
    // (1e9 − 1e6) / 0.5e9 = 1.998 s more → 1.9995 s. By then fy (draining from 1.5 ms)
    // sent 0.5e9 · 1.998 = 999e6 B; its last 1e6 B alone at 1e9 B/s take 1 ms → 2.0005 s.
    expect(rdma[0]).toBeCloseTo(1.9995, 9);
    expect(rdma[1]).toBeCloseTo(2.0005, 9);
  });
});

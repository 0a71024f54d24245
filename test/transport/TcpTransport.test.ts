// The tcp model's handshake, slow start, window limit and persistent connections, against closed forms.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS, type TcpOptions } from "../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../src/workloads/Workload.js";
import { transportNetwork } from "./transportModels.js";

const IW_BYTES = 10 * 1448; // 14,480 B

/** a —B, L— b, one tcp workload; returns its context and the run's results by id. */
function wan(bandwidthBps: number, latencyS: number, options: Partial<TcpOptions> = {}) {
  const t = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps, latencyS }]);
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, ...options });
  const results = new Map<string, TransferResult>();
  const send = (id: string, sizeBytes: number, then?: (r: TransferResult) => void) =>
    ctx.startTransfer({ id, src: "a", dst: "b", sizeBytes }, (r) => {
      results.set(id, r);
      then?.(r);
    });
  const fct = (id: string) => results.get(id)!.finishS - results.get(id)!.startS;
  return { ...t, ctx, send, fct };
}

describe("tcp transport", () => {
  it("a new TLS 1.3 connection pays 2 RTT of handshake and slow start below the BDP", () => {
    // 10 Gb/s (B = 1.25e9 B/s), L = 20 ms, R = 40 ms, S = 1e6 B, IW·MSS = 14,480 B.
    // The cap starts at c0 = 14,480 / 0.04 = 362,000 B/s and doubles each R; it stays
    // far below B (the BDP B·R = 50 MB is never reached), so round i sends 14,480·2^i B.
    // k = ⌈log2(S/14,480 + 1)⌉ = ⌈log2(70.06)⌉ = 7 rounds: 6 full ones send
    // 14,480·63 = 912,240 B in 6R = 0.24 s, the 7th sends the last 87,760 B at
    // 64·c0 = 23,168,000 B/s in 87,760 / 23,168,000 s.
    // FCT = 2R (handshakes) + L + 6R + 87,760 / 23,168,000 = 0.08 + 0.02 + 0.24 + 0.003787983… s.
    const w = wan(1.25e9, 0.02);
    w.send("x", 1e6);
    w.sim.run();
    expect(w.fct("x")).toBeCloseTo(0.08 + 0.02 + 0.24 + 87_760 / 23_168_000, 9);
    expect(w.context.tcpCosts[0]).toEqual({ handshakeS: 0.08, slowStartS: expect.closeTo(0.24 + 87_760 / 23_168_000, 9) });
  });

  it("leaves slow start once the window covers the BDP and drains the rest at B", () => {
    // B = 1e6 B/s, L = 10 ms, R = 20 ms: c0 = 14,480 / 0.02 = 724,000 B/s < B, so round 0
    // sends 14,480 B in R; then the cap doubles to 1,448,000 B/s > B and the flow runs at B
    // (at the next round it is found below its cap and the cap is lifted to window/R).
    // FCT = 2R + L + R + (1e6 − 14,480) / 1e6 = 0.04 + 0.01 + 0.02 + 0.98552 = 1.05552 s.
    const w = wan(1e6, 0.01);
    w.send("x", 1e6);
    w.sim.run();
    expect(w.fct("x")).toBeCloseTo(1.05552, 9);
  });

  it("caps a window-limited flow at window/RTT", () => {
    // B = 1.25e9 B/s, L = 10 ms, R = 20 ms, window W = 65,536 B: W/R = 3,276,800 B/s ≪ B.
    // New connection (TLS 1.3, 2R = 0.04 s): rounds at c0 = 724,000, 1,448,000 and
    // 2,896,000 B/s send 14,480 + 28,960 + 57,920 = 101,360 B in 3R = 0.06 s; the next
    // doubling (115,840 B ≥ W) lifts the cap to W/R. FCT1 = 0.04 + 0.01 + 0.06 + 898,640 / 3,276,800.
    // A persistent warm connection (its cwnd = W) then moves S = 1e6 B in L + S/(W/R)
    // = 0.01 + 0.30517578125 s, with no handshake.
    const w = wan(1.25e9, 0.01, { windowBytes: 65_536, persistent: true });
    w.send("new", 1e6, (r) => w.ctx.schedule(r.finishS + 0.1, () => w.send("warm", 1e6)));
    w.sim.run();
    expect(w.fct("new")).toBeCloseTo(0.04 + 0.01 + 0.06 + 898_640 / 3_276_800, 9);
    expect(w.fct("warm")).toBeCloseTo(0.01 + 1e6 / 3_276_800, 9);
    expect(w.network.rateOf(1)).toBe(0);
  });

  it("reuses a warm persistent connection at R/2 + S/B, and restarts slow start after the idle timeout", () => {
    // B = 1.25e9 B/s, L = 20 ms, R = 40 ms, window 64 MiB (W/R ≈ 1.68e9 B/s > B).
    // A 1 GB transfer warms the connection up; 0.5 s after it ends (< 1 s idle timeout) a
    // 1 MB transfer takes L + S/B = 0.02 + 0.0008 = 0.0208 s. 2 s after that one ends
    // (> idle timeout) the cwnd is back at IW, with no handshake: FCT = L + 6R + 87,760 / 23,168,000
    // (the 7 slow-start rounds of the first test).
    const w = wan(1.25e9, 0.02, { windowBytes: 64 * 1024 * 1024, persistent: true });
    w.send("warmup", 1e9, (r1) =>
      w.ctx.schedule(r1.finishS + 0.5, () =>
        w.send("warm", 1e6, (r2) => w.ctx.schedule(r2.finishS + 2, () => w.send("cold", 1e6))),
      ),
    );
    w.sim.run();
    expect(w.fct("warm")).toBeCloseTo(0.0208, 9);
    expect(w.fct("cold")).toBeCloseTo(0.02 + 0.24 + 87_760 / 23_168_000, 9);
    expect(w.context.tcpCosts[1]).toEqual({ handshakeS: 0, slowStartS: 0 });
  });

  it("opens a new connection per transfer when not persistent", () => {
    // Two sequential 1 MB transfers on the first test's path each take the full new-connection time.
    const w = wan(1.25e9, 0.02);
    w.send("first", 1e6, (r) => w.ctx.schedule(r.finishS + 0.1, () => w.send("second", 1e6)));
    w.sim.run();
    expect(w.fct("second")).toBeCloseTo(0.08 + 0.02 + 0.24 + 87_760 / 23_168_000, 9);
  });

  it("counts the handshake's round trips per protocol", () => {
    // Same path, S = 1 B (one round, 1 / 362,000 s): FCT = rounds·R + L + 1/362,000.
    for (const [handshake, rounds] of [["none", 0], ["tcp", 1], ["tls1.3", 2], ["tls1.2", 3], ["quic", 1], ["quic-0rtt", 0]] as const) {
      const w = wan(1.25e9, 0.02, { handshake });
      w.send("x", 1);
      w.sim.run();
      expect(w.fct("x")).toBeCloseTo(rounds * 0.04 + 0.02 + 1 / 362_000, 9);
    }
  });

  it("uses at most log2(window / IW) + 1 timer events per flow", () => {
    // 1 GB, default 4 MiB window, R = 40 ms: the cwnd doubles from 14,480 B to ≥ 4 MiB in
    // ⌈log2(4,194,304 / 14,480)⌉ = 9 rounds, then the cap is the window. Events: 9 timers,
    // activation, completion and a handful of solves — far fewer than 30.
    const w = wan(1.25e9, 0.02);
    w.send("x", 1e9);
    const run = w.sim.run();
    expect(run.events).toBeLessThan(30);
    // Window-limited for the rest: W/R = 4,194,304 / 0.04 = 104,857,600 B/s.
    expect(w.fct("x")).toBeGreaterThan(1e9 / 104_857_600);
  });
});

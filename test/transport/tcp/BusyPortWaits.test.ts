// BusyPortWaits: one N·D/D/1 draw per segment at each busy port that binds no flow — the SYN's out, the SYN-ACK's at the reverse channels, the first data packet's out — worked by hand from scripted uniforms.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import type { QueueState } from "../../../src/net/queues/QueueState.js";
import { BusyPortWaits, type BusyWaits } from "../../../src/transport/tcp/BusyPortWaits.js";

describe("BusyPortWaits", () => {
  it("draws at ports of ρ > 0 only, in the order SYN out, SYN-ACK back, first packet out", () => {
    // Channels 0–7, node capacities 8+; port 0 at ρ = 0.5 fed by 1 flow, its reverse channel 1 at ρ = 0.9 by 2, port 2 holds a queue (ρ read 0).
    const rho = new Map([
      [0, 0.5],
      [1, 0.9],
    ]);
    const sources = new Map([
      [0, 1],
      [1, 2],
    ]);
    const queues = {
      busyUtilisation: (r: number) => rho.get(r) ?? 0,
      busySources: (r: number) => sources.get(r) ?? 0,
      settings: { bufferBytes: new Float64Array(10).fill(1e9) },
    } as unknown as QueueState;
    const network = { capacityOf: () => 1.25e9 } as unknown as FlowNetwork;
    const uniforms = [0.25, 0.45, 0.6];
    let calls = 0;
    const waits = new BusyPortWaits(network, queues, 8, () => uniforms[calls++]);
    const got: BusyWaits = { handshakeS: NaN, firstByteS: NaN };
    waits.draw(Int32Array.of(0, 2, 9), 1500, got);
    expect(calls).toBe(3);
    // s = 1,500 B / 1.25e9 B/s = 1.2 µs. SYN at port 0: u = 0.25 < ρ = 0.5; one source: P(W > x) = ρ(1 − x) = u at x = 0.5.
    // SYN-ACK at 1: two sources, D = 2/0.9; u = 0.45 above P(W > 1) = 1/D², so x < 1 where, with y = 1 − x,
    // 2y/D − y²/D² + 1/D² = u: y = D − √(D²(1 − u) + 1). First packet at port 0: u = 0.6 ≥ ρ, no wait.
    const s = 1500 / 1.25e9;
    const d = 2 / 0.9;
    const y = d - Math.sqrt(d * d * 0.55 + 1);
    expect(got.handshakeS).toBeCloseTo((0.5 + 1 - y) * s, 15);
    expect(got.firstByteS).toBe(0);
  });
});

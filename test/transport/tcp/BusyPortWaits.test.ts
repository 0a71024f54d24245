// BusyPortWaits: one M/D/1 draw per segment at each busy port that binds no flow — the SYN's out, the SYN-ACK's at the reverse channels, the first data packet's out — worked by hand from scripted uniforms.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import type { QueueState } from "../../../src/net/queues/QueueState.js";
import { BusyPortWaits, type BusyWaits } from "../../../src/transport/tcp/BusyPortWaits.js";

describe("BusyPortWaits", () => {
  it("draws at ports of ρ > 0 only, in the order SYN out, SYN-ACK back, first packet out", () => {
    // Channels 0–7, node capacities 8+; port 0 at ρ = 0.5, its reverse channel 1 at ρ = 0.9, port 2 holds a queue (ρ read 0).
    const rho = new Map([
      [0, 0.5],
      [1, 0.9],
    ]);
    const queues = {
      busyUtilisation: (r: number) => rho.get(r) ?? 0,
      settings: { bufferBytes: new Float64Array(10).fill(1e9) },
    } as unknown as QueueState;
    const network = { capacityOf: () => 1.25e9 } as unknown as FlowNetwork;
    const uniforms = [0.25, 0.45, 0.6];
    let calls = 0;
    const waits = new BusyPortWaits(network, queues, 8, () => uniforms[calls++]);
    const got: BusyWaits = { handshakeS: NaN, firstByteS: NaN };
    waits.draw(Int32Array.of(0, 2, 9), 1500, got);
    expect(calls).toBe(3);
    // s = 1,500 B / 1.25e9 B/s = 1.2 µs. SYN at port 0: u = 0.25 < ρ = 0.5, so an exponential of mean
    // s / (2 · 0.5) at the uniform 0.25 / 0.5: s · ln 2. SYN-ACK at 1: 0.45 / 0.9 = 0.5 of mean s / 0.2: 5 s · ln 2.
    // First packet at port 0: u = 0.6 ≥ ρ, no wait.
    const s = 1500 / 1.25e9;
    expect(got.handshakeS).toBeCloseTo(6 * s * Math.LN2, 15);
    expect(got.firstByteS).toBe(0);
  });
});

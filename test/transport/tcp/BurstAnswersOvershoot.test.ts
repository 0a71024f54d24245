// BurstAnswers' DCTCP slow-start overshoot: a lone flow's queue peaks at 2K + P at its own NIC (the law, by hand), its FCT stays ns-3's, its marks are counted there, and a flow at another NIC of the same switch sees none of it.
import { describe, expect, it } from "vitest";
import type { Sawtooth } from "../../../src/net/queues/Sawtooth.js";
import { SAWTOOTH_SAMPLES } from "../../../src/net/queues/Sawtooth.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES, transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = NS3_HEADER_BYTES;
const PKT = MSS + H; // 1,502 B on the wire
const C = 5e9; // 40 Gb/s, bytes/s
const HOP_S = 1e-6;
/** K: 80 packets of 1,500 B (the 40 Gb/s case's `ecnThreshold: 80pkt`), in packets of 1,502 B. */
const K = (80 * 1500) / PKT;
/** Base RTT over the six hops h0 → h13 (a full packet out, an ACK back): 12 µs + 6·1,556 B / C = 13.867 µs; P = C × RTT = 46.16 packets. */
const RTT = 12 * HOP_S + (6 * (PKT + H)) / C;
const P = (C * RTT) / PKT;
const fct = (r: TransferResult) => r.finishS - r.startS;

/**
 * The path of bench/ns3's `fattree-websearch-dctcp-40g-seed61` probe (/tmp/heldout3/probe/p40-1000000, session 53): h0 → e0 → a0 → c1 → a3
 * → e3 → h13, 40 Gb/s and 1 µs per hop, buffers of 400 packets, every port marking at K; h1 and h2 at other NICs of e0.
 */
function fabric() {
  const nodes = ["h0", "h1", "h2", "e0", "a0", "c1", "a3", "e3", "h13"];
  const link = (from: string, to: string) => ({ from, to, bandwidthBps: C, latencyS: HOP_S, bufferBytes: 400 * 1500, ecnThresholdBytes: 80 * 1500 });
  const t = transportNetwork(nodes, [link("h0", "e0"), link("h1", "e0"), link("h2", "e0"), link("e0", "a0"), link("a0", "c1"), link("c1", "a3"), link("a3", "e3"), link("e3", "h13")]);
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "tcp", headerBytes: H, delayedAck: 1, windowBytes: 16777216 });
  const results = new Map<string, TransferResult>();
  const send = (id: string, src: string, dst: string, sizeBytes: number, atS = 0) =>
    t.sim.at(atS, () => ctx.startTransfer({ id, src, dst, sizeBytes }, (r) => results.set(id, r)));
  const channel = (from: string, to: string) => t.topology.channelBetween(t.topology.nodeIndex.get(from)!, t.topology.nodeIndex.get(to)!);
  // Per port: the largest queue sample it held, and the packets marked there by bursts (transient marks).
  const peak = new Map<number, number>();
  const marks = new Map<number, number>();
  t.queues.observe({
    queueChanged: (r: number, s: Sawtooth) => peak.set(r, Math.max(peak.get(r) ?? 0, s.maxBytes)),
    marked: (r: number, packets: number) => marks.set(r, (marks.get(r) ?? 0) + packets),
  });
  return { ...t, send, results, channel, peak, marks };
}

describe("BurstAnswers: DCTCP's slow-start overshoot at the port it meets K at first", () => {
  it("a lone 1 MB flow: its NIC's queue peaks at 2K + P, its marks there are 2(K + P) + 1, and its FCT is ns-3's (247.44 µs)", () => {
    const f = fabric();
    f.send("p", "h0", "h13", 1e6);
    f.sim.run();
    const nic = f.channel("h0", "e0");
    // The law (an ACK per segment): the first packet to find K is marked; its ECE is back K + P
    // packet times later, and meanwhile the queue rises one packet per packet time: the
    // overshoot is K + P above K. It is held as a queue swinging linearly from K to 2K + P,
    // sampled at the middles of 32 steps: its largest sample is K + (K + P)·(1 − 1/64).
    const overshoot = K + P;
    expect(f.peak.get(nic)! / PKT).toBeCloseTo(K + overshoot * (1 - 0.5 / SAWTOOTH_SAMPLES), 6);
    expect(Math.abs(f.peak.get(nic)! / PKT / (2 * K + P) - 1)).toBeLessThan(0.02);
    // Every packet that finds K queued is marked: the first, and two for each of the K + P acknowledged before its ECE.
    expect(f.marks.get(nic)).toBeCloseTo(1 + 2 * (K + P), 6);
    // The ports after it see its packets at the NIC's rate: no overshoot there.
    for (const [a, b] of [["e0", "a0"], ["a0", "c1"], ["e3", "h13"]]) expect((f.peak.get(f.channel(a, b)) ?? 0) / PKT).toBeLessThan(K + 2);
    // Its own window, not a wait, holds it back while the overshoot drains: its FCT is the packet-level one
    // (ns-3 3.37 on this path, bench/ns3 session 53's probe: 247.440 µs; left in its own round trip, 275.3 µs).
    expect(Math.abs(fct(f.results.get("p")!) / 247.44e-6 - 1)).toBeLessThan(0.005);
  });

  it("a flow at another NIC of the same switch, started during the overshoot, sees none of it: its FCT is its FCT alone", () => {
    const alone = fabric();
    alone.send("q", "h1", "h2", 100e3, 80e-6);
    alone.sim.run();
    const both = fabric();
    both.send("p", "h0", "h13", 1e6);
    both.send("q", "h1", "h2", 100e3, 80e-6);
    // At 80 µs p's overshoot holds its NIC (from ≈ 75 µs for 2(K + P) packet times ≈ 76 µs).
    both.sim.run({ untilS: 80e-6 });
    const nic = both.channel("h0", "e0");
    expect(both.queues.queueBytes(nic) / PKT).toBeGreaterThan(K + P / 2);
    expect(both.queues.queueBytes(both.channel("h1", "e0"))).toBe(0);
    both.sim.run();
    expect(fct(both.results.get("q")!)).toBe(fct(alone.results.get("q")!));
  });
});

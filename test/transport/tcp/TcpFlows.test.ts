// The tcp model against closed forms: headers and store-and-forward, the first flight, a last flight that sends all, slow-start exit at a drop-tail buffer, timeouts.
import { describe, expect, it } from "vitest";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54; // TCP/IP with timestamps (52 B) + PPP (2 B), as ns-3's point-to-point links
const P = MSS + H; // 1,502 B on the wire per full segment

/** A chain a — s — b (or any links), one tcp workload with `options`; results by id. */
function chain(links: LinkSpec[], options: Partial<TcpOptions>, nodes = ["a", "s", "b"]) {
  const t = transportNetwork(nodes, links);
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, headerBytes: H, ...options });
  const results = new Map<string, TransferResult>();
  const send = (id: string, src: string, dst: string, sizeBytes: number) =>
    ctx.startTransfer({ id, src, dst, sizeBytes }, (r) => results.set(id, r));
  const fct = (id: string) => results.get(id)!.finishS - results.get(id)!.startS;
  return { ...t, send, fct, results };
}

describe("tcp: headers, store-and-forward and the first flight", () => {
  it("a lone flow whose window never limits it takes the packet-level time: handshake + L + store-and-forward + wire bytes / bottleneck", () => {
    // a —10 Gb/s, 1 µs— s —1 Gb/s, 5 µs— b. S = 1e6 B: n = ⌈1e6/1448⌉ = 691 segments,
    // wire W = 1e6 + 691·54 = 1,037,314 B. Bottleneck C_b = 1.25e8 B/s, C_1 = 1.25e9 B/s.
    // Packet level (store-and-forward, the first packet pays every hop's serialisation, the
    // rest follow at the bottleneck's pace): W/C_b + P/C_1 (the other hop) + L (6 µs).
    // Handshake (tcp: one round trip of header-only segments): 2L + 2H/C_1 + 2H/C_b.
    const c = chain(
      [
        { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 5e-6 },
      ],
      { handshake: "tcp", initialWindowSegments: 1e6, windowBytes: 1e12 },
    );
    c.send("x", "a", "b", 1e6);
    c.sim.run();
    const handshake = 2 * 6e-6 + (2 * H) / 1.25e9 + (2 * H) / 1.25e8;
    expect(c.fct("x")).toBeCloseTo(handshake + 6e-6 + P / 1.25e9 + 1_037_314 / 1.25e8, 12);
  });

  it("a message within the initial window takes one-way latency plus serialisation on a warm path (8 KB over 50 ms: ≈ 50 ms, not 105)", () => {
    // No handshake; 8,000 B = 6 segments ≤ IW 10: one burst. W = 8,000 + 6·54 = 8,324 B at 10 Gb/s.
    const c = chain([{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 0.05 }], { handshake: "none" }, ["a", "b"]);
    c.send("x", "a", "b", 8000);
    c.sim.run();
    expect(c.fct("x")).toBeCloseTo(0.05 + 8324 / 1.25e9, 12);
    // Its first flight goes out within its activation: no event of its own. Events: the
    // activation, its solve, the completion and the solve after it.
    expect(c.sim.eventsProcessed).toBe(4);
  });

  it("a new connection's small message pays one RTT of handshake, then the burst", () => {
    // 14 KB on a 12 ms one-way path, TCP handshake: 2·12 ms + 2·2·54 B / 1.25e9 + 12 ms + W/C, W = 14,000 + 10·54.
    const c = chain([{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 0.012 }], { handshake: "tcp" }, ["a", "b"]);
    c.send("x", "a", "b", 14_000);
    c.sim.run();
    expect(c.fct("x")).toBeCloseTo(0.024 + (2 * H) / 1.25e9 + 0.012 + 14_540 / 1.25e9, 12);
  });
});

describe("tcp: a flight that sends all the flow has left", () => {
  it("is its last slow-start round: the flow drains at its rate with no round event after it", () => {
    // a —10 Gb/s, 1 µs— s —1 Gb/s, 5 µs— b, S = 1e6 B (691 segments) from an initial window of
    // 1,000 segments: the first flight is all of it. NewReno (no HyStart) stays in slow start to
    // the end. RTT = 12 µs + (P + H)/1.25e9 + (P + H)/1.25e8 = 25.9 µs while the flow drains for
    // W/C_b = 8.3 ms: a round per RTT would be ≈ 320 rounds and as many solves (649 events),
    // each offering what is left at the ports again. Events: the first round, the solves around
    // it and the completion — a handful, whatever the drain time.
    const c = chain(
      [
        { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 5e-6 },
      ],
      { cc: "newreno", handshake: "none", initialWindowSegments: 1000 },
    );
    c.send("x", "a", "b", 1e6);
    c.sim.run();
    expect(c.fct("x")).toBeCloseTo(6e-6 + P / 1.25e9 + 1_037_314 / 1.25e8, 12);
    expect(c.sim.eventsProcessed).toBeLessThanOrEqual(10);
  });

  it("still answers the losses of that flight: told by its own survivors one round trip and a full buffer later, then fast retransmit, no timeout", () => {
    // Two senders' first flights of 300 segments (all their data) meet at s's 10 Gb/s port with
    // a 100-packet buffer, each at 10 Gb/s: 300 of the 600 packets queue, about 200 are dropped.
    // Survivors lie behind every hole and nothing follows the flight, so their duplicate ACKs
    // tell the loss one RTT after the first byte plus the time the survivors behind the holes
    // wait behind the full buffer (B/C = 100 packets at 10 Gb/s): the window is cut (avoidance),
    // the lost packets go out again, and the next RTT's avoidance check hands the flow to the
    // port, so slow_start_s = 2 RTT + B/C (a round sending the rest again no longer comes
    // between: 3 RTT; before the survivors waited behind the buffer, 2 RTT).
    // RTT = 2 · 2 µs + 2 · (P + H)/1.25e9 (a packet out, an ACK back, at both hops).
    const senders = ["h0", "h1"];
    const c = chain(
      [...senders.map((h) => ({ from: h, to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 })), { from: "s", to: "r", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: 100 * P }],
      { cc: "newreno", handshake: "none", initialWindowSegments: 1000 },
      [...senders, "s", "r"],
    );
    for (const h of senders) c.send(h, h, "r", 300 * MSS);
    c.sim.run();
    const rtt = 4e-6 + (2 * (P + H)) / 1.25e9;
    // flows.csv's tcp cells: handshake, slow start, queueing, retransmits, timeouts.
    const cells = (h: string) => c.context.transportRuns.get("tcp")!.cells(c.results.get(h)!.flow)!.map(Number);
    for (const h of senders) {
      const [, slowStartS, , retransmits, timeouts] = cells(h);
      expect(retransmits, h).toBeGreaterThan(50);
      expect(timeouts, h).toBe(0);
      expect(slowStartS, h).toBeCloseTo(2 * rtt + (100 * P) / 1.25e9, 12);
    }
  });
});

describe("tcp: slow start at a drop-tail buffer", () => {
  /**
   * A lone NewReno flow with an ACK per segment (window ×2 per RTT) from a —40 Gb/s— s —10 Gb/s,
   * 1 µs— b, a buffer of `bufferPackets` at s's port. RTT = 2·2 µs + (P + H)/5e9 + (P + H)/1.25e9
   * (data out, ACK back) = 5.55 µs, pipe = 1.25e9 B/s × RTT / 1,502 B = 4.62 packets. Returns the
   * time of the first drop and the flow's activation time (first byte at b).
   */
  function firstDrop(bufferPackets: number) {
    const c = chain(
      [
        { from: "a", to: "s", bandwidthBps: 5e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: bufferPackets * P },
      ],
      { cc: "newreno", delayedAck: 1, handshake: "none", windowBytes: 1e9 },
    );
    const drops: number[] = [];
    c.queues.observe({ queueChanged: () => {}, dropped: (_r, _n, t) => drops.push(t) });
    c.send("x", "a", "b", 50e6);
    c.sim.run();
    const rtt = 4e-6 + (P + H) / 5e9 + (P + H) / 1.25e9;
    const pipe = (1.25e9 * rtt) / P;
    // First byte at b: one-way latency plus the store-and-forward of one packet at the faster hop.
    const activation = 2e-6 + P / 5e9;
    return { drops, rtt, pipe, activation };
  }

  it("ends slow start in the first round whose window exceeds the pipe plus the buffer", () => {
    // Windows 10, 20, 40, 80, 160, 320 in rounds 0…5. At the end of the round that grows w to
    // 2w the port holds 2w − min(w, pipe) packets. B = 100: round 4 (80 → 160) holds
    // 160 − 4.62 = 155.4 > 100 while round 3 held 80 − 4.62 = 75.4: the first drop comes 4 RTT
    // after the first byte, where the window (160) first exceeds pipe + B (104.6).
    const b100 = firstDrop(100);
    expect(b100.pipe).toBeCloseTo(4.62, 2);
    expect(b100.drops[0]).toBeCloseTo(b100.activation + 4 * b100.rtt, 12);
    // B = 200: 160 < pipe + 200 = 204.6 < 320, so one round later.
    const b200 = firstDrop(200);
    expect(b200.drops[0]).toBeCloseTo(b200.activation + 5 * b200.rtt, 12);
  });
});

describe("tcp: retransmission timeouts", () => {
  it("flows whose bursts are lost wait for the min RTO, doubled for a timeout in a row", () => {
    // 40 senders' first flights (10 segments each, 400 packets) converge on one 10 Gb/s port
    // with a 10-packet buffer: it keeps 10 plus the 10 it drains while they arrive, 20 of 400,
    // so a flow keeps 0.5 of its 10 on average and has nothing behind its burst to raise
    // duplicate ACKs (a 10-segment transfer): every flow times out (200 ms). They all try again
    // at the same instant, and so on: every completion comes a whole number of RTO periods
    // (200 ms, then 400 ms for a second timeout in a row) after the start, plus microseconds.
    const senders = Array.from({ length: 40 }, (_, i) => `h${i}`);
    const c = chain(
      [...senders.map((h) => ({ from: h, to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 })), { from: "s", to: "r", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: 10 * P }],
      { cc: "newreno", handshake: "none" },
      [...senders, "s", "r"],
    );
    for (const h of senders) c.send(h, h, "r", 10 * MSS);
    c.sim.run();
    for (const h of senders) {
      const fct = c.fct(h);
      expect(fct).toBeGreaterThan(0.2);
      const periods = Math.round(fct / 0.2);
      expect(fct - periods * 0.2, `${h}: ${fct} s`).toBeLessThan(0.001);
      expect(fct - periods * 0.2).toBeGreaterThan(0);
    }
  });
});

describe("tcp: congestion avoidance at a drop-tail buffer", () => {
  it("a lone NewReno flow keeps overflowing its bottleneck's buffer, once a cycle, and the port reports the queue its window keeps", () => {
    // a —40 Gb/s— s —10 Gb/s, 10 µs, 100-packet buffer— b, 500 MB (~0.42 s, ~17,000 RTTs).
    // Slow start ends at the buffer; from then on the flow is bound at s's port, whose queue is
    // its window's excess over the pipe, growing by 1/2 segment per RTT until it reaches the
    // buffer: a loss, a halved window, and again. The port takes the flow over at the flow's
    // first avoidance step, a timer event at which nothing else asks for a solve; before it asked
    // for one itself, the port was judged only at the next solve — here the flow's completion —
    // so it never overflowed (2 drops, both in slow start) and never reported a queue.
    const c = chain(
      [
        { from: "a", to: "s", bandwidthBps: 5e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-5, bufferBytes: 100 * P },
      ],
      { cc: "newreno", handshake: "none", windowBytes: 1e9 },
    );
    const port = c.topology.channelBetween(c.topology.nodeIndex.get("s")!, c.topology.nodeIndex.get("b")!);
    const drops: number[] = [];
    let queued = 0;
    c.queues.observe({
      queueChanged: (r, s) => {
        if (r === port && s.meanBytes > 0) queued++;
      },
      dropped: (r, _n, t) => {
        if (r === port) drops.push(t);
      },
    });
    c.send("x", "a", "b", 500e6);
    c.sim.run();
    expect(c.fct("x")).toBeGreaterThan(0.4);
    expect(drops.length).toBeGreaterThan(30);
    expect(queued).toBeGreaterThan(30);
    // One overflow a cycle, every cycle alike once the first one from slow start's cut has passed.
    const gaps = drops.slice(4).map((t, i) => t - drops[i + 3]);
    for (const g of gaps) expect(g / gaps[0]).toBeCloseTo(1, 4);
    expect(gaps[0]).toBeGreaterThan(0.005);
  });
});

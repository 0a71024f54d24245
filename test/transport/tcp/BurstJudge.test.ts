// BurstJudge: an instant's bursts judged at the ports they cross — drops beyond drain plus buffer, marks above K, verdicts in flow order.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { BurstJudge } from "../../../src/transport/tcp/BurstJudge.js";
import { recoveryBurst } from "../../../src/transport/tcp/recoveryBurst.js";
import { transportNetwork } from "../transportModels.js";

const P = 1500;

/**
 * a —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs— b with `bufferPackets` (and optionally K) at s → b
 * (channel 2); `flows` flows started a → b so the judge can read their routes; the judge draws from `seed`.
 */
function setup(bufferPackets: number, flows: number, kPackets?: number, seed = 1) {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P, ecnThresholdBytes: kPackets && kPackets * P },
  ]);
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
  const ids = Array.from({ length: flows }, () => n.network.startFlow(route, 1e9));
  const judge = new BurstJudge(n.network, n.queues, n.topology.channelCount, randomStream(seed, "test"));
  return { judge, ids };
}

/** Seconds `packets` take at a → s's 10 Gb/s: a first flight's train. */
const train = (packets: number) => (packets * P) / 1.25e9;

describe("BurstJudge", () => {
  it("a lone burst loses what exceeds the port's drain while it arrives plus its buffer, at that port", () => {
    const { judge, ids } = setup(20, 1);
    // 100 packets over 120 µs; s → b drains 10 of them meanwhile and holds 20: 70 overflow.
    judge.offer(ids[0], 100, train(100), 0, 0, P, false);
    expect(judge.hasPending).toBe(true);
    const { bursts, judged } = judge.judge();
    expect(judge.hasPending).toBe(false);
    expect(bursts).toHaveLength(1);
    expect(judged).toHaveLength(1);
    expect(judged[0].share).toBeCloseTo(0.7, 9);
    expect(judged[0].port).toBe(2);
  });

  it("reuses the last instant's bursts and verdicts for the next: nothing of an earlier verdict carries over", () => {
    const { judge, ids } = setup(20, 2);
    judge.offer(ids[0], 100, train(100), 0, 0, P, false);
    judge.offer(ids[1], 100, train(100), 0, 0, P, false);
    const first = judge.judge();
    expect(first.judged).toHaveLength(2);
    expect(first.judged[0].share).toBeGreaterThan(0);
    // The next instant: a burst that fits gets a clean burst (no share, port or mark from before) and no verdict.
    judge.offer(ids[1], 20, train(20), 0, 0, P, false);
    const next = judge.judge();
    expect(next.bursts).toHaveLength(1);
    expect(next.bursts[0]).toMatchObject({ flow: ids[1], packets: 20, share: 0, port: -1, marked: 0, markPort: -1, judged: false });
    expect(next.judged).toHaveLength(0);
    expect(next.overflowPorts).toHaveLength(0);
    // And one that overflows alone is judged as a fresh judge judges it.
    judge.offer(ids[0], 100, train(100), 0, 0, P, false);
    const third = judge.judge();
    const fresh = setup(20, 2);
    fresh.judge.offer(fresh.ids[0], 100, train(100), 0, 0, P, false);
    const alone = fresh.judge.judge();
    expect(third.judged.map((b) => [b.flow, b.share, b.port])).toEqual(alone.judged.map((b) => [b.flow, b.share, b.port]));
  });

  it("a burst within drain plus buffer gets no verdict", () => {
    const { judge, ids } = setup(20, 1);
    // 20 packets: 2 drain while they arrive, 18 fit in the buffer of 20.
    judge.offer(ids[0], 20, train(20), 0, 0, P, false);
    const { bursts, judged } = judge.judge();
    expect(bursts).toHaveLength(1);
    expect(judged).toHaveLength(0);
    expect(bursts[0].share).toBe(0);
  });

  it("ACK-clocked bursts whose previous rounds shared a drop-tail port arrive interleaved over the span: the fluid overflow, shared alike", () => {
    // Two flows sent 100 packets each through s → b last round; the port served them one after
    // another, so their ACKs come back over 2 × 100 packet times (2.4 ms) interleaved, and each
    // now sends 200 over that span. 400 arrive, 200 drain, 50 fit: 150 are dropped, 75 of each
    // (ns-3's two 10 ms flows of rtt-mix-newreno lose 64 and 76 in their round of 640, 140 =
    // 1,280 − 640 − 500). Each as its own 1.2 ms train at a drawn offset overlapped the other
    // and lost more, and unequally.
    for (const seed of [1, 2, 3]) {
      const { judge, ids } = setup(50, 2, undefined, seed);
      const clock = 1.25e8; // each flow's ACK clock: the port's rate
      for (const f of ids) judge.offer(f, 200, (100 * P) / clock, 0, 100 * P, P, false);
      const { judged } = judge.judge();
      expect(judged).toHaveLength(2);
      for (const b of judged) expect(b.share).toBeCloseTo(75 / 200, 9);
    }
  });

  it("judges bursts of one instant together and returns the verdicts in flow order", () => {
    const { judge, ids } = setup(20, 2);
    // Alone, each would lose 30 − 3 drained − 20 held = 7 packets; together they lose more.
    judge.offer(ids[1], 30, train(30), 0, 0, P, false);
    judge.offer(ids[0], 30, train(30), 0, 0, P, false);
    const { judged } = judge.judge();
    expect(judged.map((b) => b.flow)).toEqual([ids[0], ids[1]]);
    // 60 arrive, at most 20 held plus what drains while they arrive: at least a third lost overall.
    const lost = judged.reduce((s, b) => s + b.share * b.packets, 0);
    expect(lost).toBeGreaterThan(20);
    expect(lost).toBeLessThanOrEqual(60 - 20);
  });

  it("bursts of one instant that together outrun the channel feeding the port arrive interleaved: each loses the same share", () => {
    // Four first flights of 100 packets, each at a → s's 10 Gb/s (120 µs), leave together: a → s
    // carries a quarter of their sum, so each reaches s → b stretched ×4 over 480 µs, all from
    // the start. s → b drains 1.25e8 × 480 µs / 1,500 B = 40 and holds 20: 400 − 40 − 20 = 340
    // overflow, 85 of each burst's 100. (Before, each train kept its 120 µs at an offset drawn
    // over the 480 µs: early ones lost little, late ones most.)
    const { judge, ids } = setup(20, 4);
    for (const f of ids) judge.offer(f, 100, train(100), 0, 0, P, false);
    const { judged } = judge.judge();
    expect(judged).toHaveLength(4);
    for (const b of judged) expect(b.share).toBeCloseTo((400 - 40 - 20) / 400, 9);
  });

  it("at a marking port, DCTCP's packets above K are marked and not dropped; others are dropped there (RED)", () => {
    const dctcp = setup(100, 1, 5);
    dctcp.judge.offer(dctcp.ids[0], 30, train(30), 0, 0, P, true);
    const d = dctcp.judge.judge().judged;
    expect(d).toHaveLength(1);
    expect(d[0].share).toBe(0);
    expect(d[0].marked).toBeGreaterThan(20);
    expect(d[0].markPort).toBe(2);
    const reno = setup(100, 1, 5);
    reno.judge.offer(reno.ids[0], 30, train(30), 0, 0, P, false);
    const r = reno.judge.judge().judged;
    expect(r[0].share).toBeCloseTo((30 - 3 - 5) / 30, 9);
    expect(r[0].marked).toBe(0);
  });
});

describe("BurstJudge at a saturated drop-tail port", () => {
  /**
   * The setup above with the port s → b (1 Gb/s, `bufferPackets`) the max-min bottleneck of two
   * NewReno flows (0.5 Gb/s each): saturated, unless `kPackets` makes it a marking port.
   */
  function saturatedSetup(bufferPackets: number, kPackets?: number) {
    const n = transportNetwork(["a", "s", "b"], [
      { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P, ecnThresholdBytes: kPackets && kPackets * P },
    ]);
    const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
    const ids = [n.network.startFlow(route, 1e9), n.network.startFlow(route, 1e9)];
    for (const f of ids) n.queues.register(f, QueueClass.NewReno, 10e-6, P);
    n.sim.run({ untilS: 1e-4 });
    const judge = new BurstJudge(n.network, n.queues, n.topology.channelCount, randomStream(1, "test"));
    return { ...n, judge, ids };
  }

  it("drains a burst at its own flow's share, not the line rate: W − share × train − B overflow", () => {
    const { judge, ids, queues, network } = saturatedSetup(20);
    expect(queues.saturated(2)).toBe(true);
    expect(network.rateOf(ids[0])).toBeCloseTo(6.25e7, 3);
    // 40 packets at 10 Gb/s arrive over 48 µs. The other flow's packets keep taking half of the
    // port, so it drains 6.25e7 B/s × 48 µs / 1,500 B = 2 of the burst (not the line rate's 4)
    // and holds 20: 40 − 2 − 20 = 18 overflow, a share of 0.45 (0.4 where the port is idle).
    judge.offer(ids[0], 40, train(40), 0, 0, P, false);
    const { judged, overflowPorts, overflowShares } = judge.judge();
    expect(judged).toHaveLength(1);
    expect(judged[0].share).toBeCloseTo(18 / 40, 9);
    // The port reports its overflow: what else arrives meanwhile (a fast retransmission) is dropped at that share.
    expect(overflowPorts).toEqual([2]);
    expect(overflowShares[0]).toBeCloseTo(18 / 40, 9);
    // A round clocked at its share (its previous window of 20 took 480 µs to leave): 40 arrive over
    // 480 µs of which 20 drain, the buffer holds 20, nothing overflows.
    judge.offer(ids[0], 40, (20 * P) / 6.25e7, 0, 20 * P, P, false);
    expect(judge.judge().judged).toHaveLength(0);
  });

  it("keeps the line rate where the port is not saturated, and at a marking port (DCTCP holds the queue near K)", () => {
    const idle = setup(20, 1);
    idle.judge.offer(idle.ids[0], 40, train(40), 0, 0, P, false);
    const v = idle.judge.judge();
    expect(v.judged[0].share).toBeCloseTo(16 / 40, 9);
    // Nothing else crosses an idle port: no overflow to tell.
    expect(v.overflowPorts).toEqual([]);
    const marking = saturatedSetup(100, 5);
    expect(marking.queues.saturated(2)).toBe(false);
    // 30 DCTCP packets over 36 µs, the queue rising at the line rate's (30 − 3) / 36 µs = 0.75 per µs:
    // it reaches K = 5 after 6.67 µs, and the 30 × (36 − 6.67) / 36 = 24.4 arriving after are marked; none is dropped.
    marking.judge.offer(marking.ids[0], 30, train(30), 0, 0, P, true);
    const m = marking.judge.judge();
    expect(m.overflowPorts).toEqual([]);
    const d = m.judged;
    expect(d[0].share).toBe(0);
    expect(d[0].marked).toBeCloseTo(30 * (1 - 5 / 0.75 / 36), 9);
  });

  it("drains an ACK-clocked round at a marking port that binds windowed flows at its flows' share, so the round is marked (M3)", () => {
    const marking = saturatedSetup(100, 5);
    expect(marking.queues.busyMarking(2)).toBe(true);
    expect(marking.network.rateOf(marking.ids[0])).toBeCloseTo(6.25e7, 3);
    // 30 packets clocked by a previous window of 25 (25 × 1,500 B at 1 Gb/s: 300 µs). At the line
    // rate the port would drain 25 of them and K = 5 hold the rest: nothing marked. The other flow
    // keeps half the port, so 6.25e7 B/s × 300 µs / 1,500 B = 12.5 drain and the queue passes K.
    // Over the round's own train (36 µs at 10 Gb/s) 1.5 drain: the queue rises by 28.5 while 30
    // arrive, reaches K after 30 × 5/28.5 of them, and the rest are marked.
    marking.judge.offer(marking.ids[0], 30, train(30), 0, 25 * P, P, true);
    const d = marking.judge.judge().judged;
    expect(d).toHaveLength(1);
    expect(d[0].share).toBe(0);
    expect(d[0].marked).toBeCloseTo(30 * (1 - 5 / 28.5), 9);
    // A first flight (nothing clocked it) keeps the line rate there.
    marking.judge.offer(marking.ids[0], 30, train(30), 0, 0, P, true);
    expect(marking.judge.judge().judged[0].marked).toBeCloseTo(30 * (1 - 5 / 0.75 / 36), 9);
  });
});

describe("a fast recovery at a saturated drop-tail port", () => {
  it("goes out behind its previous window: where that window's excess fills the port, the retransmissions overflow", () => {
    // s → b (1 Gb/s, B = 20) binds two long NewReno flows; a third, window-limited at 0.1 Gb/s,
    // crosses it. Its window of 40 was cut to 20; with nothing bound for it its ACKs came back at
    // the route's slowest channel, 1.25e8 B/s: its 20 retransmissions and new packets go out over
    // 40 × 1,500 B / 1.25e8 = 480 µs, behind 40 − 1.25e8 × 10 µs / 1,500 = 39.17 of its packets.
    const n = transportNetwork(["a", "s", "b"], [
      { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: 20 * P },
    ]);
    const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
    const long = [n.network.startFlow(route, 1e9), n.network.startFlow(route, 1e9)];
    const f = n.network.startFlow(route, 1e9, { capBps: 1.25e7 });
    for (const g of [...long, f]) n.queues.register(g, QueueClass.NewReno, 10e-6, P);
    n.sim.run({ untilS: 1e-4 });
    expect(n.queues.saturated(2)).toBe(true);
    expect(n.network.rateOf(f)).toBeCloseTo(1.25e7, 3);
    const b = recoveryBurst(40, 20, 1000, 5, 1.25e8, 10e-6, P);
    expect(b.packets).toBe(20);
    expect(b.durationS).toBeCloseTo(480e-6, 15);
    expect(b.standing).toBeCloseTo(40 - 1.25e8 * 10e-6 / P, 12);
    // The port drains 1.25e7 B/s × 480 µs / 1,500 B = 4 of them at the flow's share and has no
    // room left above its previous window: 20 − 4 = 16 overflow (a share of 0.8), and the flow times out.
    const judge = new BurstJudge(n.network, n.queues, n.topology.channelCount, randomStream(1, "test"));
    judge.offer(f, b.packets, b.durationS, b.standing, b.prevBytes, P, false);
    const { judged } = judge.judge();
    expect(judged).toHaveLength(1);
    expect(judged[0].share).toBeCloseTo(16 / 20, 9);
    // Offered as if the port held nothing of it, the 20 would fit in its 20 packets of buffer.
    judge.offer(f, b.packets, b.durationS, 0, b.prevBytes, P, false);
    expect(judge.judge().judged).toHaveLength(0);
  });
});

describe("BurstJudge at a marking port with ACKs the other way", () => {
  it("marks above K counted in packets with the ACKs queued among the data: K = 10, x = 0.5, a lone burst of 30 marks 30 × (1 − (10/1.5) / 27)", () => {
    const marked = (reverse: boolean) => {
      const n = transportNetwork(["a", "s", "b"], [
        { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
        { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: 100 * P, ecnThresholdBytes: 10 * P },
      ]);
      const f = n.network.startFlow({ nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 }, 1e9);
      if (reverse) {
        // Data b → a at half of s–b's rate: its ACKs (one per packet) come back through s → b.
        const g = n.network.startFlow({ nodes: Int32Array.of(2, 1, 0), resources: Int32Array.of(3, 1), latencyS: 2e-6 }, 1e9);
        n.network.setFlowCap(g, 1.25e8 / 2);
        n.queues.register(g, QueueClass.Dctcp, 10e-6, P, 1);
        n.sim.run({ untilS: 1e-4 });
      }
      const judge = new BurstJudge(n.network, n.queues, n.topology.channelCount, randomStream(1, "test"));
      // 30 packets over 36 µs: s → b drains 3 of them meanwhile, so the queue grows by 27 over the train (no standing
      // queue: no flow is bound there) and what arrives after it reached the threshold k, a share 1 − k/27, is marked.
      judge.offer(f, 30, train(30), 0, 0, P, true);
      const d = judge.judge().judged;
      expect(d).toHaveLength(1);
      expect(d[0].share).toBe(0);
      return d[0].marked;
    };
    expect(marked(false)).toBeCloseTo(30 * (1 - 10 / 27), 6);
    // ACKs arrive at 1.25e8 / 2 ÷ 1500 per second, a data packet is served in 1500 ÷ 1.25e8 s: x = 0.5, k = 10 / 1.5.
    expect(marked(true)).toBeCloseTo(30 * (1 - 10 / 1.5 / 27), 6);
  });
});

/**
 * `n` first flights of 10 packets, each from its own host (a_i —10 Gb/s— s), into s —1 Gb/s— b
 * with a buffer of `bufferPackets`, the i-th offered at `atS` + i · `gapS` and all judged together
 * (one overflow episode): the packets dropped, in all and per flow (in start order), and the verdicts.
 */
function episode(n: number, gapS: number, bufferPackets: number, atS = 0) {
  const nodes = [...Array.from({ length: n }, (_, i) => `a${i}`), "s", "b"];
  const links = [
    ...Array.from({ length: n }, (_, i) => ({ from: `a${i}`, to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 })),
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P },
  ];
  const net = transportNetwork(nodes, links);
  const ids = Array.from({ length: n }, (_, i) => net.network.startFlow({ nodes: Int32Array.of(i, n, n + 1), resources: Int32Array.of(2 * i, 2 * n), latencyS: 2e-6 }, 1e9));
  const judge = new BurstJudge(net.network, net.queues, net.topology.channelCount, randomStream(1, "test"));
  for (let i = 0; i < n; i++) judge.offer(ids[i], 10, train(10), 0, 0, P, false, atS + i * gapS, true);
  const v = judge.judge();
  const perFlow = ids.map((f) => v.judged.filter((b) => b.flow === f).reduce((x, b) => x + b.share * b.packets, 0));
  return { lost: perFlow.reduce((x, y) => x + y, 0), perFlow, shares: v.judged.map((b) => b.share), v };
}

describe("BurstJudge: first flights of one overflow episode, each at its own offset", () => {
  // 10 flights of 10 packets, each over 12 µs at 10 Gb/s (10/12 packet per µs), into a port that
  // drains one packet per 12 µs with a buffer of 20. Started δ apart, some train is under way
  // throughout while δ < 12 µs, so the queue only rises: it fills, and from then on drops all that
  // arrives beyond the drain. Dropped: 100 arrived − drained over the span (12 µs + 9δ)/12 µs − 20.
  const packetS = P / 1.25e8;
  it("at one instant: 100 − 1 − 20 dropped, and the same verdicts bit for bit at any common start", () => {
    const at0 = episode(10, 0, 20);
    expect(at0.lost).toBeCloseTo(79, 9);
    const later = episode(10, 0, 20, 0.0123);
    expect(later.shares).toEqual(at0.shares);
    expect(later.v.dropTailSpansS).toEqual(at0.v.dropTailSpansS);
  });

  it("started 0.1, 1 and 10 µs apart: 78.925, 78.25 and 71.5 dropped (the span's longer drain)", () => {
    const expected = [78.925, 78.25, 71.5];
    [1e-7, 1e-6, 1e-5].forEach((gapS, i) => {
      expect(100 - (train(10) + 9 * gapS) / packetS - 20).toBeCloseTo(expected[i], 9);
      expect(episode(10, gapS, 20).lost).toBeCloseTo(expected[i], 6);
    });
  });

  it("started a nanosecond apart (≪ a packet time): within 0.01 of the one-instant count", () => {
    expect(Math.abs(episode(10, 1e-9, 20).lost - 79)).toBeLessThan(0.01);
  });

  it("in FIFO order: the first to start loses least (its head arrived before the buffer filled), none more than its flight", () => {
    // Once full, the port drops a share (a − drain)/a of each arriving train's packets: with fewer
    // trains under way at the end, the last starters' tails lose a little less than the middle's.
    const { perFlow } = episode(10, 1e-6, 20);
    for (let i = 1; i < perFlow.length; i++) expect(perFlow[i]).toBeGreaterThan(perFlow[0]);
    for (const x of perFlow) expect(x).toBeLessThanOrEqual(10 + 1e-9);
  });

  it("started 1 ms apart (each through the port long before the next starts): none dropped", () => {
    // One flight alone: 10 arrive, 1 drained meanwhile, 9 queued of 20; gone 108 µs after it ends.
    const { lost, v } = episode(10, 1e-3, 20);
    expect(lost).toBe(0);
    expect(v.judged).toHaveLength(0);
    expect(v.dropTailPorts).toHaveLength(0);
  });
});

/**
 * `episode`'s network with `n` first flights offered `gapS` apart, each judged at its own instant
 * (as a run judges them) and kept in one overflow episode (the first opens it, the others join);
 * then the episode closes: its verdicts, and the packets dropped at the instants and at the close.
 */
function keptEpisode(n: number, gapS: number, bufferPackets: number, kPackets?: number) {
  const nodes = [...Array.from({ length: n }, (_, i) => `a${i}`), "s", "b"];
  const links = [
    ...Array.from({ length: n }, (_, i) => ({ from: `a${i}`, to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 })),
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: bufferPackets * P, ecnThresholdBytes: kPackets && kPackets * P },
  ];
  const net = transportNetwork(nodes, links, { dctcp: kPackets !== undefined });
  const ids = Array.from({ length: n }, (_, i) => net.network.startFlow({ nodes: Int32Array.of(i, n, n + 1), resources: Int32Array.of(2 * i, 2 * n), latencyS: 2e-6 }, 1e9));
  const judge = new BurstJudge(net.network, net.queues, net.topology.channelCount, randomStream(1, "test"));
  let atInstants = 0;
  let marksAtInstants = 0;
  for (let i = 0; i < n; i++) {
    judge.offer(ids[i], 10, train(10), 0, 0, P, kPackets !== undefined, i * gapS, true);
    const v = judge.judge();
    for (const b of v.judged) {
      atInstants += b.share * b.packets;
      marksAtInstants += b.marked;
    }
    if (i === 0) judge.openEpisode();
    else expect(judge.joinEpisode()).toBe(true);
  }
  expect(judge.episodeBursts).toHaveLength(n);
  const v = judge.closeEpisode();
  const atClose = v.judged.reduce((x, b) => x + b.share * b.packets, 0);
  const answered = v.bursts.map((b) => b.answered);
  judge.clearEpisode();
  expect(judge.episodeBursts).toHaveLength(0);
  return { atInstants, marksAtInstants, atClose, v, answered };
}

describe("BurstJudge: an overflow episode judged at its instants, and again where together its flights overflow a buffer", () => {
  const packetS = P / 1.25e8;
  it("10 flights 1 µs apart, each within drain plus buffer alone: none dropped at their instants, 100 − (12 + 9) µs / 12 µs − 20 = 78.25 at the close", () => {
    const e = keptEpisode(10, 1e-6, 20);
    expect(e.atInstants).toBe(0);
    expect(100 - (train(10) + 9e-6) / packetS - 20).toBeCloseTo(78.25, 9);
    expect(e.atClose).toBeCloseTo(78.25, 6);
    expect(e.answered.every((a) => !a)).toBe(true);
    // s → b, channel 2n.
    expect(e.v.dropTailPorts).toEqual([20]);
  });

  it("2 flights 1 µs apart that together fit (20 arrive, 1.08 drain, 20 of buffer): nothing judged again at the close", () => {
    const e = keptEpisode(2, 1e-6, 20);
    expect(e.atInstants).toBe(0);
    expect(e.v.judged).toHaveLength(0);
    expect(e.v.dropTailPorts).toHaveLength(0);
  });

  it("DCTCP flights that together pass K but not the buffer (30 of 100): marked at their instants only (each alone passes K = 5), not again at the close", () => {
    const e = keptEpisode(3, 1e-6, 100, 5);
    const alone = keptEpisode(1, 1e-6, 100, 5);
    expect(alone.marksAtInstants).toBeGreaterThan(0);
    expect(e.marksAtInstants).toBeCloseTo(3 * alone.marksAtInstants, 9);
    expect(e.v.judged).toHaveLength(0);
  });

  it("flights that overflow alone (buffer 5: 10 − 1 − 5 = 4 each) are answered at their instants: the close judges them again but marks them answered", () => {
    const e = keptEpisode(3, 1e-6, 5);
    expect(e.atInstants).toBeCloseTo(3 * 4, 6);
    expect(e.answered).toEqual([true, true, true]);
    expect(e.atClose).toBeGreaterThan(0);
  });

  it("a burst kept is a copy: the next instant's judge, reusing its record, leaves it as offered", () => {
    const { judge, ids } = setup(20, 2);
    judge.offer(ids[0], 10, train(10), 0, 0, P, false, 0, true);
    judge.judge();
    judge.openEpisode();
    judge.offer(ids[1], 30, train(30), 0, 0, P, false, 1e-6, false);
    judge.judge();
    expect(judge.joinEpisode()).toBe(false);
    expect(judge.episodeBursts.map((b) => [b.flow, b.packets, b.atS, b.joins])).toEqual([[ids[0], 10, 0, true]]);
  });
});

// FlowReroutes (through TcpFlows, the network's observer): a tcp flow moved to another route by a link failure: its window's cap at the new RTT, and the ports whose overflows reach it.
import { describe, expect, it } from "vitest";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { failingNetwork as failingTransportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 90; // the default headers
const P = MSS + H; // 1,538 B on the wire per full segment
const C = 1.25e9; // 10 Gb/s

/** A network on `links` (latency routing, seed 1) whose links can fail, with tcp workloads and their flows.csv cells. */
function failingNetwork(nodes: string[], links: LinkSpec[]) {
  const n = failingTransportNetwork(nodes, links);
  const tcp = (name: string, options: Partial<TcpOptions>) => n.context.forWorkload(name, { ...TCP_DEFAULTS, headerBytes: H, handshake: "none", ...options });
  /** flows.csv's tcp cells of `flow`: handshake, slow start, queueing, retransmits, timeouts. */
  const cells = (flow: number) => n.context.transportRuns.get("tcp")!.cells(flow)!;
  return { ...n, tcp, cells };
}

/** Path A a —10 µs— s1 —10 µs— b and path B a —100 µs— s2 —100 µs— b, every channel 10 Gb/s. */
const twoPaths = () =>
  failingNetwork(
    ["a", "b", "s1", "s2"],
    [
      { from: "a", to: "s1", bandwidthBps: C, latencyS: 10e-6 },
      { from: "s1", to: "b", bandwidthBps: C, latencyS: 10e-6 },
      { from: "a", to: "s2", bandwidthBps: C, latencyS: 100e-6 },
      { from: "s2", to: "b", bandwidthBps: C, latencyS: 100e-6 },
    ],
  );

describe("tcp: a rerouted flow keeps its window and takes its new route's RTT", () => {
  it("a flow its window limits drains at window / RTT of the new route once rerouted", () => {
    // Path A a —10 µs— s1 —10 µs— b, path B a —100 µs— s2 —100 µs— b, every channel 10 Gb/s.
    // Window W = 64 KiB, initial window above it: the flow starts steady, capped at W / RTT.
    // RTT = 2L + (P + H)/C per hop (a full packet out, an ACK back):
    //   A: 40 µs + 2 · 1,628 / 1.25e9 = 42.6048 µs → W / RTT = 1.538e9 B/s > C: it drains at C.
    //   B: 400 µs + 2.6048 µs = 402.6048 µs → W / RTT = 1.6278e8 B/s: the window limits it.
    const n = twoPaths();
    const W = 65_536;
    const ctx = n.tcp("w", { cc: "cubic", windowBytes: W, initialWindowSegments: 1e6 });
    let finishS = NaN;
    const x = ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e8 }, (r) => (finishS = r.finishS));
    n.failAt(0.01, "s1", "b");
    const rates: number[] = [];
    for (const at of [0.005, 0.02]) n.sim.at(at, () => rates.push(n.network.rateOf(x)));
    n.sim.run();
    const rttB = 400e-6 + (2 * (P + H)) / C;
    expect(rates[0]).toBe(C);
    expect(rates[1]).toBeCloseTo(W / rttB, 3);
    // By hand: wire bytes 1e8 + ⌈1e8 / 1448⌉ · 90 = 106,215,490. The first byte reaches b after
    // L_A = 20 µs and one packet's store-and-forward at s1 (P / C); at C until 10 ms, then after
    // B's latency (200 µs) at W / RTT_B for the rest.
    const wire = 1e8 + Math.ceil(1e8 / MSS) * H;
    const left = wire - C * (0.01 - (20e-6 + P / C));
    expect(finishS).toBeCloseTo(0.01 + 200e-6 + left / (W / rttB), 9);
  });
});

describe("tcp: a flow rerouted after its start and before its first byte", () => {
  it("sends its first flight on the new route: as a flow started there at the reroute, less one store-and-forward", () => {
    // The two paths above; a 1e7 B transfer in slow start (initial window 10) starts at 0 after a
    // TCP handshake on path A, whose first byte would reach b after the handshake's round trip
    // (~43 µs) and L_A = 20 µs. s1–b fails at `failS`, before that, and the flow is rerouted at
    // once on a–s2–b: its first flight goes out there (the activation that carries it moves with
    // the reroute) and its bytes arrive L_B = 200 µs after the reroute, as a rerouted flow's do
    // (above). So it runs as a flow started at `failS` on a network of path B alone with no
    // handshake, whose first byte also waits one packet's store-and-forward at s2 (P / C).
    for (const failS of [10e-6, 50e-6]) {
      const n = twoPaths();
      let finishS = NaN;
      n.tcp("w", { cc: "cubic", handshake: "tcp" }).startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e7 }, (r) => (finishS = r.finishS));
      n.failAt(failS, "s1", "b");
      n.sim.run();
      const m = failingNetwork(
        ["a", "b", "s2"],
        [
          { from: "a", to: "s2", bandwidthBps: C, latencyS: 100e-6 },
          { from: "s2", to: "b", bandwidthBps: C, latencyS: 100e-6 },
        ],
      );
      let onlyBS = NaN;
      const ctx = m.tcp("w", { cc: "cubic", handshake: "none" });
      m.sim.at(failS, () => ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e7 }, (r) => (onlyBS = r.finishS)));
      m.sim.run();
      expect(finishS).toBeCloseTo(onlyBS - P / C, 12);
    }
  });
});

describe("tcp: a flow started on a route over a link that is down (before the routes converge)", () => {
  it("stalls until it is rerouted, then drains on the new route at its window / RTT there", () => {
    // The two paths above; s1–b goes down at 1 ms and the routes converge at 3 ms. A transfer
    // of 1e7 B starts at 2 ms (after a TCP handshake) on a–s1–b, which the router still takes:
    // a down channel adds no serialisation to its timing, so it waits on s1–b at rate 0. At
    // 3 ms it is rerouted on a–s2–b: its bytes arrive 200 µs later and drain at W / RTT_B
    // (402.6048 µs, as above): wire 1e7 + ⌈1e7 / 1448⌉ · 90 = 10,621,630 B.
    const n = twoPaths();
    const W = 65_536;
    const ctx = n.tcp("w", { cc: "cubic", windowBytes: W, initialWindowSegments: 1e6, handshake: "tcp" });
    let finishS = NaN;
    n.sim.at(0.002, () => ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e7 }, (r) => (finishS = r.finishS)));
    n.failAt(0.001, "s1", "b", 0.002);
    n.sim.run();
    const rttB = 400e-6 + (2 * (P + H)) / C;
    expect(finishS).toBeCloseTo(0.003 + 200e-6 + 10_621_630 / (W / rttB), 9);
  });
});

describe("tcp: a rerouted loss-based flow in avoidance meets the overflows of its new route's ports, not its old one's", () => {
  it("after the reroute, an overflow at a port of the old route no longer hits it, and one at a port of the new route does", () => {
    // x: a → b, Cubic, capped at 5e8 B/s by its user (so the network never binds it): HyStart
    // ends its slow start in its second round (a 20-segment window's ACK train outlasts the
    // µs RTT) and it stays in avoidance, crossing every port of its route without being bound.
    // y: a → c and z: a → d, NewReno, from 100 µs: each is bound at its first port (a→s1,
    // a→s2: 30-packet buffers), where its window grows into the buffer until it overflows.
    // An overflow's drops fall on the loss-based flows in avoidance crossing the port (drawn by
    // their arrivals): y's and x's at a→s1 while x goes a–s1–b; once s1–b fails at 2 ms and x is
    // rerouted on a–s2–b, y's alone at a→s1, and z's and x's at a→s2.
    const buffer = 30 * P;
    const n = failingNetwork(
      ["a", "b", "c", "d", "s1", "s2"],
      [
        { from: "a", to: "s1", bandwidthBps: C, latencyS: 1e-6, bufferBytes: buffer },
        { from: "s1", to: "b", bandwidthBps: C, latencyS: 1e-6 },
        { from: "s1", to: "c", bandwidthBps: C, latencyS: 1e-6 },
        { from: "a", to: "s2", bandwidthBps: C, latencyS: 5e-6, bufferBytes: buffer },
        { from: "s2", to: "b", bandwidthBps: C, latencyS: 5e-6 },
        { from: "s2", to: "d", bandwidthBps: C, latencyS: 5e-6 },
      ],
    );
    const cubic = n.tcp("x", { cc: "cubic", windowBytes: 1e9 });
    const reno = n.tcp("yz", { cc: "newreno", windowBytes: 1e9 });
    const x = cubic.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1e9, capBps: 5e8 });
    n.sim.at(100e-6, () => {
      reno.startTransfer({ id: "y", src: "a", dst: "c", sizeBytes: 1e9 });
      reno.startTransfer({ id: "z", src: "a", dst: "d", sizeBytes: 1e9 });
    });
    const failS = 0.002;
    n.failAt(failS, "s1", "b");
    const aS1 = n.channel("a", "s1");
    const aS2 = n.channel("a", "s2");
    // y's and z's slow starts end at their first losses within 0.25 ms (bursts of many packets
    // dropped); from 0.5 ms on, every drop at these ports is an overflow of a window in avoidance.
    const fromS = 0.0005;
    const retransmits = () => Number(n.cells(x)[3]);
    // Every drop at the two ports: where, when, and how many of x's packets it took (x's
    // retransmissions once the overflow is over, at the same instant, less those before it).
    const drops: Array<{ port: number; atS: number; packets: number; xLost: number }> = [];
    n.queues.observe({
      queueChanged: () => {},
      dropped: (port, packets, atS) => {
        if (port !== aS1 && port !== aS2) return;
        const d = { port, atS, packets, xLost: -retransmits() };
        drops.push(d);
        n.sim.at(atS, () => (d.xLost += retransmits()));
      },
    });
    let xFrom = NaN;
    n.sim.at(fromS, () => (xFrom = retransmits()));
    n.sim.run({ untilS: 0.006 });
    const overflows = drops.filter((d) => d.atS >= fromS);
    const before = overflows.filter((d) => d.atS < failS);
    const oldPort = overflows.filter((d) => d.atS > failS && d.port === aS1);
    const newPort = overflows.filter((d) => d.atS > failS && d.port === aS2);
    // The overflows this test is about happened (a window regrows into 30 packets in about a millisecond).
    expect(before.filter((d) => d.port === aS1).length).toBeGreaterThan(0);
    expect(oldPort.length).toBeGreaterThan(0);
    expect(newPort.length).toBeGreaterThan(0);
    // x loses only at overflows of a port it crosses: a→s1's before the failure (not a→s2's),
    // a→s2's after it (not a→s1's) — and at some of each (its share of the arrivals, 5e8 of
    // 1.25e9 B/s, of each overflow's drops). Before the reroute moved its crossing
    // lists, a→s1's overflows after the failure still hit it and a→s2's never did.
    const xAt = (ds: typeof drops) => ds.reduce((sum, d) => sum + d.xLost, 0);
    expect(xAt(before.filter((d) => d.port === aS2))).toBe(0);
    expect(xAt(oldPort)).toBe(0);
    expect(xAt(before.filter((d) => d.port === aS1))).toBeGreaterThan(0);
    expect(xAt(newPort)).toBeGreaterThan(0);
    expect(retransmits() - xFrom).toBe(xAt(before) + xAt(oldPort) + xAt(newPort));
    expect([...n.network.routeOf(x).nodes]).toEqual(["a", "s2", "b"].map(n.node));
  });
});

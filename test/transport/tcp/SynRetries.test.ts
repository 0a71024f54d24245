// SynRetries through TcpFlows: a SYN lost at an overflowing drop-tail port is sent again after the SYN timeout, doubled for a loss in a row, and the flow's first byte waits with it.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { TcpFlows } from "../../../src/transport/tcp/TcpFlows.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H;
const C = 1.25e9; // 10 Gb/s, bytes/s
const L = 1e-6; // every link's latency

/**
 * h0, h1, h2, h3, h4 —10 Gb/s— s —10 Gb/s, `bufferPackets` (K `kPackets`)— r, and a TcpFlows whose
 * handshake stream is `handshakeRandom` (a constant 0 loses every draw). `send` starts a flow
 * of `segments` full segments from `src` to r at `atS` with a TCP handshake, or none.
 */
function incast(handshakeRandom: RandomStream, options: Partial<TcpOptions> = {}, kPackets?: number) {
  const hosts = ["h0", "h1", "h2", "h3", "h4"];
  const links: LinkSpec[] = [
    ...hosts.map((h) => ({ from: h, to: "s", bandwidthBps: C, latencyS: L })),
    { from: "s", to: "r", bandwidthBps: C, latencyS: L, bufferBytes: 10 * P, ecnThresholdBytes: kPackets && kPackets * P },
  ];
  const n = transportNetwork([...hosts, "s", "r"], links);
  let draws = 0;
  const counted: RandomStream = () => {
    draws++;
    return handshakeRandom();
  };
  const flows = new TcpFlows(n.sim, n.network, n.queues, n.topology, randomStream(1, "losses"), counted, randomStream(1, "phases"), randomStream(1, "drops"));
  const o: TcpOptions = { ...TCP_DEFAULTS, cc: "newreno", headerBytes: H, initialWindowSegments: 100, ...options };
  const index = flows.addOptions(o);
  const finish = new Map<string, number>();
  const started = new Map<string, number>();
  const send = (id: string, src: string, segments: number, atS: number, handshake: boolean) =>
    n.sim.at(atS, () => {
      const route = n.router.route(n.topology.nodeIndex.get(src)!, n.topology.nodeIndex.get("r")!, 0)!;
      started.set(id, flows.start(index, route, segments * MSS, undefined, undefined, handshake ? 1 : 0, o.initialWindowSegments, 0, () => finish.set(id, n.sim.nowS - atS)));
    });
  return { ...n, flows, send, fct: (id: string) => finish.get(id)!, flow: (id: string) => started.get(id)!, draws: () => draws };
}

/**
 * Flow of 10 segments (within the initial window: one burst) alone on h2 → s → r after a TCP
 * handshake: handshake (2L + 2·2H/C) + one way (2L) + store-and-forward at s (P/C) + its wire
 * bytes at 10 Gb/s.
 */
const plain = 2 * 2 * L + (2 * 2 * H) / C + 2 * L + P / C + (10 * P) / C;

describe("SynRetries (through TcpFlows): a SYN lost at an overflowing drop-tail port", () => {
  // Two first flights of 100 packets from h0 and h1 meet at s → r at 2.2 µs (their first bytes'
  // arrival): 200 packets over 120 µs (each train 100·P/C), of which the port drains 100 and holds
  // 10, so it drops 90 — a share of 0.45 of what arrives until 2.2 + 120 µs. A SYN sent through it
  // meanwhile is lost with that share (a constant draw of 0 always loses).
  it("waits out the SYN timeout: FCT = 1 s + what it takes alone, one timeout and one retransmission", () => {
    const c = incast(() => 0);
    c.send("x0", "h0", 100, 0, false);
    c.send("x1", "h1", 100, 0, false);
    c.send("y", "h2", 10, 50e-6, true);
    c.sim.run();
    expect(c.fct("y")).toBeCloseTo(1 + plain, 12);
    expect(c.draws()).toBe(1);
    const cost = c.flows.costOf(c.flow("y"))!;
    expect(cost.timeouts).toBe(1);
    expect(cost.retransmits).toBe(1);
    expect(cost.handshakeS).toBeCloseTo(1 + 2 * 2 * L + (2 * 2 * H) / C, 12);
  });

  it("is sent again after the timeout; lost again at a new overflow, it waits twice as long: FCT = T + 2T + alone (T = 0.5 s)", () => {
    const c = incast(() => 0, { synTimeoutS: 0.5 });
    c.send("x0", "h0", 100, 0, false);
    c.send("x1", "h1", 100, 0, false);
    c.send("y", "h2", 10, 50e-6, true);
    // Another incast overflows the port when y's SYN goes out again (0.5 s + 50 µs).
    c.send("z0", "h3", 100, 0.5, false);
    c.send("z1", "h4", 100, 0.5, false);
    c.sim.run();
    expect(c.fct("y")).toBeCloseTo(0.5 + 1 + plain, 12);
    expect(c.draws()).toBe(2);
    const cost = c.flows.costOf(c.flow("y"))!;
    expect(cost.timeouts).toBe(2);
    expect(cost.retransmits).toBe(2);
  });

  it("is not lost once the overflow is over, nor at a marking port (nothing is drawn)", () => {
    const late = incast(() => 0);
    late.send("x0", "h0", 100, 0, false);
    late.send("x1", "h1", 100, 0, false);
    late.send("y", "h2", 10, 200e-6, true);
    late.sim.run();
    // It shares the port with what is left of the incast, but waits no SYN timeout.
    expect(late.fct("y")).toBeLessThan(0.1);
    expect(late.draws()).toBe(0);
    // DCTCP with K = 5 at s → r: the bursts are marked above K and dropped above the buffer, but a marking port records no overflow for handshakes.
    const marking = incast(() => 0, { cc: "dctcp" }, 5);
    marking.send("x0", "h0", 100, 0, false);
    marking.send("x1", "h1", 100, 0, false);
    marking.send("y", "h2", 10, 50e-6, true);
    marking.sim.run();
    expect(marking.draws()).toBe(0);
    expect(marking.fct("y")).toBeLessThan(0.1);
  });

  it("a draw at or above the share lets it through", () => {
    const c = incast(() => 0.45);
    c.send("x0", "h0", 100, 0, false);
    c.send("x1", "h1", 100, 0, false);
    c.send("y", "h2", 10, 50e-6, true);
    c.sim.run();
    expect(c.draws()).toBe(1);
    expect(c.fct("y")).toBeLessThan(0.1);
  });
});

// LossPorts and handshakes: a drop-tail port overflowing under flows in congestion avoidance drops a SYN or SYN-ACK that arrives meanwhile at its drop share, and the flow waits out the SYN timeout.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { HandshakeLosses } from "../../../src/transport/tcp/HandshakeLosses.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { TcpFlows } from "../../../src/transport/tcp/TcpFlows.js";
import { TCP_DEFAULTS, type TcpOptions } from "../../../src/transport/TransportSpec.js";
import { transportNetwork } from "../transportModels.js";
import { lossPortNetwork, PACKET_BYTES } from "./lossPortNetwork.js";

describe("LossPorts: an overflow in avoidance drops handshakes too", () => {
  // Two NewReno flows a → b bound at s → b (1 Gb/s, 20 packets, round trip 100 µs) grow one
  // packet each per round trip: the full buffer drops the 2 packets they grow by in the round trip
  // before the losses are told, while it drains 1.25e8 · 100e-6 / 1502 = 8.32 packets. Whatever
  // else arrives then is dropped as often: 2 / (8.32 + 2) of it, for 100 µs.
  function overflowing(handshakeRandom: RandomStream) {
    const { n, route, t, o } = lossPortNetwork();
    const handshakes = new HandshakeLosses(n.topology.resourceCount, n.topology.channelCount, handshakeRandom);
    const told: Array<{ r: number; share: number; fromS: number; untilS: number }> = [];
    const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
      rttNow: () => 100e-6,
      lost: (f) => {
        t.phase[f] = TcpPhase.Steady;
      },
      recovering: () => {},
      dropping: (r, share, untilS) => {
        told.push({ r, share, fromS: n.sim.nowS, untilS });
        handshakes.overflowing(r, share, n.sim.nowS, untilS);
      },
    }, new ListPool(), randomStream(1, "lossPorts"));
    const ids = [1e9, 1e9].map((bytes) => n.network.startFlow(route, bytes));
    for (const f of ids) {
      t.reserve(f + 1);
      t.setOptions(f, o);
      t.phase[f] = TcpPhase.Avoidance;
      t.cwnd[f] = 9;
      t.lastS[f] = 0;
      t.epochS[f] = 0;
      t.baseRttS[f] = 0;
    }
    for (const f of ids) ports.join(f, 2);
    ports.update();
    n.sim.run({ untilS: 150e-6 });
    return { told, handshakes };
  }

  it("tells the port's drop share and the round trip it lasts", () => {
    const { told } = overflowing(randomStream(1, "handshakes"));
    expect(told).toHaveLength(1);
    const drained = (1.25e8 * 100e-6) / PACKET_BYTES;
    expect(told[0].r).toBe(2);
    expect(told[0].share).toBeCloseTo(2 / (drained + 2), 12);
    expect(told[0].untilS - told[0].fromS).toBeCloseTo(100e-6, 15);
  });

  it("a SYN-ACK crossing it back (b → a: its reverse channel s → b) is lost at that share over many draws, and none after it ends", () => {
    const { told, handshakes } = overflowing(randomStream(7, "handshakes"));
    const { fromS, untilS, share } = told[0];
    // Route b → s → a: channels 3 (b → s) and 1 (s → a); its SYN-ACK comes back over 0 and 2 (the overflowing s → b).
    const back = Int32Array.of(3, 1);
    const draws = 40_000;
    let lost = 0;
    for (let i = 0; i < draws; i++) if (handshakes.lost(back, fromS, (fromS + untilS) / 2)) lost++;
    const sd = Math.sqrt((share * (1 - share)) / draws);
    expect(Math.abs(lost / draws - share)).toBeLessThan(4 * sd);
    for (let i = 0; i < 1000; i++) expect(handshakes.lost(back, untilS, untilS)).toBe(false);
  });
});

describe("TcpFlows: a handshake crossing a port that flows in avoidance overflow", () => {
  // h0, h1 —10 Gb/s— s —10 Gb/s, 10 packets— r. Two long NewReno flows h0, h1 → r settle into
  // avoidance bound at s → r, whose buffer overflows every few round trips. Short flows r → h2
  // start through the run: their SYN-ACKs come back over h2 → s → r, so one that starts while s → r
  // overflows is lost there (the handshake stream here always draws 0: lost at any share).
  it("a short flow starting then waits out the SYN timeout: FCT ≥ 1 s, one timeout", () => {
    const C = 1.25e9;
    const P = 1502;
    const hosts = ["h0", "h1", "h2"];
    const links: LinkSpec[] = [
      ...hosts.map((h) => ({ from: h, to: "s", bandwidthBps: C, latencyS: 1e-6 })),
      { from: "s", to: "r", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 10 * P },
    ];
    const n = transportNetwork([...hosts, "s", "r"], links);
    const flows = new TcpFlows(n.sim, n.network, n.queues, n.topology, randomStream(1, "losses"), () => 0, randomStream(1, "phases"), randomStream(1, "drops"));
    const o: TcpOptions = { ...TCP_DEFAULTS, cc: "newreno", headerBytes: 54, synTimeoutS: 1 };
    const index = flows.addOptions(o);
    const node = (name: string) => n.topology.nodeIndex.get(name)!;
    const fct = new Map<number, number>();
    const costs = new Map<number, { timeouts: number; handshakeS: number }>();
    const start = (src: string, dst: string, bytes: number, atS: number) =>
      n.sim.at(atS, () => {
        const route = n.router.route(node(src), node(dst), 0)!;
        const f = flows.start(index, route, bytes, undefined, undefined, 1, o.initialWindowSegments, 0, () => {
          fct.set(f, n.sim.nowS - atS);
          const c = flows.costOf(f)!;
          costs.set(f, { timeouts: c.timeouts, handshakeS: c.handshakeS });
        });
        if (src === "r") shorts.push(f);
      });
    const shorts: number[] = [];
    start("h0", "r", 40e6, 0);
    start("h1", "r", 40e6, 0);
    // Past slow start (the first bursts' overflows are over by 2 ms): 400 short flows 7 µs apart.
    for (let i = 0; i < 400; i++) start("r", "h2", 10 * 1448, 5e-3 + i * 7e-6);
    n.sim.run({ untilS: 10 });
    expect(shorts).toHaveLength(400);
    const waited = shorts.filter((f) => fct.get(f)! >= 1);
    // Some start while the port overflows (a round trip of every few), most do not.
    expect(waited.length).toBeGreaterThan(0);
    expect(waited.length).toBeLessThan(200);
    for (const f of waited) {
      expect(costs.get(f)!.timeouts).toBe(1);
      expect(costs.get(f)!.handshakeS).toBeGreaterThanOrEqual(1);
      expect(fct.get(f)!).toBeLessThan(1.01);
    }
    for (const f of shorts) if (!waited.includes(f)) expect(costs.get(f)!.handshakeS).toBeLessThan(1e-3);
  });
});

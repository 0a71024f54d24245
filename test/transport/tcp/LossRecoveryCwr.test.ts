// DCTCP incast losses in CWR: a response whose ECE came before its duplicate ACKs resends a hole only once three segments are SACKed above it, so small responses time out where large ones recover.
import { describe, expect, it } from "vitest";
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES, transportNetwork } from "../transportModels.js";

const P = 1448 + NS3_HEADER_BYTES;

/**
 * `senders` hosts each send `bytes` to h0 through one switch at once, every 10 ms for 10 rounds:
 * 10 Gb/s, 1 µs links, 100 packets of buffer per port, DCTCP marking at K = 20 packets (as
 * bench/ns3's incast-dctcp-36x20k at its last hop); DCTCP, IW 10, an ACK per segment, min RTO
 * 200 ms. Returns how many responses timed out (FCT over 100 ms) and how many there were.
 */
function incast(senders: number, bytes: number) {
  const nodes = ["sw", "h0"];
  const links: LinkSpec[] = [{ from: "sw", to: "h0", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: 100 * P, ecnThresholdBytes: 20 * P }];
  for (let i = 1; i <= senders; i++) {
    nodes.push(`h${i}`);
    links.push({ from: `h${i}`, to: "sw", bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: 100 * P, ecnThresholdBytes: 20 * P });
  }
  const t = transportNetwork(nodes, links, { dctcp: true });
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: NS3_HEADER_BYTES, delayedAck: 1 });
  const results: TransferResult[] = [];
  for (let round = 0; round < 10; round++)
    t.sim.at(0.001 + 0.01 * round, () => {
      for (let i = 1; i <= senders; i++) ctx.startTransfer({ id: `q${round}_${i}`, src: `h${i}`, dst: "h0", sizeBytes: bytes }, (r) => results.push(r));
    });
  t.sim.run();
  return { responses: results.length, timedOut: results.filter((r) => r.finishS - r.startS > 0.1).length };
}

describe("tcp (DCTCP): losses told in CWR", () => {
  it("36 × 20 KB: most responses, their last holes with fewer than three segments behind, time out", () => {
    // ns-3 3.37 (bench/ns3 incast-dctcp-36x20k, `tracedrops` + the socket's Tx trace): every response
    // enters CWR on its first ACKs (ECE) and loses packets; the 163 whose last hole has three or more
    // segments sent and delivered above it resend their holes in CWR and finish, and the 197 with
    // fewer time out. A response has 14 segments, 4 beyond its first flight,
    // which meet the same full buffer. Without the CWR rule, three duplicate ACKs from any survivor
    // behind the first hole or new data told every loss of a surviving burst: 81 of 360 timed out.
    const r = incast(36, 20e3);
    expect(r.responses).toBe(360);
    expect(r.timedOut).toBeGreaterThan(r.responses / 2);
  });

  it("32 × 64 KB: a response with 35 segments beyond its first flight has its last hole told, and rarely times out", () => {
    // ns-3 (incast-dctcp, round 0): all 32 responses lose 1–7 packets in CWR, every last hole has
    // 20 or more segments above it, and the 4 that time out lost a retransmission.
    // Known gap (bench/ns3/README.md, "Session 39, second pass"): that network has a 200-packet
    // last hop behind a leaf-spine. ns-3 on this test's own one-switch, 100-packet network
    // (`npx tsx bench/ns3/oneSwitchIncast.ts 32 64000 100 [SEED] > c.txt`, then `OUT c.txt c.csv`
    // with OUT built by `sh bench/ns3/build.sh OUT`; as written and seeds 1–6) times out 269–270
    // of 320, nearly all by a lost retransmission, which the model does not yet make. The bound
    // below keeps the model's behaviour on incast-dctcp's figures; it should take ns-3's own count
    // for this network once a rule for lost retransmissions lands.
    const r = incast(32, 64e3);
    expect(r.responses).toBe(320);
    expect(r.timedOut).toBeLessThan(r.responses / 4);
  });
});

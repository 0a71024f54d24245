// oneSwitchIncast: the tests' one-switch incast — `senders` hosts send to h0 through one switch at once, every 10 ms for 10 rounds (bench/ns3/oneSwitchIncast.ts's network).
import type { LinkSpec } from "../../../src/net/TopologyBuilder.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES, transportNetwork } from "../transportModels.js";

const P = 1448 + NS3_HEADER_BYTES;

/**
 * `senders` hosts h1… each send `bytes` to h0 through one switch at once, at 1 ms and every
 * 10 ms after for 10 rounds: 10 Gb/s, 1 µs links, 100 packets of drop-tail buffer per port
 * (DCTCP: marking at K = 20 packets), IW 10, an ACK per segment, min RTO 200 ms, no handshake —
 * bench/ns3/oneSwitchIncast.ts's network. Returns how many responses finished and how many
 * timed out (FCT over 100 ms).
 */
export function oneSwitchIncast(senders: number, bytes: number, cc: "newreno" | "dctcp"): { responses: number; timedOut: number } {
  const marking = cc === "dctcp" ? { ecnThresholdBytes: 20 * P } : {};
  const port = { bandwidthBps: 1.25e9, latencyS: 1e-6, bufferBytes: 100 * P, ...marking };
  const nodes = ["sw", "h0"];
  const links: LinkSpec[] = [{ from: "sw", to: "h0", ...port }];
  for (let i = 1; i <= senders; i++) {
    nodes.push(`h${i}`);
    links.push({ from: `h${i}`, to: "sw", ...port });
  }
  const t = transportNetwork(nodes, links, { dctcp: cc === "dctcp" });
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc, handshake: "none", headerBytes: NS3_HEADER_BYTES, delayedAck: 1 });
  const results: TransferResult[] = [];
  for (let round = 0; round < 10; round++)
    t.sim.at(0.001 + 0.01 * round, () => {
      for (let i = 1; i <= senders; i++) ctx.startTransfer({ id: `q${round}_${i}`, src: `h${i}`, dst: "h0", sizeBytes: bytes }, (r) => results.push(r));
    });
  t.sim.run();
  return { responses: results.length, timedOut: results.filter((r) => r.finishS - r.startS > 0.1).length };
}

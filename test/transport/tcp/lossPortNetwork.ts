// lossPortNetwork: the LossPorts tests' fixture — a → s → b with a 1 Gb/s port of 20 packets at s → b, a route over it and a NewReno flow table.
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { transportNetwork } from "../transportModels.js";

/** A packet on the wire, bytes (MSS 1448 + 54 of headers). */
export const PACKET_BYTES = 1502;

/**
 * a —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs, 20-packet buffer— b (resource 2 is s → b), the route
 * a → s → b, and a flow table with one option set: NewReno, an ACK per segment, MSS 1448 B,
 * 54 B of headers, a 1 GB window (`o`, its index).
 */
export function lossPortNetwork() {
  const n = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6, bufferBytes: 20 * PACKET_BYTES },
  ]);
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
  const t = new TcpFlowTable();
  const o = t.options.push({ ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, mssBytes: 1448, headerBytes: 54, windowBytes: 1e9 }) - 1;
  return { n, route, t, o };
}

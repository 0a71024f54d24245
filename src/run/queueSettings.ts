// queueSettings: every resource's buffer and ECN marking threshold, from its link, the scenario's `queues` defaults, or the built-in ones.
import { PACKET_BYTES } from "../core/units.js";
import type { QueueSettings } from "../net/queues/QueueSettings.js";
import type { Topology } from "../net/Topology.js";
import type { Scenario } from "../scenario/Scenario.js";

/** Buffer of a port when neither its link nor `queues.buffer` gives one: 1,000 packets (Linux's default txqueuelen). */
export const DEFAULT_BUFFER_BYTES = 1000 * PACKET_BYTES;
/** DCTCP's marking threshold at 10 Gb/s recommended by Alizadeh et al. (SIGCOMM 2010, §3.4): 65 packets. */
export const DCTCP_K_AT_10G_BYTES = 65 * PACKET_BYTES;

/**
 * Buffers and marking thresholds for a run: a link's own `buffer`/`ecnThreshold`, else the
 * scenario's `queues` defaults, else 1,000 packets of buffer and no marking — except that a
 * scenario with any `dctcp` flow marks by default at 65 packets per 10 Gb/s of port speed
 * (DCTCP without marks would only ever see losses), never above the buffer.
 */
export function queueSettings(topology: Topology, scenario: Pick<Scenario, "queues" | "workloads" | "transport">): QueueSettings {
  const n = topology.resourceCount;
  const bufferBytes = new Float64Array(n);
  const ecnThresholdBytes = new Float64Array(n);
  const dctcp = scenario.workloads.some((w) => w.transport?.model === "tcp" && w.transport.cc === "dctcp");
  for (let r = 0; r < n; r++) {
    const own = topology.resourceBufferBytes[r];
    const buffer = Number.isNaN(own) ? scenario.queues?.bufferBytes ?? DEFAULT_BUFFER_BYTES : own;
    bufferBytes[r] = buffer;
    const k = topology.resourceEcnThresholdBytes[r];
    if (!Number.isNaN(k)) ecnThresholdBytes[r] = k;
    else if (scenario.queues?.ecnThresholdBytes !== undefined) ecnThresholdBytes[r] = scenario.queues.ecnThresholdBytes;
    else if (dctcp) ecnThresholdBytes[r] = Math.min(buffer, (DCTCP_K_AT_10G_BYTES * topology.resourceCapacityBps[r]) / (10e9 / 8));
  }
  return { bufferBytes, ecnThresholdBytes };
}

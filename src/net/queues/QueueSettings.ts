// QueueSettings: the buffer and the ECN marking threshold of every resource, bytes (fixed for a run).

/** Buffers and marking thresholds, per resource, in bytes. */
export interface QueueSettings {
  /** Buffer of each resource (a channel's egress port, or a node capacity), bytes. */
  bufferBytes: Float64Array;
  /** ECN marking threshold K of each resource, bytes; 0 where the port does not mark. */
  ecnThresholdBytes: Float64Array;
}

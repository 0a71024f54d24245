// FlowOptions: what a flow may be started with besides its route and size (weight, cap, start delay, completion callback, wire bytes).

/** Options of a flow. */
export interface FlowOptions {
  /**
   * The flow's weight in weighted max-min sharing: at a resource it binds on, its rate is
   * `weight ×` the resource's fair level. Positive; default 1.
   */
  weight?: number;
  /** The most the flow may be given, in bytes per second (a NIC, a policy or a transport's window); default none. */
  capBps?: number;
  /**
   * Seconds between the request (the flow's start time in reports) and its first byte
   * leaving, e.g. a connection handshake; the one-way latency follows. Default 0.
   */
  startDelayS?: number;
  /** Called when the last byte is delivered. */
  onComplete?: (flow: number) => void;
  /**
   * Bytes the flow puts on the wire, when more than its size (a transport's headers per
   * packet): what it drains. Its size (reports, ideal time) stays `sizeBytes`.
   */
  wireBytes?: number;
}

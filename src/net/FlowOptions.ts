// FlowOptions: what a flow may be started with besides its route and size (weight, cap, start delay, completion callback, wire bytes).

/** Options of a flow. */
export interface FlowOptions {
  weight?: number;
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

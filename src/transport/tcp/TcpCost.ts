// TcpCost: what a finished tcp transfer paid on top of max-min — the flows.csv columns of the tcp model.

/** What a finished tcp transfer paid on top of max-min (flows.csv columns). */
export interface TcpCost {
  /** Seconds of connection set-up before the first byte left (0 on a reused connection). */
  handshakeS: number;
  /** Seconds from the first byte until the window stopped limiting the flow (slow start and any regrowth after it). */
  slowStartS: number;
  /** Seconds the flow's packets waited in queues: in its handshake, before its first byte and in each slow-start round. */
  queueingS: number;
  /** Packets the flow lost (buffer overflow) and sent again. */
  retransmits: number;
  /** Retransmission timeouts the flow waited out. */
  timeouts: number;
  /** DCTCP: packets its ports marked (CE), a fluid count (`FlowMarks`); 0 for other congestion controls. */
  marks: number;
  /** DCTCP: window cuts for marks, slow start's counted and a sawtooth's expected (`FlowMarks`); 0 for others. */
  markCuts: number;
  /** Window cuts for losses: fast recoveries entered (timeouts not counted). */
  lossCuts: number;
}

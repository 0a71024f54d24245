// Connection: one application connection (an agent's TCP/TLS connection to a service endpoint) through its life.

/** Where a connection is in its life. */
export type ConnectionState = "opening" | "active" | "idle" | "closed";

/** The server side that counts a connection as open (a service replica), told when a client finds it expired. */
export interface ConnectionServer {
  expire(c: Connection): void;
}

/**
 * One connection from an agent (or a node's shared pool) to a service endpoint. Its object
 * identity is what the transport keys the connection's windows by (`TransferRequest.connection`).
 * It carries one call at a time (HTTP/1.1): `opening` while its first request travels and
 * waits to be accepted, `active` while it carries a call, `idle` between calls while kept
 * alive, `closed` for good. An idle connection closes once idle for `idleTimeoutS`; nothing
 * happens at that instant, so it is noticed when next looked at (by its client or its server),
 * which keeps a run from waiting out keep-alive timers after its last request.
 */
export class Connection {
  state: ConnectionState = "opening";
  /** When it last went idle, seconds (NaN before). */
  idleSinceS = NaN;
  /** How long it may stay idle before it closes, seconds (the shorter of the client's and the server's keep-alive). */
  idleTimeoutS = Infinity;
  /** The server side counting it open, if any (a service replica; none for an inference endpoint). */
  server: ConnectionServer | undefined;

  constructor(
    /** The endpoint (service or inference workload) it leads to. */
    readonly endpoint: string,
    /** Index of the endpoint replica it ends at (a service's), or −1 when the endpoint picks a replica per request (inference). */
    readonly replica: number,
  ) {}

  /** Whether it is idle and has been for its whole timeout at `nowS` (so it is closed by then). */
  expiredAt(nowS: number): boolean {
    return this.state === "idle" && nowS - this.idleSinceS >= this.idleTimeoutS;
  }

  /** Go idle at `nowS` for at most `timeoutS`. */
  park(nowS: number, timeoutS: number): void {
    this.state = "idle";
    this.idleSinceS = nowS;
    this.idleTimeoutS = timeoutS;
  }
}

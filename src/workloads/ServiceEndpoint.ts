// ServiceEndpoint: what a service or an inference workload offers to callers such as agents (one request in, one response out).
import type { ConnectionPool } from "./connections/ConnectionPool.js";
import type { ConnectionSpec } from "./connections/ConnectionSpec.js";
import type { RequestRecord } from "./WorkloadResults.js";
import type { WorkloadContext } from "./Workload.js";

/** The caller's side of its connections: the pool the call draws from (its agent's, or its node's) and how it keeps them. */
export interface CallerConnections {
  pool: ConnectionPool;
  spec: ConnectionSpec;
}

/**
 * One request a caller makes. The request and response bytes travel as flows on the
 * **caller's** context, so the caller's transport applies (a `tcp` population with new
 * connections pays the handshake on its request; the response rides the same connection,
 * see `TransferRequest.reply`). Flows internal to the endpoint (an inference KV-cache
 * hand-off, model weights) go on the endpoint's own context.
 */
export interface ServiceCall {
  /** Unique request id; prefix of its flow ids (`<id>-req`, `<id>-resp`, `<id>-tok1`, `<id>-out`). */
  id: string;
  /** Caller's workload (population) name and kind, copied into the record. */
  population: string;
  kind: string;
  /** Node the request leaves from and the response returns to. */
  clientNode: string;
  /** Request and response sizes drawn by the caller; an inference endpoint sizes its own from token counts. */
  requestBytes: number;
  responseBytes: number;
  /** The caller's context: carries the request and response flows. */
  ctx: WorkloadContext;
  /**
   * The caller's connections, when it keeps them (agents on `tcp`): the call rides an idle
   * connection of the pool to this endpoint, or opens one. Absent: the flows ride no modelled
   * connection (the transport's own pooling, if any, applies).
   */
  connections?: CallerConnections;
  /** Called once, when the response's last byte reaches the client. */
  onDone(record: RequestRecord): void;
}

/** A named target of calls: the `service` and `inference` workloads implement it. */
export interface ServiceEndpoint {
  readonly name: string;
  /** Take a request now (at the caller's ctx.nowS()). Endpoints have been started before any call. */
  call(call: ServiceCall): void;
}

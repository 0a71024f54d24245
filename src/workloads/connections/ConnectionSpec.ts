// ConnectionSpec: how an agent population holds its connections to services (pool, reuse, keep-alive, TLS).

/** Default client keep-alive: an idle connection is closed after 90 s (Go's net/http DefaultTransport IdleConnTimeout). */
export const CLIENT_KEEP_ALIVE_S = 90;

/**
 * How a population's agents hold connections (set when its transport has connections,
 * i.e. `tcp`; without it calls ride no modelled connection).
 */
export interface ConnectionSpec {
  /** Keep a connection open after its response for later calls (HTTP keep-alive), or close it (a new one per request). */
  persistent: boolean;
  /** The client closes a connection idle this long, seconds (the service may close it sooner: the shorter wins). */
  keepAliveS: number;
  /** Whose pool: every agent its own (`agent`), or all agents on a node share one (`node`: a proxy, a shared HTTP client). */
  pool: "agent" | "node";
  /** Whether opening one costs the service a TLS handshake (the transport's handshake includes TLS: tls1.2, tls1.3, quic, quic-0rtt). */
  tls: boolean;
}

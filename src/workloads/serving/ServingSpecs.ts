// ServingSpecs: the engine-unit specs of the service and inference workloads and of their distributions.

/** How a request picks a replica: in turn, the one with fewest outstanding requests, or the one closest to the caller. */
export type BalancePolicy = "round-robin" | "least-loaded" | "nearest";

/** The balance policies, for messages and the schema. */
export const BALANCE_POLICIES = ["round-robin", "least-loaded", "nearest"] as const;

/** A duration distribution, seconds. */
export type TimeSpec = { fixed: number } | { exponential: { meanS: number } } | { lognormal: { medianS: number; sigma: number } };

/** A token-count distribution (whole tokens, at least 1). */
export type TokenSpec =
  | { fixed: number }
  | { exponential: { mean: number } }
  | { uniform: { min: number; max: number } }
  | { lognormal: { median: number; sigma: number } };

/**
 * A service's side of its callers' connections (agents on `tcp`, which keep connections):
 * what a new TLS connection costs a replica, how many it holds open, how long it keeps an idle one.
 */
export interface ServiceConnections {
  /** CPU time of one TLS handshake, taken on the replica's workers (one of its `concurrency` slots) like a request. */
  tlsHandshake: TimeSpec;
  /** Most connections open at once per replica (Infinity: no limit); at the limit new ones wait in a FIFO accept queue. */
  limit: number;
  /** The service closes a connection idle this long, seconds (the client may close it sooner: the shorter wins). */
  keepAliveS: number;
}

/**
 * Defaults of {@link ServiceConnections}: 0.5 ms of CPU per TLS handshake (NGINX's sizing guide
 * measured over 2,000 new TLS connections per second per core with ECDHE-ECDSA P-256, each with
 * a small request: at most 0.5 ms each), no connection limit, and nginx's default
 * `keepalive_timeout` of 75 s.
 */
export const SERVICE_CONNECTION_DEFAULTS: ServiceConnections = { tlsHandshake: { fixed: 0.0005 }, limit: Infinity, keepAliveS: 75 };

/** A generic service: replicas on nodes, each serving `concurrency` requests at once from its own FIFO queue. */
export interface ServiceSpec {
  kind: "service";
  name: string;
  /** One replica per node. */
  nodes: string[];
  serviceTime: TimeSpec;
  /** Requests served at once per replica; more wait in the replica's queue. */
  concurrency: number;
  balance: BalancePolicy;
  /** Its side of the callers' connections (used only by callers that keep connections). */
  connections: ServiceConnections;
}

/** t = baseS + perUnitS · x: a prefill iteration (x = prompt tokens in it) or a decode step (x = sequences in the batch). */
export interface LinearTime {
  baseS: number;
  perUnitS: number;
}

/** An LLM inference service on GPUs, node ids already resolved. */
export interface InferenceSpec {
  kind: "inference";
  name: string;
  /** Replicas that prefill and decode (colocated); empty when disaggregated. */
  gpus: string[];
  /** Prefill/decode disaggregation: separate pools, the KV cache moved between them as a flow. */
  disaggregation?: { prefillGpus: string[]; decodeGpus: string[]; kvBytesPerToken: number };
  prompt: TokenSpec;
  output: TokenSpec;
  /** Request bytes on the wire: prompt tokens × bytesPerToken + requestOverheadBytes. */
  bytesPerToken: number;
  requestOverheadBytes: number;
  /** Bytes on the wire per streamed output token. */
  tokenBytes: number;
  prefill: LinearTime;
  decode: LinearTime;
  /** Most sequences in a replica's running batch (and in one prefill iteration). */
  maxBatch: number;
  balance: BalancePolicy;
  /** Every replica first loads `weightsBytes` from a storage node (replica i from storageNodes[i mod n]). */
  coldStart?: { weightsBytes: number; storageNodes: string[] };
}

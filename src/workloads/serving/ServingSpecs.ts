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

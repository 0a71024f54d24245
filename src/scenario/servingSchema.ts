// servingSchema: the zod schemas of the `service` and `inference` workloads (human units in, engine units out).
import * as z from "zod";
import { BALANCE_POLICIES } from "../workloads/serving/ServingSpecs.js";
import { baseSchemas, lognormalSchema, once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The schemas of service and inference workloads, built on first use. */
export const servingSchemas = once(() => {
  const { id, transportSchema } = baseSchemas();

  const balanceSchema = z
    .enum(BALANCE_POLICIES)
    .default("round-robin")
    .meta({ description: "How a request picks a replica: round-robin, least-loaded (fewest outstanding) or nearest (lowest route latency, then hops, then load)" });

  /** A duration distribution: a fixed time, exponential or lognormal. */
  const timeDistribution = z.union([
    quantity("time", "nonnegative"),
    strict({ exponential: strict({ mean: quantity("time", "positive") }) }),
    strict({ lognormal: lognormalSchema(quantity("time", "positive"), z.number().positive({ error: "sigma must be > 0" })) }),
  ]);

  const positiveNumber = (what: string) => z.number({ error: `${what} must be a number` }).positive({ error: `${what} must be > 0` });

  /** A token-count distribution: a whole number, exponential, uniform over min…max or lognormal. */
  const tokenDistribution = z.union([
    positiveInt("a token count"),
    strict({ exponential: strict({ mean: positiveNumber("mean") }) }),
    strict({ uniform: strict({ min: positiveInt("min"), max: positiveInt("max") }) }).refine((u) => u.uniform.min <= u.uniform.max, {
      error: "uniform min must be ≤ max",
      path: ["uniform", "max"],
    }),
    strict({ lognormal: lognormalSchema(positiveNumber("median"), positiveNumber("sigma")) }),
  ]);

  /** The `service` workload. */
  const serviceSchema = strict(
    {
      name: id,
      nodes: z.array(id).min(1, { error: "a service needs at least one node (one replica per node)" }),
      serviceTime: timeDistribution.meta({ description: 'Time to serve one request: "5ms", { exponential: { mean: 5ms } } or { lognormal: { median, sigma } }' }),
      concurrency: positiveInt("concurrency").default(1).meta({ description: "Requests served at once per replica (default 1); more wait in its FIFO queue" }),
      balance: balanceSchema,
      connections: strict(
        {
          tlsHandshake: timeDistribution
            .optional()
            .meta({ description: "CPU time per new TLS connection, on the replica's slots like a request (default 0.5ms: NGINX, ECDHE-ECDSA P-256)" }),
          limit: positiveInt("limit").optional().meta({ description: "Most connections open at once per replica (default no limit); more wait in a FIFO accept queue" }),
          keepAlive: quantity("time", "nonnegative", "The service closes a connection idle this long (default 75s, nginx's keepalive_timeout)").optional(),
        },
        "The service's side of its callers' connections (agents on the tcp transport keep connections)",
      ).optional(),
    },
    "A request/response service that agents call by name: replicas on nodes, a queue per replica",
  );

  const poolSchema = strict(
    {
      gpus: z.array(id).min(1, { error: "gpus needs at least one GPU" }).optional(),
      replicas: positiveInt("replicas").optional(),
    },
    "A pool of replicas: explicit GPUs, or a count placed on the cluster's GPUs",
  );

  const baseTime = quantity("time", "nonnegative", "Fixed time per iteration").prefault("0s");

  const prefillSchema = strict(
    { base: baseTime, perToken: quantity("time", "nonnegative", "Time per prompt token in the iteration").prefault("0s") },
    "A prefill iteration takes base + perToken × (prompt tokens admitted in it)",
  );

  const decodeSchema = strict(
    { base: baseTime, perSequence: quantity("time", "nonnegative", "Time per sequence in the batch").prefault("0s") },
    "A decode step takes base + perSequence × (sequences in the batch) and yields one token for each",
  );

  /** The `inference` workload. */
  const inferenceSchema = strict(
    {
      name: id,
      gpus: z.array(id).min(1, { error: "gpus needs at least one GPU" }).optional().meta({ description: "One replica per listed GPU" }),
      replicas: positiveInt("replicas").optional().meta({ description: "Replicas spread over the topology's GPUs (nodes of kind gpu)" }),
      disaggregation: strict(
        {
          prefill: poolSchema,
          decode: poolSchema,
          kvBytesPerToken: quantity("size", "positive", "KV-cache bytes per prompt token moved from prefill to decode"),
        },
        "Separate prefill and decode pools; each request's KV cache moves between them as a flow",
      ).optional(),
      prompt: tokenDistribution.meta({ description: "Prompt tokens per request" }),
      output: tokenDistribution.meta({ description: "Output tokens per request" }),
      bytesPerToken: quantity("size", "nonnegative", "Request bytes per prompt token").prefault("4B"),
      requestOverhead: quantity("size", "nonnegative", "Fixed request bytes on top").prefault("0B"),
      tokenBytes: quantity("size", "nonnegative", "Bytes per streamed output token").prefault("4B"),
      prefill: prefillSchema.prefault({}),
      decode: decodeSchema.prefault({}),
      maxBatch: positiveInt("maxBatch").default(1).meta({ description: "Most sequences in a replica's batch (default 1)" }),
      balance: balanceSchema,
      coldStart: strict(
        {
          weights: quantity("size", "positive", "Model weights each replica loads before serving"),
          from: z.array(id).min(1).optional().meta({ description: "Storage nodes (default every node of kind storage); replica i loads from from[i mod n]" }),
        },
        "Replicas start cold and load the weights from storage as a flow",
      ).optional(),
      transport: transportSchema.optional(),
    },
    "LLM inference on GPUs: continuous batching, optional prefill/decode disaggregation and cold start",
  ).superRefine((v, ctx) => {
    const given = (["gpus", "replicas", "disaggregation"] as const).filter((k) => v[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: "custom", path: given.length > 1 ? [given[1]] : [], message: "give exactly one of gpus, replicas or disaggregation" });
    }
    for (const pool of ["prefill", "decode"] as const) {
      const p = v.disaggregation?.[pool];
      if (p && (p.gpus === undefined) === (p.replicas === undefined)) {
        ctx.addIssue({ code: "custom", path: ["disaggregation", pool], message: "give exactly one of gpus or replicas" });
      }
    }
  });
  return { serviceSchema, inferenceSchema };
});

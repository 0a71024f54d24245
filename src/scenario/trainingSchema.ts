// trainingSchema: the zod schema of a `training` workload (a GPU training job) in a scenario file.
import * as z from "zod";
import { GRANULARITIES } from "../workloads/collectives/Granularity.js";
import { baseSchemas, once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The schema of a training workload, built on first use. */
export const trainingSchemas = once(() => {
  const { id, transportSchema } = baseSchemas();

  const positiveNumber = (what: string) =>
    z.number({ error: (iss) => `${what} must be a number, found ${JSON.stringify(iss.input)}` }).positive({ error: `${what} must be > 0` });

  const computeSchema = z.union([
    strict(
      {
        iteration: quantity("time", "positive", "Forward + backward compute of one iteration on one GPU, without pipeline bubbles"),
        optimizer: quantity("time", "nonnegative", "Optimizer step after the gradients are reduced (default 0s)").prefault("0s"),
      },
      "Compute per iteration given as a time",
    ),
    strict(
      {
        flopsPerIteration: positiveNumber("flopsPerIteration").meta({ description: "FLOPs of forward + backward of one iteration of the whole job" }),
        gpuPeak: positiveNumber("gpuPeak").meta({ description: "Peak FLOP/s of one GPU, e.g. 989e12" }),
        efficiency: positiveNumber("efficiency").max(1, { error: "efficiency must be ≤ 1" }).meta({ description: "Share of peak reached (model FLOPs utilisation), in (0, 1]" }),
        optimizer: quantity("time", "nonnegative", "Optimizer step after the gradients are reduced (default 0s)").prefault("0s"),
      },
      "Compute per iteration from FLOPs: flopsPerIteration / (GPUs · gpuPeak · efficiency)",
    ),
  ]);

  /** A training job: GPUs, parallelism, model, compute, collectives, pipeline, storage. */
  const trainingSchema = strict(
    {
      name: id.optional(),
      gpus: positiveInt("gpus").optional().meta({ description: "The first N GPUs (host-major) of the topology, or of `cluster`" }),
      cluster: z.string().optional().meta({ description: "With gpus: the prefix of the gpuCluster to take them from" }),
      hosts: z.array(id).min(1).optional().meta({ description: "Every GPU h{i}g{j} of these gpuCluster hosts h{i}" }),
      gpuList: z.array(id).min(1).optional().meta({ description: "Explicit GPU node ids, in rank order" }),
      parallelism: strict(
        {
          dp: positiveInt("parallelism.dp").optional().meta({ description: "Data-parallel replicas (default GPUs / (tp·pp))" }),
          tp: positiveInt("parallelism.tp").default(1),
          pp: positiveInt("parallelism.pp").default(1),
          ep: positiveInt("parallelism.ep").default(1),
          tpGranularity: z
            .enum(["layer", "pass"])
            .default("layer")
            .meta({ description: "Tensor-parallel collectives per layer (Megatron: 2 per layer and pass), or merged into one per pass (same bytes, far fewer flows)" }),
          sequenceParallel: z.boolean().default(false).meta({ description: "Sequence parallelism (Korthikanti et al. 2022): each tensor-parallel all-reduce becomes an all-gather before and a reduce-scatter after its block" }),
        },
        "Rank layout (Megatron order): tp innermost, then pp, then dp; tp×pp×dp = GPUs; ep divides dp",
      ).prefault({}),
      model: strict({
        parameters: positiveNumber("model.parameters"),
        bytesPerParameter: positiveNumber("model.bytesPerParameter").default(2).meta({ description: "Bytes per weight and per gradient (default 2, bf16)" }),
        layers: positiveInt("model.layers").optional().meta({ description: "Transformer layers (needed with tp, pp or ep > 1)" }),
        activationSize: quantity("size", "positive", "Activation of one microbatch (b·s·h·bytes): pipeline send/recv and each tensor-parallel collective's buffer").optional(),
      }),
      compute: computeSchema,
      allReduce: strict(
        {
          algorithm: z.enum(["ring", "tree", "hierarchical"]).default("hierarchical"),
          bucketSize: quantity("size", "positive", "Gradient bucket (default 25MB)").prefault("25MB"),
          granularity: z.enum([...GRANULARITIES, "auto"]).default("auto").meta({ description: "Ring flows per step, per edge (pipelined), or auto: step up to 64 GPUs" }),
          chunks: positiveInt("allReduce.chunks").optional().meta({ description: "tree: chunks the buffer is pipelined in (default 8)" }),
        },
        "Data-parallel gradient all-reduce",
      ).prefault({}),
      pipeline: strict({
        microbatches: positiveInt("pipeline.microbatches").default(1),
        schedule: z.enum(["1f1b", "gpipe"]).default("1f1b"),
      }).prefault({}),
      expert: strict(
        {
          allToAllSize: quantity("size", "positive", "Bytes per rank of each all-to-all (dispatch, combine) of an MoE layer's pass"),
          parameters: positiveNumber("expert.parameters").meta({ description: "Expert parameters of the whole model (part of model.parameters): all-reduced only over the dp/ep replicas holding the same experts" }),
          every: positiveInt("expert.every").default(1).meta({ description: "Every k-th layer is an MoE layer (default 1: all; 2: every other)" }),
        },
        "Mixture of experts: MoE layers, their all-to-alls and expert parameters",
      ).optional(),
      input: strict({ from: id, size: quantity("size", "positive", "Bytes each data-parallel replica reads per iteration") }, "Input batch read before each iteration's forward pass").optional(),
      checkpoint: strict(
        {
          every: positiveInt("checkpoint.every"),
          to: id,
          bytesPerParameter: positiveNumber("checkpoint.bytesPerParameter").default(16).meta({ description: "Weights + optimizer state per parameter (default 16, mixed-precision Adam)" }),
        },
        "Blocking checkpoint write every `every` iterations",
      ).optional(),
      iterations: positiveInt("iterations").default(1),
      start: quantity("time", "nonnegative").prefault("0s"),
      transport: transportSchema.optional(),
    },
    "A GPU training job: data, tensor, pipeline and expert parallelism as flows (default transport rdma)",
  ).superRefine((t, ctx) => {
    // Finite factors can still overflow: gradient and checkpoint bytes must be finite too.
    const { parameters, bytesPerParameter } = t.model;
    if (!Number.isFinite(parameters * bytesPerParameter)) {
      ctx.addIssue({ code: "custom", path: ["model"], message: `parameters × bytesPerParameter (${parameters} × ${bytesPerParameter}) is not a finite number of bytes` });
    } else if (t.checkpoint && !Number.isFinite(parameters * t.checkpoint.bytesPerParameter)) {
      ctx.addIssue({ code: "custom", path: ["checkpoint", "bytesPerParameter"], message: `parameters × checkpoint.bytesPerParameter (${parameters} × ${t.checkpoint.bytesPerParameter}) is not a finite number of bytes` });
    }
  });
  return { trainingSchema };
});

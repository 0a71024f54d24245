// chakraSchema: the zod schema of a `chakra` workload (a replay of MLCommons Chakra execution traces) in a scenario file.
import * as z from "zod";
import { GRANULARITIES } from "../workloads/collectives/Granularity.js";
import { baseSchemas, once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The schema of a chakra workload, built on first use. */
export const chakraSchemas = once(() => {
  const { id, transportSchema } = baseSchemas();

  /** A Chakra trace replay: files `<trace>.<rank>.et`, rank r on the r-th GPU of the placement. */
  const chakraSchema = strict(
    {
      name: id.optional(),
      trace: z.string().min(1, { error: "trace must name the files' prefix, e.g. traces/job for traces/job.0.et, traces/job.1.et, …" }).meta({ description: "Path prefix of the per-rank files <trace>.<rank>.et (optionally gzipped), relative to the scenario file" }),
      ranks: positiveInt("ranks").optional().meta({ description: "Ranks of the trace (default: as many as there are files <trace>.0.et, <trace>.1.et, …)" }),
      gpus: positiveInt("gpus").optional().meta({ description: "The first N GPUs (host-major) of the topology, or of `cluster` (default: one per rank)" }),
      cluster: z.string().optional().meta({ description: "Take the GPUs from this gpuCluster prefix" }),
      hosts: z.array(id).min(1).optional().meta({ description: "Every GPU h{i}g{j} of these gpuCluster hosts h{i}" }),
      gpuList: z.array(id).min(1).optional().meta({ description: "Explicit GPU node ids, in rank order" }),
      groups: z
        .record(z.string(), z.array(z.int().min(0)).min(1))
        .optional()
        .meta({ description: "Members of each process group by pg_name, as ASTRA-sim's communicator-group file (default: the ranks whose files use it; no pg_name: every rank)" }),
      allReduce: strict(
        {
          algorithm: z.enum(["ring", "tree", "hierarchical"]).default("hierarchical"),
          granularity: z.enum([...GRANULARITIES, "auto"]).default("auto").meta({ description: "Ring flows per step, per edge (pipelined), or auto: step up to 64 ranks" }),
          chunks: positiveInt("allReduce.chunks").optional().meta({ description: "tree: chunks the buffer is pipelined in (default 8)" }),
        },
        "How ALL_REDUCE nodes run (as a training job's data-parallel all-reduce)",
      ).prefault({}),
      iterations: positiveInt("iterations").default(1).meta({ description: "Replays of the whole trace, each after every rank finished the previous one" }),
      start: quantity("time", "nonnegative").prefault("0s"),
      transport: transportSchema.optional(),
    },
    "Replay of MLCommons Chakra execution traces (the format ASTRA-sim reads) on the fabric (default transport rdma)",
  );
  return { chakraSchema };
});

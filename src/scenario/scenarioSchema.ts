// scenarioSchema: the zod schema of a scenario file (human units in, engine units out); also the source of the JSON Schema.
import { chakraSchemas } from "./chakraSchema.js";
import * as z from "zod";
import { agentsSchemas } from "./agentsSchema.js";
import { costSchemas } from "./costSchema.js";
import { fabricSchemas } from "./fabricSchemas.js";
import { eventsSchemas } from "./eventsSchema.js";
import { baseSchemas, once, positiveInt, quantity, strict } from "./schemaParts.js";
import { policySchemas } from "./policySchema.js";
import { servingSchemas } from "./servingSchema.js";
import { siteSchemas } from "./siteSchema.js";
import { trainingSchemas } from "./trainingSchema.js";

/** The kinds of workload, in the order of the union below (used by error messages). */
export const WORKLOAD_KINDS = ["transfer", "transfers", "traffic", "training", "service", "inference", "agents", "chakra"] as const;

/** What the schema produces: the file's structure with quantities already in engine units. */
export type ScenarioFile = z.output<ReturnType<typeof scenarioSchema>>;

/** The zod schema of a whole scenario file (input: human units; output: engine units), built on first use. */
export const scenarioSchema = once(() => {
  const { id, sizeSchema, transportSchema } = baseSchemas();
  const { chakraSchema } = chakraSchemas();
  const { agentsSchema } = agentsSchemas();
  const { costSchema } = costSchemas();
  const { clos3Schema, dragonflySchema, fatTreeSchema, gpuClusterSchema, leafSpineSchema, torusSchema } = fabricSchemas();
  const { eventSchema, reportSchema } = eventsSchemas();
  const { policySchema, teSchema } = policySchemas();
  const { inferenceSchema, serviceSchema } = servingSchemas();
  const { siteSchema, wanLinkSchema } = siteSchemas();
  const { trainingSchema } = trainingSchemas();

  const nodeSchema = strict({
    id,
    kind: z.string().min(1).optional().meta({ description: 'Label used for tiers in reports (default "host")' }),
    capacity: quantity("rate", "positive", "Throughput shared by every flow through this node").optional(),
    read: quantity("rate", "positive", "Throughput shared by the flows this node sources (a storage node's read bandwidth)").optional(),
    write: quantity("rate", "positive", "Throughput shared by the flows this node sinks (a storage node's write bandwidth)").optional(),
    site: id.optional().meta({ description: "The site the node belongs to (for routing policies and reports)" }),
  });

  const linkSchema = strict({
    from: id,
    to: id,
    bandwidth: quantity("rate", "positive"),
    latency: quantity("time", "nonnegative").prefault("0s"),
    buffer: quantity("buffer", "positive", "Buffer of each of the link's two ports (default: queues.buffer)").optional(),
    ecnThreshold: quantity("buffer", "positive", "ECN marking threshold K of each of the link's two ports (default: queues.ecnThreshold)").optional(),
  });

  const queuesSchema = strict(
    {
      buffer: quantity("buffer", "positive", 'Buffer of every port (channel) and node capacity, in packets ("100pkt", 1500 B each) or bytes (default 1000pkt)').optional(),
      ecnThreshold: quantity(
        "buffer",
        "positive",
        "ECN marking threshold K of every port (default: none; with any dctcp flow, 65 packets at 10 Gb/s scaled with the port's speed)",
      ).optional(),
    },
    "Buffers and ECN marking at ports (used by the tcp and rdma transports; maxmin ignores them)",
  );

  const topologyPartSchema = strict({
    nodes: z.array(nodeSchema).default([]),
    links: z.array(linkSchema).default([]),
    fatTree: fatTreeSchema.optional(),
    leafSpine: leafSpineSchema.optional(),
    gpuCluster: gpuClusterSchema.optional(),
    clos3: clos3Schema.optional(),
    torus: torusSchema.optional(),
    dragonfly: dragonflySchema.optional(),
    sites: z.array(siteSchema).optional(),
    wan: z.array(wanLinkSchema).optional(),
  });

  const transferSchema = strict(
    {
      id: id.optional(),
      src: id,
      dst: id,
      size: quantity("size", "nonnegative"),
      start: quantity("time", "nonnegative").prefault("0s"),
      path: z.array(id).min(2, { error: "a path lists at least the source and the destination" }).optional(),
      weight: z.number().positive({ error: "weight must be > 0" }).optional(),
      cap: quantity("rate", "positive").optional(),
      repeat: strict({ count: positiveInt("repeat.count"), every: quantity("time", "positive") }).optional(),
      transport: transportSchema.optional(),
    },
    "One bulk transfer of `size` bytes from src to dst",
  );

  const transfersSchema = strict(
    {
      name: id.optional().meta({ description: 'Workload name (default "transfers<index>")' }),
      file: z
        .string()
        .min(1, { error: "file must not be empty" })
        .meta({ description: "CSV file of transfers, relative to the scenario file: a header row (id, src, dst, size or size_bytes, start or start_s, optional path), then one transfer per row" }),
      format: z
        .enum(["csv", "hpcc", "htsim"])
        .optional()
        .meta({ description: "How the file is written: csv (default), hpcc (HPCC/ns-3 flow.txt) or htsim (a connection matrix); see docs/scenarios.md" }),
      nodes: z
        .string()
        .min(1, { error: "nodes must not be empty" })
        .optional()
        .meta({ description: 'hpcc and htsim files: how an integer node number i names a node — "hosts" (default: the i-th node of kind host) or a template such as "gpu{i}"' }),
      transport: transportSchema.optional(),
    },
    "Bulk transfers listed in a CSV file, one per row (a trace replay); see docs/scenarios.md",
  );

  const trafficSchema = strict(
    {
      name: id.optional(),
      hosts: z.array(id).optional(),
      pattern: z.enum(["uniform", "permutation", "incast", "all-to-all"]),
      load: z
        .number({ error: (iss) => `load must be a fraction in (0, 1], found ${JSON.stringify(iss.input)}` })
        .gt(0, { error: "load must be > 0" })
        .max(1, { error: "load must be ≤ 1 (a fraction of the access capacity)" }),
      size: sizeSchema,
      fanIn: positiveInt("fanIn").optional(),
      start: quantity("time", "nonnegative").prefault("0s"),
      duration: quantity("time", "positive").optional(),
      flows: positiveInt("flows").optional(),
      transport: transportSchema.optional(),
    },
    "Synthetic traffic among hosts at a fraction of their access capacity",
  );


  const workloadSchema = z.union([
    strict({ transfer: transferSchema }),
    strict({ transfers: transfersSchema }),
    strict({ traffic: trafficSchema }),
    strict({ training: trainingSchema }),
    strict({ service: serviceSchema }),
    strict({ inference: inferenceSchema }),
    strict({ agents: agentsSchema }),
    strict({ chakra: chakraSchema }),
  ]);

  const schema = strict({
    $schema: z.string().optional(),
    name: id.optional(),
    // One sentence for every way a seed is wrong (not a number, a fraction, below 0, beyond 2⁵³ − 1 where a double stops counting by 1).
    seed: z.int({ error: (iss) => `seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, found ${JSON.stringify(iss.input)}` }).min(0).default(1),
    description: z.string().optional(),
    until: quantity("time", "positive").optional(),
    routing: strict({
      metric: z.enum(["hops", "latency"]).default("hops"),
      convergence: quantity("time", "nonnegative", "Detection and convergence delay after a link or node goes down or up, before routes change (default 0s)").prefault("0s"),
      te: teSchema.optional(),
    }).prefault({}),
    policies: z.array(policySchema).default([]).meta({ description: "Routing policies (data sovereignty) binding named workloads" }),
    transport: transportSchema.optional(),
    queues: queuesSchema.optional(),
    topology: z.union([topologyPartSchema, z.array(topologyPartSchema).min(1)]),
    workloads: z.array(workloadSchema).default([]),
    cost: costSchema.optional(),
    events: z.array(eventSchema).default([]).meta({ description: "Timeline of failures, recoveries, capacity and latency changes and surges (see docs/scenarios.md)" }),
    report: reportSchema.optional(),
  });
  return schema;
});

// scenarioSchema: the zod schema of a scenario file (human units in, engine units out); also the source of the JSON Schema.
import { z } from "zod";
import { closest } from "../net/TopologyBuilder.js";
import { HANDSHAKES, TRANSPORT_MODELS } from "../transport/TransportSpec.js";
import { parseQuantity, unitExamples, unitSuffixes, type UnitKind } from "../core/units.js";

const NOUNS: Record<UnitKind, string> = { size: "size", rate: "bandwidth", time: "time" };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A string quantity such as "100Gbps" parsed into engine units. `min` "positive" demands
 * > 0; otherwise ≥ 0. The JSON Schema shows a string with a pattern listing the units.
 */
function quantity(kind: UnitKind, min: "positive" | "nonnegative", what?: string) {
  const units = unitSuffixes(kind)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join("|");
  const pattern = new RegExp(`^\\s*\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s?(?:${units})\\s*$`);
  const reason = (input: unknown): string => {
    const r = parseQuantity(input, kind);
    if (!r.ok) return r.reason;
    if (r.value < 0) return `${JSON.stringify(input)} is negative — a ${NOUNS[kind]} must be ${min === "positive" ? "> 0" : "≥ 0"}`;
    return `${JSON.stringify(input)} is not a valid ${NOUNS[kind]}`;
  };
  return z
    .string({ error: (iss) => reason(iss.input) })
    .regex(pattern, { error: (iss) => reason(iss.input) })
    .transform((text, ctx) => {
      const r = parseQuantity(text, kind);
      if (!r.ok) {
        ctx.issues.push({ code: "custom", message: r.reason, input: text });
        return z.NEVER;
      }
      if (min === "positive" && r.value <= 0) {
        ctx.issues.push({ code: "custom", message: `${JSON.stringify(text)} must be > 0`, input: text });
        return z.NEVER;
      }
      return r.value;
    })
    .meta({ description: `${what ? `${what}: a` : "A"} ${NOUNS[kind]} with a unit, e.g. ${unitExamples(kind)}` });
}

/** A strict object: unknown keys are rejected with a "did you mean" hint. */
function strict<T extends z.core.$ZodLooseShape>(shape: T, description?: string) {
  const known = Object.keys(shape);
  const schema = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== "unrecognized_keys") return undefined;
      const key = iss.keys[0];
      const near = closest(key, known);
      const hint = near ? ` (did you mean "${near}"?)` : ` — expected one of ${known.join(", ")}`;
      return `unknown key "${key}"${hint}`;
    },
  });
  return description ? schema.meta({ description }) : schema;
}

const id = z.string().min(1, { error: "an id must not be empty" });
const positiveInt = (what: string) =>
  z.int({ error: (iss) => `${what} must be an integer, found ${JSON.stringify(iss.input)}` }).min(1, { error: `${what} must be ≥ 1` });

const nodeSchema = strict({
  id,
  kind: z.string().min(1).optional().meta({ description: 'Label used for tiers in reports (default "host")' }),
  capacity: quantity("rate", "positive", "Throughput shared by every flow through this node").optional(),
});

const linkSchema = strict({
  from: id,
  to: id,
  bandwidth: quantity("rate", "positive"),
  latency: quantity("time", "nonnegative").prefault("0s"),
});

const fatTreeSchema = strict(
  {
    k: z
      .int({ error: "k must be an even integer ≥ 2" })
      .min(2, { error: "k must be an even integer ≥ 2" })
      .refine((k) => k % 2 === 0, { error: (iss) => `k must be even, found ${String(iss.input)}` }),
    bandwidth: quantity("rate", "positive"),
    latency: quantity("time", "nonnegative").prefault("0s"),
    prefix: z.string().default(""),
  },
  "A k-ary fat-tree: k³/4 hosts h0…, edge e{pod}_{i}, aggregation a{pod}_{i}, core c{j}",
);

const leafSpineSchema = strict(
  {
    leaves: positiveInt("leaves"),
    spines: positiveInt("spines"),
    hostsPerLeaf: positiveInt("hostsPerLeaf"),
    hostBandwidth: quantity("rate", "positive"),
    uplinkBandwidth: quantity("rate", "positive"),
    latency: quantity("time", "nonnegative").prefault("0s"),
    prefix: z.string().default(""),
  },
  "A leaf–spine fabric: hosts h{i}, leaves leaf{i}, spines spine{j}",
);

const gpuClusterSchema = strict(
  {
    hosts: positiveInt("hosts"),
    gpusPerHost: positiveInt("gpusPerHost"),
    nvlinkBandwidth: quantity("rate", "positive", "GPU–NVSwitch bandwidth per GPU"),
    nicBandwidth: quantity("rate", "positive", "NIC bandwidth per GPU"),
    railOptimized: z.boolean().default(true).meta({ description: "GPU j of every host on rail switch j (default true); false: a host's GPUs on its leaf" }),
    spines: positiveInt("spines"),
    uplinkBandwidth: quantity("rate", "positive", "Rail/leaf–spine bandwidth"),
    hostsPerLeaf: positiveInt("hostsPerLeaf").optional().meta({ description: "Hosts per leaf; only with railOptimized: false, and then required" }),
    latency: quantity("time", "nonnegative", "Latency of every NIC and uplink").prefault("0s"),
    nvlinkLatency: quantity("time", "nonnegative", "Latency of every GPU–NVSwitch link").prefault("0s"),
    prefix: z.string().default(""),
  },
  "A GPU cluster: GPUs h{i}g{j} on NVSwitch h{i}nvswitch, NICs on rails rail{j} (or leaves leaf{l}), spines spine{s}",
);

const topologyPartSchema = strict({
  nodes: z.array(nodeSchema).default([]),
  links: z.array(linkSchema).default([]),
  fatTree: fatTreeSchema.optional(),
  leafSpine: leafSpineSchema.optional(),
  gpuCluster: gpuClusterSchema.optional(),
});

const transportSchema = strict(
  {
    model: z.enum(TRANSPORT_MODELS).optional().meta({ description: 'How flows are carried (default "maxmin")' }),
    handshake: z.enum(HANDSHAKES).optional().meta({ description: 'tcp: set-up before data on a new connection (default "tls1.3")' }),
    initialWindow: positiveInt("initialWindow").optional().meta({ description: "tcp: initial congestion window, segments (default 10)" }),
    mss: quantity("size", "positive", "tcp: maximum segment size (default 1448B)").optional(),
    window: quantity("size", "positive", "tcp: receive/send window, rate ≤ window/RTT (default 4MiB)").optional(),
    persistent: z.boolean().optional().meta({ description: "tcp: reuse idle connections between the same pair (default false)" }),
    idleTimeout: quantity("time", "nonnegative", "tcp: idle time after which a persistent connection restarts slow start (default 1s)").optional(),
  },
  "Transport model: maxmin, maxmin-rtt (weight 1/RTT), tcp (handshake, slow start, window) or rdma; a workload's keys override the scenario's",
);

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

const positiveSize = quantity("size", "positive");

const sizeSchema = z.union([
  positiveSize,
  strict({ exponential: strict({ mean: positiveSize }) }),
  strict({ lognormal: strict({ median: positiveSize, sigma: z.number().positive({ error: "sigma must be > 0" }) }) }),
  strict({
    pareto: strict({ mean: positiveSize, shape: z.number().gt(1, { error: "shape must be > 1 (a finite mean)" }) }),
  }),
  strict({ cdf: z.string().min(1).meta({ description: '"websearch", "datamining" or a CSV file (size_bytes,cdf)' }) }),
]);

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

/** The kinds of workload, in the order of the union below (used by error messages). */
export const WORKLOAD_KINDS = ["transfer", "traffic"] as const;

const workloadSchema = z.union([strict({ transfer: transferSchema }), strict({ traffic: trafficSchema })]);

/** The zod schema of a whole scenario file (input: human units; output: engine units). */
export const scenarioSchema = strict({
  $schema: z.string().optional(),
  name: id.optional(),
  seed: z.int({ error: (iss) => `seed must be an integer, found ${JSON.stringify(iss.input)}` }).min(0).default(1),
  description: z.string().optional(),
  until: quantity("time", "positive").optional(),
  routing: strict({ metric: z.enum(["hops", "latency"]).default("hops") }).default({ metric: "hops" }),
  transport: transportSchema.optional(),
  topology: z.union([topologyPartSchema, z.array(topologyPartSchema).min(1)]),
  workloads: z.array(workloadSchema).default([]),
});

/** What the schema produces: the file's structure with quantities already in engine units. */
export type ScenarioFile = z.output<typeof scenarioSchema>;

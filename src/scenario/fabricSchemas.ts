// fabricSchemas: the schemas of the generated fabrics (fatTree, leafSpine, gpuCluster, clos3, torus, dragonfly), used by topology parts and sites.
import * as z from "zod";
import { dragonflyProblem } from "../net/dragonfly.js";
import { once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The generated fabrics' schemas, built on first use. */
export const fabricSchemas = once(() => {
  /** A k-ary fat-tree generator. */
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

  /** A leaf–spine generator. */
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

  /** A GPU cluster generator. */
  const gpuClusterSchema = strict(
    {
      hosts: positiveInt("hosts"),
      gpusPerHost: positiveInt("gpusPerHost"),
      nvlinkBandwidth: quantity("rate", "positive", "GPU–NVSwitch bandwidth per GPU"),
      nicBandwidth: quantity("rate", "positive", "Bandwidth of each NIC"),
      nicsPerHost: positiveInt("nicsPerHost").optional().meta({ description: "NICs per host (default gpusPerHost, one per GPU); fewer are shared over PCIe" }),
      pcieBandwidth: quantity("rate", "positive", "PCIe bandwidth to a NIC (default 64GB/s for shared NICs; none for per-GPU NICs)").optional(),
      railOptimized: z.boolean().default(true).meta({ description: "NIC k of every host on rail switch k (default true); false: a host's NICs on its leaf" }),
      spines: positiveInt("spines"),
      uplinkBandwidth: quantity("rate", "positive", "Rail/leaf–spine bandwidth"),
      hostsPerLeaf: positiveInt("hostsPerLeaf").optional().meta({ description: "Hosts per leaf; only with railOptimized: false, and then required" }),
      latency: quantity("time", "nonnegative", "Latency of every NIC and uplink").prefault("0s"),
      nvlinkLatency: quantity("time", "nonnegative", "Latency of every GPU–NVSwitch link").prefault("0s"),
      scaleUpDomain: positiveInt("scaleUpDomain").optional().meta({ description: "GPUs per NVLink domain, a multiple of gpusPerHost (default gpusPerHost); larger: the domain's hosts share one NVSwitch nvl{d} (NVL72: 72)" }),
      tiers: z.union([z.literal(2), z.literal(3)], { error: (iss) => `tiers must be 2 or 3, found ${JSON.stringify(iss.input)}` }).optional().meta({ description: "2 (default): rails/leaves and spines; 3: pods p{q} with their own rails/leaves and spines, joined by cores core{c}" }),
      hostsPerPod: positiveInt("hostsPerPod").optional().meta({ description: "tiers 3: hosts per pod (rail group), required" }),
      cores: positiveInt("cores").optional().meta({ description: "tiers 3: core switches (per plane), a multiple of spines; spine s of every pod links to cores s·cores/spines … (s+1)·cores/spines − 1" }),
      coreBandwidth: quantity("rate", "positive", "tiers 3: spine–core bandwidth (default uplinkBandwidth)").optional(),
      planes: positiveInt("planes").optional().meta({ description: "Parallel scale-out planes (default 1); each NIC has one port of nicBandwidth ÷ planes on each plane" }),
      storage: strict(
        {
          nodes: positiveInt("storage.nodes").default(1),
          read: quantity("rate", "positive", "Read bandwidth of each storage node"),
          write: quantity("rate", "positive", "Write bandwidth of each storage node"),
          linkBandwidth: quantity("rate", "positive", "Bandwidth of each storage node's link to each top switch"),
        },
        "Storage nodes storage{i} (kind storage), each linked to every top switch (spines; cores with tiers 3)",
      ).optional(),
      prefix: z.string().default(""),
    },
    "A GPU cluster: GPUs h{i}g{j} on NVSwitch h{i}nvswitch, NICs on rails rail{j} (or leaves leaf{l}), spines spine{s}",
  );

  /** A three-tier Clos generator (pods, spines, super-spine planes). */
  const clos3Schema = strict(
    {
      pods: positiveInt("pods"),
      leavesPerPod: positiveInt("leavesPerPod"),
      hostsPerLeaf: positiveInt("hostsPerLeaf"),
      spinesPerPod: positiveInt("spinesPerPod").meta({ description: "Spines per pod, one per super-spine plane; every leaf of the pod links to each" }),
      superSpinesPerPlane: positiveInt("superSpinesPerPlane").meta({ description: "Super-spines per plane; spine j of every pod links to each super-spine of plane j" }),
      hostBandwidth: quantity("rate", "positive", "Host–leaf bandwidth"),
      leafUplinkBandwidth: quantity("rate", "positive", "Leaf–spine bandwidth"),
      spineUplinkBandwidth: quantity("rate", "positive", "Spine–super-spine bandwidth"),
      latency: quantity("time", "nonnegative", "Latency of every link").prefault("0s"),
      prefix: z.string().default(""),
    },
    "A three-tier Clos: hosts h{i}, leaves leaf{pod}_{l}, spines spine{pod}_{j}, super-spines super{plane}_{i}",
  );

  /** A torus generator (1 to 3 dimensions, wrap-around links). */
  const torusSchema = strict(
    {
      dims: z
        .array(z.int({ error: (iss) => `a dimension must be an integer ≥ 2, found ${JSON.stringify(iss.input)}` }).min(2, { error: (iss) => `a dimension must be ≥ 2, found ${String(iss.input)}` }))
        .min(1, { error: "dims must list 1 to 3 sizes, e.g. [4, 4, 4]" })
        .max(3, { error: "dims must list 1 to 3 sizes, e.g. [4, 4, 4]" })
        .meta({ description: "Size of each dimension: [x], [x, y] or [x, y, z], each ≥ 2" }),
      hostsPerNode: positiveInt("hostsPerNode").default(1).meta({ description: "Hosts on each router (default 1)" }),
      bandwidth: quantity("rate", "positive", "Router–router bandwidth"),
      hostBandwidth: quantity("rate", "positive", "Host–router bandwidth (default: bandwidth)").optional(),
      latency: quantity("time", "nonnegative", "Latency of every link").prefault("0s"),
      prefix: z.string().default(""),
    },
    "A torus: routers r{x}_{y}_{z} with wrap-around links, hosts h{i} on each",
  );
  /** A dragonfly generator (Kim, Dally, Scott, Abts, ISCA 2008). */
  const dragonflySchema = strict(
    {
      p: positiveInt("p").meta({ description: "Hosts per router" }),
      a: positiveInt("a").meta({ description: "Routers per group (linked all-to-all)" }),
      h: positiveInt("h").meta({ description: "Global links per router" }),
      g: positiveInt("g").optional().meta({ description: "Groups, 2 … a·h+1 with g − 1 dividing a·h (default a·h+1: one global link per pair of groups)" }),
      hostBandwidth: quantity("rate", "positive", "Host–router bandwidth"),
      localBandwidth: quantity("rate", "positive", "Bandwidth of each local (intra-group) link"),
      globalBandwidth: quantity("rate", "positive", "Bandwidth of each global (inter-group) link"),
      hostLatency: quantity("time", "nonnegative", "Host–router latency").prefault("0s"),
      localLatency: quantity("time", "nonnegative", "Latency of each local link").prefault("0s"),
      globalLatency: quantity("time", "nonnegative", "Latency of each global link").prefault("0s"),
      routing: z
        .enum(["minimal", "valiant", "shortest"])
        .default("minimal")
        .meta({ description: "minimal: at most one global link; valiant: through a random intermediate group; shortest: plain hop-count shortest paths (default minimal)" }),
      prefix: z.string().default(""),
    },
    "A dragonfly: g groups of a routers r{group}_{i}, p hosts h{n} per router, h global links per router (see docs/scenarios.md)",
  ).superRefine((d, ctx) => {
    const problem = dragonflyProblem({ p: d.p, a: d.a, h: d.h, g: d.g ?? d.a * d.h + 1 });
    if (problem) ctx.addIssue({ code: "custom", path: [problem.key], message: problem.message });
  });
  return { fatTreeSchema, leafSpineSchema, gpuClusterSchema, clos3Schema, torusSchema, dragonflySchema };
});

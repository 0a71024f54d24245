// fastTopology: read a topology's explicit nodes and links without zod — the schema's very output; anything else is left to the schema.
import { isId, isPlainObject, onlyKeys } from "./plainValues.js";
import { readQuantity } from "./schemaParts.js";
import type { ScenarioFile } from "./scenarioSchema.js";

type FilePart = Extract<ScenarioFile["topology"], { nodes: unknown }>;
type FileNode = FilePart["nodes"][number];
type FileLink = FilePart["links"][number];

const NODE_KEYS = new Set(["id", "kind", "capacity", "read", "write", "site"]);
const LINK_KEYS = new Set(["from", "to", "bandwidth", "latency", "buffer", "ecnThreshold"]);

/**
 * What the scenario schema makes of a node entry of `topology.nodes`, or undefined when it
 * is anything the schema would not accept exactly so (an unknown key, a bad value): that
 * entry is then left to the schema, which gives its usual message. Quantities are read by
 * {@link readQuantity}, the schema's own reading.
 */
export function fastNode(entry: unknown): FileNode | undefined {
  if (!isPlainObject(entry) || !onlyKeys(entry, NODE_KEYS) || !isId(entry.id)) return undefined;
  const out: FileNode = { id: entry.id };
  if ("kind" in entry) {
    if (!isId(entry.kind)) return undefined;
    out.kind = entry.kind;
  }
  for (const key of ["capacity", "read", "write"] as const) {
    if (!(key in entry)) continue;
    const q = readQuantity(entry[key], "rate", "positive");
    if (!q.ok) return undefined;
    out[key] = q.value;
  }
  if ("site" in entry) {
    if (!isId(entry.site)) return undefined;
    out.site = entry.site;
  }
  return out;
}

/** What the scenario schema makes of a link entry of `topology.links` (latency "0s" when absent), or undefined to leave it to the schema (see {@link fastNode}). */
export function fastLink(entry: unknown): FileLink | undefined {
  if (!isPlainObject(entry) || !onlyKeys(entry, LINK_KEYS) || !isId(entry.from) || !isId(entry.to)) return undefined;
  const bandwidth = readQuantity(entry.bandwidth, "rate", "positive");
  if (!bandwidth.ok) return undefined;
  let latencyS = 0;
  if ("latency" in entry) {
    const latency = readQuantity(entry.latency, "time", "nonnegative");
    if (!latency.ok) return undefined;
    latencyS = latency.value;
  }
  const out: FileLink = { from: entry.from, to: entry.to, bandwidth: bandwidth.value, latency: latencyS };
  for (const key of ["buffer", "ecnThreshold"] as const) {
    if (!(key in entry)) continue;
    const q = readQuantity(entry[key], "buffer", "positive");
    if (!q.ok) return undefined;
    out[key] = q.value;
  }
  return out;
}

/**
 * The nodes and links of a single topology part (`topology` a mapping, not a list of
 * parts), each read by {@link fastNode} and {@link fastLink}, or undefined when there are
 * none or any one is left to the schema: then the schema reads them all, and so gives its
 * first problem.
 */
export function fastNodesAndLinks(topology: unknown): { nodes: FileNode[]; links: FileLink[] } | undefined {
  if (!isPlainObject(topology)) return undefined;
  const { nodes, links } = topology;
  if (!(Array.isArray(nodes) || nodes === undefined) || !(Array.isArray(links) || links === undefined)) return undefined;
  if ((nodes?.length ?? 0) + (links?.length ?? 0) === 0) return undefined;
  const outNodes: FileNode[] = [];
  for (const n of nodes ?? []) {
    const node = fastNode(n);
    if (!node) return undefined;
    outNodes.push(node);
  }
  const outLinks: FileLink[] = [];
  for (const l of links ?? []) {
    const link = fastLink(l);
    if (!link) return undefined;
    outLinks.push(link);
  }
  return { nodes: outNodes, links: outLinks };
}

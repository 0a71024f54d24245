// fastTransfers: read the plain `transfer` workloads of a scenario (and, through fastTopology, its explicit nodes and links) without zod — the schema's very output; the schema is asked only about the rest.
import { fastNodesAndLinks } from "./fastTopology.js";
import { isId, isPlainObject, onlyKeys } from "./plainValues.js";
import { readQuantity } from "./schemaParts.js";
import { scenarioSchema, type ScenarioFile } from "./scenarioSchema.js";
import type { TransferLoadSpec } from "./Scenario.js";

type FileWorkload = ScenarioFile["workloads"][number];
type FileTransfer = Extract<FileWorkload, { transfer: unknown }>["transfer"];
/** What the scenario schema's safeParse returns. */
type SchemaResult = ReturnType<ReturnType<typeof scenarioSchema>["safeParse"]>;
type FilePart = Extract<ScenarioFile["topology"], { nodes: unknown }>;
type FileNode = FilePart["nodes"][number];
type FileLink = FilePart["links"][number];

/** Top-level keys a document read whole by {@link fastTopLevel} may have (the schema's defaults stand for the rest). */
const TOP_KEYS = new Set(["$schema", "name", "seed", "description", "topology", "workloads"]);
/** Keys its topology may have. */
const TOPOLOGY_KEYS = new Set(["nodes", "links"]);

/**
 * What the scenario schema makes of `data` when every workload was read by {@link fastTransfer}
 * (`workloads`; none when absent) and the topology is a single part of explicit nodes and links
 * read by fastNodesAndLinks (`parts`), and the other top-level keys are only a plain name,
 * seed, description or $schema: the schema's output with its defaults (seed 1, hops routing
 * with no convergence delay, no policies or events) and keys in its order. Undefined for
 * anything else, which is left to the schema. The schema need then not parse at all: a JSON
 * scenario listing its fabric and transfers is read by this module alone.
 */
export function fastTopLevel(data: Record<string, unknown>, workloads: Array<{ transfer: FileTransfer }>, parts: { nodes: FileNode[]; links: FileLink[] }): ScenarioFile | undefined {
  if (!isPlainObject(data) || !onlyKeys(data, TOP_KEYS)) return undefined;
  for (const key in data) if (data[key] === undefined) return undefined;
  const topology = data.topology as Record<string, unknown>;
  if (!onlyKeys(topology, TOPOLOGY_KEYS)) return undefined;
  const { $schema, name, seed, description } = data;
  if (($schema !== undefined && typeof $schema !== "string") || (name !== undefined && !isId(name))) return undefined;
  if (seed !== undefined && !(typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0)) return undefined;
  if (description !== undefined && typeof description !== "string") return undefined;
  // The schema's keys in its order, an optional one only when given (as zod builds its output).
  const out: Record<string, unknown> = {};
  if ("$schema" in data) out.$schema = $schema;
  if ("name" in data) out.name = name;
  out.seed = seed ?? 1;
  if ("description" in data) out.description = description;
  out.routing = { metric: "hops", convergence: 0 };
  out.policies = [];
  out.topology = { nodes: parts.nodes, links: parts.links };
  out.workloads = workloads;
  out.events = [];
  return out as ScenarioFile;
}

/** Keys a transfer may have on the fast path; one with any other (repeat, transport, a typo) is left to the schema. */
const FAST_KEYS = new Set(["id", "src", "dst", "size", "start", "path", "weight", "cap"]);

/**
 * What the scenario schema makes of `entry` when it is a `{ transfer: { … } }` the schema
 * accepts and uses only the keys id, src, dst, size, start, path, weight and cap; undefined
 * for anything else — another workload, a repeat or transport, or any mistake — which is
 * then left to the schema (and so gets its usual message). Each key is checked as the
 * schema checks it (quantities through {@link readQuantity}, the same function as the
 * schema's), and the value is built with the same keys: `test/scenario/fastTransfers.test.ts`
 * compares the two on random transfers. With `owned`, the caller gives up `entry` (a document
 * parsed for this read alone, not kept or shared): the path's list is then taken as it is,
 * not copied (20,000 pinned transfers, 20,000 arrays fewer).
 */
export function fastTransfer(entry: unknown, owned = false): { transfer: FileTransfer } | undefined {
  const t = readTransfer(entry, owned, false);
  return t === undefined ? undefined : { transfer: t as FileTransfer };
}

/**
 * The engine's spec of a transfer {@link fastTransfer} reads, made at once (the spec toScenario
 * makes of fastTransfer's value: the same keys in the same order, engine names and units), or
 * undefined for any entry fastTransfer leaves to the schema. No schema-shaped value and no
 * `{ transfer }` wrapper is made: 20,000 transfers, 40,000 objects fewer.
 */
export function fastTransferSpec(entry: unknown, owned = false): TransferLoadSpec | undefined {
  return readTransfer(entry, owned, true) as TransferLoadSpec | undefined;
}

/**
 * A checked transfer's engine spec, its fields in toScenario's order for a transfer (kind, id,
 * src, dst, sizeBytes, startS, path, weight, capBps), each optional one present when given
 * (not undefined). A transfer with an id and a path and neither weight nor cap (a trace's
 * every entry) is made as one literal: its seven fields in the object itself, not one added
 * at a time into a property array grown twice (100,000 transfers, 100,000 arrays fewer for
 * the young generation to copy). Shared by fastTransferSpec and scanTransferList.
 */
export function transferSpec(
  id: string | undefined,
  src: string,
  dst: string,
  sizeBytes: number,
  startS: number,
  path: string[] | undefined,
  weight: number | undefined,
  capBps: number | undefined,
): TransferLoadSpec {
  if (id !== undefined && path !== undefined && weight === undefined && capBps === undefined) return { kind: "transfer", id, src, dst, sizeBytes, startS, path };
  const out = { kind: "transfer" } as TransferLoadSpec;
  if (id !== undefined) out.id = id;
  out.src = src;
  out.dst = dst;
  out.sizeBytes = sizeBytes;
  out.startS = startS;
  if (path !== undefined) out.path = path;
  if (weight !== undefined) out.weight = weight;
  if (capBps !== undefined) out.capBps = capBps;
  return out;
}

/** fastTransfer's checks, then its value (`spec` false) or its engine spec (`spec` true). */
function readTransfer(entry: unknown, owned: boolean, spec: boolean): FileTransfer | TransferLoadSpec | undefined {
  if (!isPlainObject(entry)) return undefined;
  let keys = 0;
  for (const k in entry) if (++keys > 1 || k !== "transfer") return undefined;
  const t = entry.transfer;
  if (!isPlainObject(t)) return undefined;
  if (!onlyKeys(t, FAST_KEYS)) return undefined;
  if (!isId(t.src) || !isId(t.dst)) return undefined;
  const size = readQuantity(t.size, "size", "nonnegative");
  if (!size.ok) return undefined;
  let startS = 0;
  if (t.start !== undefined) {
    const start = readQuantity(t.start, "time", "nonnegative");
    if (!start.ok) return undefined;
    startS = start.value;
  }
  const hasId = "id" in t;
  if (hasId && !isId(t.id)) return undefined;
  let path: string[] | undefined;
  if ("path" in t) {
    const p = t.path;
    if (!Array.isArray(p) || p.length < 2) return undefined;
    // Indexed, not for…of: no iterator per path (20,000 pinned transfers are read once, mostly before the loop is optimised).
    for (let j = 0; j < p.length; j++) if (!isId(p[j])) return undefined;
    path = (owned ? p : p.slice()) as string[];
  }
  const w = t.weight;
  const hasWeight = "weight" in t;
  if (hasWeight && (typeof w !== "number" || !Number.isFinite(w) || !(w > 0))) return undefined;
  let capBps: number | undefined;
  if ("cap" in t) {
    const cap = readQuantity(t.cap, "rate", "positive");
    if (!cap.ok) return undefined;
    capBps = cap.value;
  }
  if (spec) return transferSpec(hasId ? (t.id as string) : undefined, t.src, t.dst, size.value, startS, path, hasWeight ? (w as number) : undefined, capBps);
  const out: FileTransfer = { src: t.src, dst: t.dst, size: size.value, start: startS };
  if (hasId) out.id = t.id as string;
  if (path !== undefined) out.path = path;
  if (hasWeight) out.weight = w as number;
  if (capBps !== undefined) out.cap = capBps;
  return out;
}

/**
 * A document whose every workload {@link fastTransferSpec} reads (or none given), whose
 * topology fastNodesAndLinks reads and whose other keys {@link fastTopLevel} accepts: the
 * schema's output for it with no workloads (`file`), and the transfers' engine specs
 * (`transfers`), which toScenario would make of the schema's workloads. Undefined for any
 * other document (then left to {@link parseScenarioDocument}). A 20,000-transfer trace thus
 * becomes its specs in one layer, not three (the schema-shaped value, its wrapper, the spec).
 */
export function fastScenarioDocument(data: Record<string, unknown>, owned: boolean): { file: ScenarioFile; transfers: TransferLoadSpec[] } | undefined {
  // The cheap refusals first: a document with other keys or workloads costs no transfer read.
  if (!isPlainObject(data) || !onlyKeys(data, TOP_KEYS) || !isPlainObject(data.topology)) return undefined;
  const workloads = data.workloads;
  if (workloads !== undefined && !Array.isArray(workloads)) return undefined;
  const parts = fastNodesAndLinks(data.topology);
  if (!parts) return undefined;
  const file = fastTopLevel(data, [], parts);
  if (!file) return undefined;
  const transfers: TransferLoadSpec[] = [];
  if (workloads !== undefined) {
    for (let i = 0; i < workloads.length; i++) {
      const spec = fastTransferSpec(workloads[i], owned);
      if (spec === undefined) return undefined;
      transfers.push(spec);
    }
  }
  return { file, transfers };
}

/**
 * Validate a scenario document with the schema, reading its plain transfers with
 * {@link fastTransfer} and a single topology part's explicit nodes and links with
 * {@link fastNodesAndLinks} first: the schema then parses a document holding only the other
 * workloads and an empty node and link list, and what was read is put back in its place.
 * A scenario with 20,000 pinned transfers on a 1,344-node fabric listed node by node thus
 * costs a few zod objects, not 25,000. When anything fails, the whole document goes through
 * the schema, so the first problem and its sentence are exactly the schema's. `owned`: `data`
 * was parsed for this read alone, and its lists may become the output's (see {@link fastTransfer}).
 */
export function parseScenarioDocument(data: Record<string, unknown>, owned = false): SchemaResult {
  const workloads = data.workloads;
  const fast = Array.isArray(workloads) && workloads.length > 0 ? workloads.map((w) => fastTransfer(w, owned)) : [];
  const rest = fast.some((w) => w !== undefined) ? (workloads as unknown[]).filter((_, i) => fast[i] === undefined) : undefined;
  const parts = fastNodesAndLinks(data.topology);
  // Every workload read (or none given) and the topology's nodes and links read: perhaps the whole document.
  if (parts && (workloads === undefined || (Array.isArray(workloads) && !fast.includes(undefined)))) {
    const whole = fastTopLevel(data, fast as Array<{ transfer: FileTransfer }>, parts);
    if (whole) return { success: true, data: whole } as SchemaResult;
  }
  if (rest || parts) {
    const slimDocument: Record<string, unknown> = { ...data };
    if (rest) slimDocument.workloads = rest;
    if (parts) slimDocument.topology = { ...(data.topology as Record<string, unknown>), nodes: [], links: [] };
    const slim = scenarioSchema().safeParse(slimDocument, { reportInput: true });
    if (slim.success) {
      if (rest) {
        let j = 0;
        slim.data.workloads = fast.map((w) => w ?? slim.data.workloads[j++]);
      }
      if (parts) Object.assign(slim.data.topology, parts);
      return slim;
    }
  }
  return scenarioSchema().safeParse(data, { reportInput: true });
}

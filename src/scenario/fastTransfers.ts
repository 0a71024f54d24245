// fastTransfers: read the plain `transfer` workloads of a scenario (and, through fastTopology, its explicit nodes and links) without zod — the schema's very output; the schema is asked only about the rest.
import { fastNodesAndLinks } from "./fastTopology.js";
import { isId, isPlainObject, onlyKeys } from "./plainValues.js";
import { readQuantity } from "./schemaParts.js";
import { scenarioSchema, type ScenarioFile } from "./scenarioSchema.js";

type FileWorkload = ScenarioFile["workloads"][number];
type FileTransfer = Extract<FileWorkload, { transfer: unknown }>["transfer"];

/** Keys a transfer may have on the fast path; one with any other (repeat, transport, a typo) is left to the schema. */
const FAST_KEYS = new Set(["id", "src", "dst", "size", "start", "path", "weight", "cap"]);

/**
 * What the scenario schema makes of `entry` when it is a `{ transfer: { … } }` the schema
 * accepts and uses only the keys id, src, dst, size, start, path, weight and cap; undefined
 * for anything else — another workload, a repeat or transport, or any mistake — which is
 * then left to the schema (and so gets its usual message). Each key is checked as the
 * schema checks it (quantities through {@link readQuantity}, the same function as the
 * schema's), and the value is built with the same keys: `test/scenario/fastTransfers.test.ts`
 * compares the two on random transfers.
 */
export function fastTransfer(entry: unknown): { transfer: FileTransfer } | undefined {
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
  const out: FileTransfer = { src: t.src, dst: t.dst, size: size.value, start: startS };
  if ("id" in t) {
    if (!isId(t.id)) return undefined;
    out.id = t.id;
  }
  if ("path" in t) {
    const path = t.path;
    if (!Array.isArray(path) || path.length < 2) return undefined;
    for (const hop of path) if (!isId(hop)) return undefined;
    out.path = path.slice() as string[];
  }
  if ("weight" in t) {
    const w = t.weight;
    if (typeof w !== "number" || !Number.isFinite(w) || !(w > 0)) return undefined;
    out.weight = w;
  }
  if ("cap" in t) {
    const cap = readQuantity(t.cap, "rate", "positive");
    if (!cap.ok) return undefined;
    out.cap = cap.value;
  }
  return { transfer: out };
}

/**
 * Validate a scenario document with the schema, reading its plain transfers with
 * {@link fastTransfer} and a single topology part's explicit nodes and links with
 * {@link fastNodesAndLinks} first: the schema then parses a document holding only the other
 * workloads and an empty node and link list, and what was read is put back in its place.
 * A scenario with 20,000 pinned transfers on a 1,344-node fabric listed node by node thus
 * costs a few zod objects, not 25,000. When anything fails, the whole document goes through
 * the schema, so the first problem and its sentence are exactly the schema's.
 */
export function parseScenarioDocument(data: Record<string, unknown>): ReturnType<typeof scenarioSchema.safeParse> {
  const workloads = data.workloads;
  const fast = Array.isArray(workloads) && workloads.length > 0 ? workloads.map(fastTransfer) : [];
  const rest = fast.some((w) => w !== undefined) ? (workloads as unknown[]).filter((_, i) => fast[i] === undefined) : undefined;
  const parts = fastNodesAndLinks(data.topology);
  if (rest || parts) {
    const slimDocument: Record<string, unknown> = { ...data };
    if (rest) slimDocument.workloads = rest;
    if (parts) slimDocument.topology = { ...(data.topology as Record<string, unknown>), nodes: [], links: [] };
    const slim = scenarioSchema.safeParse(slimDocument, { reportInput: true });
    if (slim.success) {
      if (rest) {
        let j = 0;
        slim.data.workloads = fast.map((w) => w ?? slim.data.workloads[j++]);
      }
      if (parts) Object.assign(slim.data.topology, parts);
      return slim;
    }
  }
  return scenarioSchema.safeParse(data, { reportInput: true });
}

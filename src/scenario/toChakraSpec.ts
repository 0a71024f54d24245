// toChakraSpec: a `chakra` workload of the scenario file as the engine's ChakraSpec — finds, reads, decodes and checks the rank files.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { InputError } from "../core/InputError.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import { ChakraPlan, type ChakraRankFile } from "../workloads/chakra/ChakraPlan.js";
import { decodeChakraTrace } from "../workloads/chakra/decodeChakraTrace.js";
import type { TrainingPlacement } from "../workloads/training/TrainingSpec.js";
import type { ChakraLoadSpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";
import { placementKeys } from "./toTrainingSpec.js";

/** The file's chakra mapping (schema output). */
export type FileChakra = Extract<ScenarioFile["workloads"][number], { chakra: unknown }>["chakra"];

/**
 * Read the rank files `<trace>.<r>.et` (trace relative to the scenario file's directory; a
 * file starting with gzip's magic bytes is gunzipped) and check them ({@link ChakraPlan}).
 * `where` is the key path (`<file>: workloads[i].chakra`) for messages.
 * @throws InputError when a rank file is missing, unreadable or malformed, or the placement keys conflict.
 */
export function toChakraSpec(c: FileChakra, index: number, scenarioFile: string, transport: TransportSpec, where: string): ChakraLoadSpec {
  const prefix = path.isAbsolute(c.trace) ? c.trace : path.join(path.dirname(scenarioFile), c.trace);
  const fail = (key: string, message: string): never => {
    throw new InputError(`${where}${key ? `.${key}` : ""}: ${message}`);
  };
  const keys = placementKeys(c);
  if (keys.length > 1) fail("", `give at most one of gpus, hosts or gpuList (which GPUs run the ranks), found ${keys.join(" and ")}`);
  if (c.cluster !== undefined && (c.hosts !== undefined || c.gpuList !== undefined)) fail("cluster", "applies only with gpus or the default placement (the first GPUs of that cluster)");
  const files = rankFiles(prefix, c.ranks, (m) => fail("trace", m));
  const ranks: ChakraRankFile[] = files.map((file) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      return fail("trace", `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes);
      } catch {
        return fail("trace", `${file}: starts like a gzip file but does not gunzip (truncated or corrupt)`);
      }
    }
    try {
      return { file, trace: decodeChakraTrace(bytes) };
    } catch (e) {
      if (e instanceof InputError) return fail("trace", `${file}: ${e.message} — expected a Chakra execution trace (length-prefixed GlobalMetadata, then Node messages)`);
      throw e;
    }
  });
  let plan: ChakraPlan;
  try {
    plan = new ChakraPlan(ranks, c.groups);
  } catch (e) {
    if (e instanceof InputError) return fail(e.message.startsWith("groups.") ? "" : "trace", e.message);
    throw e;
  }
  const placement: TrainingPlacement =
    c.hosts !== undefined ? { hosts: c.hosts } : c.gpuList !== undefined ? { gpuList: c.gpuList } : { count: c.gpus ?? files.length, ...(c.cluster !== undefined && { cluster: c.cluster }) };
  return {
    kind: "chakra",
    name: c.name ?? `chakra${index}`,
    trace: prefix,
    files,
    plan,
    placement,
    allReduce: { algorithm: c.allReduce.algorithm, granularity: c.allReduce.granularity, ...(c.allReduce.chunks !== undefined && { chunks: c.allReduce.chunks }) },
    iterations: c.iterations,
    startS: c.start,
    transport,
  };
}

/**
 * The files `<prefix>.0.et` … `<prefix>.<n−1>.et` (or `.et.gz`): n = `ranks` when given, else
 * one more than the largest rank found; a gap is a missing rank file.
 */
function rankFiles(prefix: string, ranks: number | undefined, fail: (message: string) => never): string[] {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  const found = new Map<number, string>();
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    for (const entry of readdirSync(dir)) {
      if (!entry.startsWith(`${base}.`)) continue;
      const m = /^(0|[1-9]\d*)\.et(\.gz)?$/.exec(entry.slice(base.length + 1));
      if (!m) continue;
      const r = Number(m[1]);
      if (found.has(r)) fail(`${path.join(dir, entry)} and ${found.get(r)} are both rank ${r}`);
      found.set(r, path.join(dir, entry));
    }
  }
  if (found.size === 0) fail(`no rank files ${prefix}.0.et, ${prefix}.1.et, … (${existsSync(dir) ? "none in that directory" : `directory ${dir} does not exist`})`);
  const n = ranks ?? Math.max(...found.keys()) + 1;
  const files: string[] = [];
  for (let r = 0; r < n; r++) {
    const file = found.get(r);
    if (file === undefined) fail(`${prefix}.${r}.et is missing (rank ${r} of ${n}; found ranks ${[...found.keys()].sort((a, b) => a - b).join(", ")})`);
    files.push(file);
  }
  return files;
}

// loadScenario: reads a YAML or JSON scenario file, refuses hostile input, validates it and converts it to engine units.
import { readFileSync, statSync } from "node:fs";
import { isAscii } from "node:buffer";
import { createRequire } from "node:module";
import { InputError } from "../core/InputError.js";
import { checkJsonDocument } from "./checkJsonDocument.js";
import { checkValueBudget } from "./checkValueBudget.js";
import { describe, describeIssue } from "./describeIssue.js";
import { findNonFiniteNumber } from "./findNonFiniteNumber.js";
import { jsonErrorOffset, lineColumn } from "./jsonErrorOffset.js";
import { placeholderHint } from "./placeholderHint.js";
import type { Scenario } from "./Scenario.js";
import { fastScenarioDocument, parseScenarioDocument } from "./fastTransfers.js";
import { scanTransferList } from "./scanTransferList.js";
import { toScenario } from "./toScenario.js";

/** Limits on what a scenario file may contain, checked before anything runs. */
export interface LoadLimits {
  /** Largest file accepted, bytes (default 256 MiB). */
  maxFileBytes: number;
  /**
   * Most values the parsed document may expand to, aliases counted where used (default
   * 1,000,000, or the file's length in characters if larger: a big file of plain values is
   * fine, a small file expanding into millions is an alias bomb).
   */
  maxValues: number;
  /** Deepest nesting of lists and mappings (default 64). */
  maxDepth: number;
}

/** The limits used when none are given. */
export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxFileBytes: 256 * 1024 ** 2, maxValues: 1_000_000, maxDepth: 64 };

/**
 * Load and validate a scenario file (`.json`, `.yaml` or `.yml`). Every problem is thrown
 * as one {@link InputError} sentence naming the file and a `line:col` or key path, e.g.
 * `x.yaml: workloads[1].transfer.size: "10Gbs" has unknown size unit "Gbs" — use e.g. …`.
 * Semantic checks that need the network (unknown nodes, routes) are in `checkScenario`.
 */
export function loadScenario(file: string, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Scenario {
  return loadScenarioFile(file, limits).scenario;
}

/**
 * {@link loadScenario}, also returning the file's bytes as read (the text parsed is their
 * UTF-8 decoding): a run hashes these for run.json instead of reading the file a second time.
 */
export function loadScenarioFile(file: string, limits: LoadLimits = DEFAULT_LOAD_LIMITS): { scenario: Scenario; bytes: Buffer } {
  const read = readJsonBytes(file, limits);
  const scanned = read && scannedScenario(read, file, limits);
  if (scanned) return { scenario: scanned, bytes: read! };
  const { data, finite, bytes } = readDocument(file, limits, read);
  try {
    // The document was parsed for this read alone: its lists may be taken into the scenario.
    return { scenario: fromDocument(data, file, finite, true), bytes };
  } catch (err) {
    // A study's ${…} in a plain file: say so rather than that "${bw}Gbps" is not a rate.
    throw placeholderHint(err, data, file) ?? err;
  }
}

/** The bytes of `file` when it is a `.json` file within the size limit that can be read; else undefined, and readDocument says why. */
function readJsonBytes(file: string, limits: LoadLimits): Buffer | undefined {
  if (!/\.json$/i.test(file)) return undefined;
  try {
    if (statSync(file).size > limits.maxFileBytes) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The scenario of an ASCII JSON file of a fabric and a trailing list of plain transfers
 * (see {@link scanTransferList}): the list read from the bytes, the rest of the file parsed
 * and read by fastScenarioDocument (or, with keys it leaves to the schema, by
 * parseScenarioDocument), as {@link fromDocument} reads the whole document, with the same
 * result. Undefined for any other file, and whenever anything is amiss (a syntax error, a deep
 * document, a non-finite number, a search or study, a document the schema refuses, any
 * error): the file is then read as a whole, so every message is the document reader's.
 */
function scannedScenario(bytes: Buffer, file: string, limits: LoadLimits): Scenario | undefined {
  // The list nests four levels below the top level (list, entry, transfer, path): those must be allowed.
  if (limits.maxDepth < 5 || !isAscii(bytes)) return undefined;
  const split = scanTransferList(bytes);
  if (!split) return undefined;
  try {
    const data: unknown = JSON.parse(split.rest);
    if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
    const { problem, finite } = checkJsonDocument(data, limits.maxDepth);
    if (problem || !finite || "search" in data || "sweep" in data) return undefined;
    const fast = fastScenarioDocument(data as Record<string, unknown>, true);
    if (fast) return fast.transfers.length > 0 ? undefined : { ...toScenario(fast.file, file), workloads: split.transfers };
    // Other keys beside the fabric (a scenario's transport, its queues): the rest goes through
    // the schema as the whole document would, and the transfers take the scenario's transport
    // as its transfers would (a 20,000-transfer tcp trace is then read as lean as a maxmin one).
    const parsed = parseScenarioDocument(data as Record<string, unknown>, true);
    if (!parsed.success || parsed.data.workloads.length > 0) return undefined;
    return toScenario(parsed.data, file, split.transfers);
  } catch {
    return undefined;
  }
}

/**
 * Read and parse a scenario file into its document (a mapping), refusing empty files,
 * syntax errors (with line:column), oversized files, alias bombs and deep nesting — before
 * any validation of its content. A study's points are documents derived from this one.
 */
export function readScenarioDocument(file: string, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Record<string, unknown> {
  return readDocument(file, limits).data;
}

/**
 * {@link readScenarioDocument}, and for a JSON file whether every number of the document is
 * finite (found in the walk that checks its depth; undefined for YAML, whose walk does not look),
 * and the file's bytes.
 */
function readDocument(file: string, limits: LoadLimits, read?: Buffer): { data: Record<string, unknown>; finite: boolean | undefined; bytes: Buffer } {
  const fail = failIn;
  const ext = /\.(json|ya?ml)$/i.exec(file)?.[1].toLowerCase();
  if (!ext) fail(file, "a scenario file must end in .yaml, .yml or .json");
  let sizeBytes = 0;
  let isFile = true;
  try {
    const stat = statSync(file);
    sizeBytes = stat.size;
    isFile = stat.isFile();
  } catch (e) {
    fail(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // A directory (or a device) named like a scenario: one sentence, not readFileSync's EISDIR as an internal error.
  if (!isFile) fail(file, "is not a file — give a scenario file (.yaml, .yml or .json)");
  if (sizeBytes > limits.maxFileBytes) {
    fail(file, `the file is ${sizeBytes.toLocaleString("en-US")} bytes, more than the ${limits.maxFileBytes.toLocaleString("en-US")} accepted`);
  }
  // The bytes once, decoded as readFileSync(file, "utf8") decodes them (invalid sequences as U+FFFD);
  // bytes all below 0x80 decode alike as Latin-1, which makes the same string in one copy, without UTF-8's validation.
  const bytes = read ?? readFileSync(file);
  const text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const commentOnly = ext !== "json" && text.split("\n").every((l) => /^\s*(#.*)?$/.test(l));
  if (text.trim() === "" || commentOnly) fail(file, "the file is empty — a scenario needs at least a topology");
  let data: unknown;
  if (ext === "json") {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorOffset(text);
      if (at) {
        const { line, column } = lineColumn(text, at.offset);
        fail(`${file}:${line}:${column}`, `invalid JSON: ${at.reason}`);
      }
      fail(file, `invalid JSON: ${(e as Error).message}`);
    }
  } else {
    try {
      data = loadYaml()(text, { filename: file, maxDepth: limits.maxDepth + 1 });
    } catch (e) {
      const err = e as { reason?: string; mark?: { line: number; column: number } };
      let reason = err.reason ?? String(e);
      if (reason.startsWith("nesting exceeded maxDepth")) reason = `the document nests more than ${limits.maxDepth} levels deep`;
      if (err.mark) fail(`${file}:${err.mark.line + 1}:${err.mark.column + 1}`, `invalid YAML: ${reason}`);
      fail(file, `invalid YAML: ${reason}`);
    }
  }
  // Without aliases every value takes at least one character, so a document may always
  // hold as many values as its text has characters: only aliases can expand past that —
  // and JSON has none, so a JSON document's values need no counting, only its depth.
  let finite: boolean | undefined;
  let budget: string | null;
  if (ext === "json") ({ problem: budget, finite } = checkJsonDocument(data, limits.maxDepth));
  else budget = checkValueBudget(data, Math.max(limits.maxValues, text.length), limits.maxDepth);
  if (budget) fail(file, budget);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    fail(file, `the top level must be a mapping of keys (name, topology, workloads…), found ${describe(data)}`);
  }
  return { data: data as Record<string, unknown>, finite, bytes };
}

/**
 * Validate a parsed scenario document (from {@link readScenarioDocument}, or a study point
 * after substitution) and convert it to engine units; `file` names it in messages and
 * anchors relative paths.
 */
export function scenarioFromDocument(data: Record<string, unknown>, file: string): Scenario {
  return fromDocument(data, file, undefined, false);
}

/**
 * {@link scenarioFromDocument}, looking for a non-finite number only unless `finite` says the
 * document has none; `owned`: nothing else holds `data`, so the scenario may share its lists.
 */
function fromDocument(data: Record<string, unknown>, file: string, finite: boolean | undefined, owned: boolean): Scenario {
  const fail = failIn;
  if ("search" in data) {
    fail(file, 'this is a search (it has a search block): run it with "chokepoint search", or its whole grid with "chokepoint sweep"');
  }
  if ("sweep" in data) {
    fail(file, 'this is a study (it has a sweep block): run it with "chokepoint sweep", list its points with "chokepoint sweep --dry-run"');
  }
  const nonFinite = finite === true ? null : findNonFiniteNumber(data);
  if (nonFinite) fail(nonFinite.keyPath ? `${file}: ${nonFinite.keyPath}` : file, nonFinite.message);
  // A fabric and plain transfers only: the transfers' specs made in one layer (fastScenarioDocument).
  const fast = fastScenarioDocument(data, owned);
  if (fast) {
    const scenario = toScenario(fast.file, file);
    // The transfers in the schema's place (a transfer names no input file and, with no transport, takes none).
    return { ...scenario, workloads: fast.transfers };
  }
  const parsed = parseScenarioDocument(data, owned);
  if (!parsed.success) {
    const { keyPath, message } = describeIssue(parsed.error.issues, data);
    fail(keyPath ? `${file}: ${keyPath}` : file, message);
  }
  return toScenario(parsed.data!, file);
}

/** js-yaml's `load`, loaded on the first YAML file (synchronously, from its CommonJS build): a JSON scenario never loads it. */
function loadYaml(): typeof import("js-yaml").load {
  return (createRequire(import.meta.url)("js-yaml") as typeof import("js-yaml")).load;
}

function failIn(where: string, message: string): never {
  throw new InputError(`${where}: ${message.replace(/\s*\n\s*/g, " ")}`);
}

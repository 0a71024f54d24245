// findNonFiniteNumber: finds the first infinite or NaN number in a parsed document (YAML .inf/.nan, JSON 1e400), with its key path.
import { formatPath } from "./describeIssue.js";

/** Where a document holds a number that is not finite, and a sentence saying what it is. */
export interface NonFiniteNumber {
  /** Key path of the value, e.g. "workloads[0].traffic.load" ("" for the document itself). */
  keyPath: string;
  message: string;
}

/**
 * The first number of `document` (depth first, in key order) that is Infinity, -Infinity
 * or NaN — YAML's `.inf`, `-.inf` and `.nan`, or a literal too large for a double such as
 * JSON's `1e400` — or null when every number is finite. Every number in a scenario must
 * be finite: an infinite rate or count would make a run that never ends. The walk keeps
 * one parent link per pending value, so its memory is bounded by the document's size
 * (which `checkValueBudget` bounds first for YAML; a JSON document's is its file's).
 */
export function findNonFiniteNumber(document: unknown): NonFiniteNumber | null {
  return hasNonFiniteNumber(document) ? locate(document) : null;
}

/** Whether any number in `document` is not finite: one walk that keeps no key paths (the common answer is no). */
function hasNonFiniteNumber(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return true;
    } else if (v !== null && typeof v === "object") {
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
      // for…in, not Object.keys: no array per mapping (twice as fast on a fresh 20,000-transfer
      // document); parsed documents' mappings inherit nothing enumerable.
      else for (const k in v) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

/** The first non-finite number in document order, with its key path. */
function locate(document: unknown): NonFiniteNumber | null {
  type Item = { v: unknown; key: PropertyKey | null; parent: Item | null };
  const stack: Item[] = [{ v: document, key: null, parent: null }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.v;
    if (typeof v === "number") {
      if (Number.isFinite(v)) continue;
      const path: PropertyKey[] = [];
      for (let at: Item | null = item; at && at.key !== null; at = at.parent) path.push(at.key);
      const what = Number.isNaN(v) ? "NaN (.nan), not a number" : `${v < 0 ? "minus " : ""}infinity (${v < 0 ? "-" : ""}.inf, or a literal too large for a 64-bit float)`;
      return { keyPath: formatPath(path.reverse()), message: `found ${what} — every number in a scenario must be finite` };
    }
    if (v === null || typeof v !== "object") continue;
    // Pushed in reverse so that the first key (or item) is looked at first.
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: item });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: (v as Record<string, unknown>)[keys[i]], key: keys[i], parent: item });
    }
  }
  return null;
}

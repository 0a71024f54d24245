// describeIssue: turns the zod issues of a failed scenario parse into one sentence with its key path.
import type { z } from "zod";
import { closest } from "../core/closest.js";

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** The first problem of a failed parse, as a key path (e.g. "workloads[1].transfer.size") and a sentence. */
export interface DescribedIssue {
  keyPath: string;
  message: string;
}

/**
 * Describe the first of `issues` (zod's, from parsing `input`). Unions are resolved to
 * the branch the user evidently meant (the one that failed deepest), or to a message
 * naming the keys a union accepts when no branch fits.
 */
export function describeIssue(issues: readonly Issue[], input: unknown): DescribedIssue {
  const { path, message } = resolve(pickFirst(issues), [], input);
  return { keyPath: formatPath(path), message };
}

/** Format a key path: ["workloads", 1, "transfer"] → "workloads[1].transfer". */
export function formatPath(path: readonly Key[]): string {
  let s = "";
  for (const k of path) {
    if (typeof k === "number") s += `[${k}]`;
    else s += s === "" ? String(k) : `.${String(k)}`;
  }
  return s;
}

function isMissingKey(i: Issue): boolean {
  return i.code === "invalid_type" && i.input === undefined && i.path.length > 0;
}

/** The first issue, except that an unknown key beats the "missing key" it probably caused (a typo). */
function pickFirst(issues: readonly Issue[]): Issue {
  const first = issues[0];
  if (isMissingKey(first)) {
    const parent = first.path.slice(0, -1);
    const unknown = issues.find((i) => i.code === "unrecognized_keys" && samePath(i.path, parent));
    if (unknown) return unknown;
  }
  return first;
}

function samePath(a: readonly Key[], b: readonly Key[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function resolve(issue: Issue, base: readonly Key[], root: unknown): { path: Key[]; message: string } {
  const path = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) return resolveUnion(issue.errors, path, root);
  const input = valueAt(root, path);
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined && issue.path.length > 0) {
        return { path: path.slice(0, -1), message: `missing required key "${String(path[path.length - 1])}"` };
      }
      if (!issue.message.startsWith("Invalid input")) return { path, message: issue.message };
      return { path, message: `expected ${article(issue.expected)}, found ${describe(input)}` };
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const near = typeof input === "string" ? closest(input, allowed) : undefined;
      const hint = near ? ` (did you mean "${near}"?)` : "";
      return { path, message: `${describe(input)} is not one of ${allowed.join(", ")}${hint}` };
    }
    case "too_small":
      if (!issue.message.startsWith("Too small")) return { path, message: issue.message };
      if (issue.origin === "array") return { path, message: `needs at least ${String(issue.minimum)} item(s)` };
      if (issue.origin === "string") return { path, message: "must not be empty" };
      return { path, message: `must be ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}, found ${describe(input)}` };
    case "too_big":
      if (!issue.message.startsWith("Too big")) return { path, message: issue.message };
      return { path, message: `must be ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}, found ${describe(input)}` };
    default:
      return { path, message: issue.message };
  }
}

function resolveUnion(branches: Issue[][], path: Key[], root: unknown): { path: Key[]; message: string } {
  const value = valueAt(root, path);
  if (value === undefined && path.length > 0) {
    return { path: path.slice(0, -1), message: `missing required key "${String(path[path.length - 1])}"` };
  }
  const firsts = branches.map(pickFirst);
  // A branch "fits" when it failed below the union's own level, not on its shape.
  const fits = firsts.findIndex((i) => i.path.length > 0 && !(isMissingKey(i) && i.path.length === 1));
  if (fits >= 0) return resolve(firsts[fits], path, root);
  if (isPlainObject(value)) {
    // Keys that name a branch: required keys some branch missed, or present keys some branch accepted.
    const present = Object.keys(value);
    const named = new Set<string>();
    for (const issues of branches) {
      const rejected = new Set<string>();
      for (const i of issues) {
        if (isMissingKey(i) && i.path.length === 1) named.add(String(i.path[0]));
        if (i.code === "unrecognized_keys" && i.path.length === 0) i.keys.forEach((k) => rejected.add(k));
      }
      if (rejected.size > 0) present.filter((k) => !rejected.has(k)).forEach((k) => named.add(k));
    }
    if (named.size > 0) {
      const expected = [...named].join(", ");
      const unknown = present.find((k) => !named.has(k));
      if (unknown !== undefined) {
        const near = closest(unknown, named);
        return { path, message: `unknown key "${unknown}"${near ? ` (did you mean "${near}"?)` : ""} — expected one of ${expected}` };
      }
      const known = present.filter((k) => named.has(k));
      if (known.length !== 1) {
        return { path, message: `expected exactly one of ${expected}, found ${known.length === 0 ? "none" : known.join(" and ")}` };
      }
    }
  }
  const shaped = firsts.findIndex((i) => !(i.code === "invalid_type" && i.path.length === 0 && i.message.startsWith("Invalid input")));
  return resolve(firsts[shaped >= 0 ? shaped : 0], path, root);
}

function article(type: string): string {
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A short description of a value for messages. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

// substitute: expands `${expr}` in every string of a scenario document with a study point's values.

import { InputError } from "../core/InputError.js";
import { evaluateParsed } from "./evaluateExpression.js";
import { expressionVariables, parseExpression, type ExpressionFail } from "./parseExpression.js";
import type { SweepValue } from "./Study.js";

function isPlainMapping(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Index of the `}` closing an expression that starts at `from`, skipping quoted text; −1 if none. */
function closingBrace(s: string, from: number): number {
  let quote = "";
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "}") return i;
  }
  return -1;
}

/** A string's parts in order: literal text (with `$${` read as `${`) and `${…}` expressions. */
type Part = { readonly text: string } | { readonly source: string; readonly offset: number };

/**
 * The one reading of `${…}` in a string, shared by {@link substitute} and
 * {@link referencedVariables} so the two can never disagree on what is an expression:
 * left to right, `$${` is a literal `${`, `${` opens an expression closed by the first `}`
 * outside quotes. `unclosedAt` is the index of a `${` with no `}` (−1 if none); the parts
 * stop there.
 */
function splitPlaceholders(s: string): { parts: Part[]; unclosedAt: number } {
  const parts: Part[] = [];
  let text = "";
  for (let i = 0; i < s.length; ) {
    if (s.startsWith("$${", i)) {
      text += "${";
      i += 3;
    } else if (s.startsWith("${", i)) {
      const end = closingBrace(s, i + 2);
      if (end < 0) {
        if (text) parts.push({ text });
        return { parts, unclosedAt: i };
      }
      if (text) parts.push({ text });
      text = "";
      parts.push({ source: s.slice(i + 2, end), offset: i + 2 });
      i = end + 1;
    } else {
      text += s[i];
      i++;
    }
  }
  if (text) parts.push({ text });
  return { parts, unclosedAt: -1 };
}

/** One string expanded; `fail` takes columns within the string. */
function expandString(s: string, values: Record<string, SweepValue>, fail: ExpressionFail): SweepValue {
  if (!s.includes("${")) return s;
  const { parts, unclosedAt } = splitPlaceholders(s);
  let out = "";
  for (const part of parts) {
    if ("text" in part) {
      out += part.text;
      continue;
    }
    const inner: ExpressionFail = (message, column, hint) => fail(message, column + part.offset, hint);
    const value = evaluateParsed(parseExpression(part.source, inner), values, inner);
    // A string that is exactly one ${…} takes the value's own type (number, boolean, text).
    if (part.offset === 2 && part.source.length === s.length - 3) return value;
    out += String(value);
  }
  if (unclosedAt >= 0) fail('"${" is not closed by "}"', unclosedAt + 1);
  return out;
}

/** A deep copy of a scenario document without its top-level `sweep` key, each string value replaced by `visit(value, its key path)`, in document order. */
function mapStrings(doc: unknown, visit: (s: string, path: string) => unknown): unknown {
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") return visit(v, path);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (isPlainMapping(v)) {
      // fromEntries defines own properties, so a "__proto__" key stays a plain key.
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !(path === "" && k === "sweep"))
          .map(([k, item]) => [k, walk(item, path ? `${path}.${k}` : k)]),
      );
    }
    return v;
  };
  return walk(doc, "");
}

/**
 * A deep copy of a scenario document without its top-level `sweep` key, in which every
 * string value containing `${expr}` is expanded with `values` (see `evaluateExpression`
 * for the language). A string that is exactly one `${expr}` becomes the value with its
 * type (`seed: ${s}` gives a number); otherwise each `${expr}` is replaced by the value's
 * text (`prefix-${nic}` gives `prefix-400Gbps`). `$${` stands for a literal `${`. Keys are
 * never substituted. A problem throws an {@link InputError} naming `context` (the point),
 * the key path, the string and the column, e.g. `point p03 (nic=400Gbps):
 * topology.links[0].bandwidth "${nci}": unknown variable "nci" at column 3 (did you mean "nic"?)`.
 */
export function substitute(doc: unknown, values: Record<string, SweepValue>, context: string): unknown {
  return mapStrings(doc, (v, path) => {
    const fail: ExpressionFail = (message, column, hint = "") => {
      throw new InputError(`${context}: ${path || "(top level)"} ${JSON.stringify(v)}: ${message} at column ${column}${hint}`);
    };
    return expandString(v, values, fail);
  });
}

/**
 * The variables named by the `${…}` expressions in the string values of a scenario
 * document (its top-level `sweep` key skipped; keys are never substituted, so never read),
 * in order of first use; `undefined` when an expression is unclosed or does not parse, which
 * {@link substitute} then reports naming the point, the key path and the column.
 */
export function referencedVariables(doc: unknown): string[] | undefined {
  const names = new Set<string>();
  let readable = true;
  const unparsable: ExpressionFail = () => {
    throw new InputError("unparsable");
  };
  mapStrings(doc, (s) => {
    if (!readable || !s.includes("${")) return;
    const { parts, unclosedAt } = splitPlaceholders(s);
    if (unclosedAt >= 0) readable = false;
    for (const part of parts) {
      if (!readable || "text" in part) continue;
      try {
        for (const v of expressionVariables(parseExpression(part.source, unparsable))) names.add(v.name);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        readable = false;
      }
    }
  });
  return readable ? [...names] : undefined;
}

// substitute: expands `${expr}` in every string of a scenario document with a study point's values.

import { InputError } from "../core/InputError.js";
import { evaluateParsed } from "./evaluateExpression.js";
import { parseExpression, type ExpressionFail } from "./parseExpression.js";
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

/** One string expanded; `fail` takes columns within the string. */
function expandString(s: string, values: Record<string, SweepValue>, fail: ExpressionFail): SweepValue {
  if (!s.includes("${")) return s;
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s.startsWith("$${", i)) {
      out += "${";
      i += 3;
    } else if (s.startsWith("${", i)) {
      const end = closingBrace(s, i + 2);
      if (end < 0) fail('"${" is not closed by "}"', i + 1);
      const offset = i + 2;
      const inner: ExpressionFail = (message, column, hint) => fail(message, column + offset, hint);
      const value = evaluateParsed(parseExpression(s.slice(offset, end), inner), values, inner);
      // A string that is exactly one ${…} takes the value's own type (number, boolean, text).
      if (i === 0 && end === s.length - 1) return value;
      out += String(value);
      i = end + 1;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
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
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const fail: ExpressionFail = (message, column, hint = "") => {
        throw new InputError(`${context}: ${path || "(top level)"} ${JSON.stringify(v)}: ${message} at column ${column}${hint}`);
      };
      return expandString(v, values, fail);
    }
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

// evaluateExpression: evaluates a study expression over variable values, safely (no eval) and with typed errors.

import { InputError } from "../core/InputError.js";
import { closest } from "../core/closest.js";
import { parseExpression, type Expr, type ExpressionFail } from "./parseExpression.js";
import type { SweepValue } from "./Study.js";

function shown(v: SweepValue): string {
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Evaluate a parsed expression. `&&`, `||`, `!` and the test of `?:` need booleans and
 * short-circuit; `- * / %` need numbers; `+` adds numbers and concatenates when either
 * side is text; `== !=` compare numbers numerically and text exactly (values of different
 * types are never equal); `< <= > >=` compare two numbers or two texts, anything else is
 * an error, as is a division by zero or a result that is not a finite number.
 */
export function evaluateParsed(expr: Expr, values: Record<string, SweepValue>, fail: ExpressionFail): SweepValue {
  const boolean = (e: Expr, what: string): boolean => {
    const v = evaluate(e);
    if (typeof v !== "boolean") fail(`${what} needs true or false, found ${shown(v)}`, e.column);
    return v as boolean;
  };
  const finite = (v: number, column: number, op: string): number => {
    if (!Number.isFinite(v)) fail(`"${op}" gives ${v}, not a finite number`, column);
    return v;
  };
  const evaluate = (e: Expr): SweepValue => {
    switch (e.kind) {
      case "literal":
        return e.value;
      case "variable": {
        if (Object.hasOwn(values, e.name)) return values[e.name];
        const near = closest(e.name, Object.keys(values));
        return fail(`unknown variable "${e.name}"`, e.column, near ? ` (did you mean "${near}"?)` : "");
      }
      case "unary": {
        if (e.op === "!") return !boolean(e.operand, '"!"');
        const v = evaluate(e.operand);
        if (typeof v !== "number") fail(`"-" needs a number, found ${shown(v)}`, e.column);
        return -(v as number);
      }
      case "conditional":
        return boolean(e.test, '"?"') ? evaluate(e.then) : evaluate(e.otherwise);
      case "binary": {
        if (e.op === "&&") return boolean(e.left, '"&&"') && boolean(e.right, '"&&"');
        if (e.op === "||") return boolean(e.left, '"||"') || boolean(e.right, '"||"');
        const a = evaluate(e.left);
        const b = evaluate(e.right);
        switch (e.op) {
          case "==":
            return a === b;
          case "!=":
            return a !== b;
          case "<":
          case "<=":
          case ">":
          case ">=": {
            const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
            if (!comparable) fail(`"${e.op}" cannot compare ${shown(a)} with ${shown(b)}`, e.column);
            if (e.op === "<") return a < b;
            if (e.op === "<=") return a <= b;
            if (e.op === ">") return a > b;
            return a >= b;
          }
          case "+":
            if (typeof a === "string" || typeof b === "string") return String(a) + String(b);
            if (typeof a !== "number" || typeof b !== "number") fail(`"+" cannot add ${shown(a)} and ${shown(b)}`, e.column);
            return finite((a as number) + (b as number), e.column, "+");
          default: {
            if (typeof a !== "number" || typeof b !== "number") {
              fail(`"${e.op}" needs numbers, found ${shown(a)} and ${shown(b)}`, e.column);
            }
            const x = a as number;
            const y = b as number;
            if ((e.op === "/" || e.op === "%") && y === 0) fail(`division by zero`, e.column);
            const r = e.op === "-" ? x - y : e.op === "*" ? x * y : e.op === "/" ? x / y : x % y;
            return finite(r, e.column, e.op);
          }
        }
      }
    }
  };
  return evaluate(expr);
}

/**
 * Evaluate `expr` (see `parseExpression` for the grammar and `evaluateParsed` for the
 * typing rules) with the given variable values. Every problem is an {@link InputError}
 * naming the expression and the column, e.g.
 * `sweep.where "!(nci == 1)": unknown variable "nci" at column 3 (did you mean "nic"?)`;
 * `label` replaces the default name `expression`.
 */
export function evaluateExpression(expr: string, values: Record<string, SweepValue>, label = "expression"): SweepValue {
  const fail: ExpressionFail = (message, column, hint = "") => {
    throw new InputError(`${label} ${JSON.stringify(expr)}: ${message} at column ${column}${hint}`);
  };
  return evaluateParsed(parseExpression(expr, fail), values, fail);
}

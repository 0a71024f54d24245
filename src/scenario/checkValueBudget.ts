// checkValueBudget: refuses parsed documents that expand to too many values or nest too deep (alias bombs).
import { tooDeep } from "./checkJsonDocument.js";

/**
 * Walk `value` counting every value reached, shared references (YAML aliases) once per
 * place they appear, so a "billion laughs" document is caught after `maxValues` steps
 * instead of being expanded. Returns a sentence describing the problem, or null.
 */
export function checkValueBudget(value: unknown, maxValues: number, maxDepth: number): string | null {
  // Two parallel stacks rather than an object per value: a file of 20,000 transfers holds ~200,000 values.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let count = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (++count > maxValues) {
      return `the document expands to more than ${maxValues.toLocaleString("en-US")} values (an alias bomb?)`;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) return tooDeep(maxDepth);
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) {
      values.push(c);
      depths.push(depth + 1);
    }
  }
  return null;
}

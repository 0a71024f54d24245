// checkValueBudget: refuses parsed documents that expand to too many values or nest too deep (alias bombs).

/**
 * Walk `value` counting every value reached, shared references (YAML aliases) once per
 * place they appear, so a "billion laughs" document is caught after `maxValues` steps
 * instead of being expanded. Returns a sentence describing the problem, or null.
 */
export function checkValueBudget(value: unknown, maxValues: number, maxDepth: number): string | null {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (++count > maxValues) {
      return `the document expands to more than ${maxValues.toLocaleString("en-US")} values (an alias bomb?)`;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) return `the document nests more than ${maxDepth} levels deep`;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) stack.push({ v: c, depth: depth + 1 });
  }
  return null;
}

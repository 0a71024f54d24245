// checkVariablesUsed: refuses a study variable that nothing reads — no ${…} in the scenario, not sweep.where, not zipped with one that is read.
import { InputError } from "../core/InputError.js";
import { closest } from "../core/closest.js";
import { expressionVariables, parseExpression } from "./parseExpression.js";
import { valuesOf } from "./parseSweep.js";
import type { SweepSpec } from "./Study.js";
import { referencedVariables } from "./substitute.js";

/** Every key path of a document's mappings (`topology.links[0].bandwidth`), in document order; its top-level `sweep` skipped. */
function keyPaths(doc: unknown): { key: string; path: string }[] {
  const out: { key: string; path: string }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (path === "" && k === "sweep") continue;
        const at = path ? `${path}.${k}` : k;
        out.push({ key: k, path: at });
        walk(item, at);
      }
    }
  };
  walk(doc, "");
  return out;
}

/**
 * The path of the first key named like `name` — the same word, or within two edits of the
 * key or of its last camelCase words, case aside (`bandwith` → `hostBandwidth`), for names
 * of four letters or more (a shorter one is within two edits of too many keys, `a` of `to`).
 */
function nearestKey(name: string, keys: { key: string; path: string }[]): string | undefined {
  const exact = keys.find((k) => k.key === name);
  if (exact !== undefined || name.length < 4) return exact?.path;
  const wordsOf = new Map<string, string>();
  for (const { key, path } of keys) {
    const starts = [0, ...[...key.matchAll(/[A-Z]/g)].map((m) => m.index)];
    for (const at of starts) if (!wordsOf.has(key.slice(at).toLowerCase())) wordsOf.set(key.slice(at).toLowerCase(), path);
  }
  const near = closest(name.toLowerCase(), wordsOf.keys());
  return near === undefined ? undefined : wordsOf.get(near);
}

/**
 * Throw an {@link InputError} for the first variable of `spec` (in declaration order) that
 * no `${…}` of the scenario document `base` names, `sweep.where` does not name, and that is
 * not zipped with a variable one of them names: its values would give points that simulate
 * the same scenario (repetitions under one seed), which is never what a study means — a
 * typo (`bandwith`), or a variable taken to set the key of its name. A zipped variable
 * nothing reads is a label of the point (`nicPrice` beside `nicGbps`), written in sweep.csv;
 * one read only by `where` selects points. When an expression of `base` does not parse or
 * names an undeclared variable, nothing is checked here: substitution reports that
 * expression first (`unknown variable "lod" (did you mean "load"?)`). `where` names the
 * block (`study.yaml: sweep`); the message names the variable's place in it, e.g.
 * `study.yaml: sweep.vars.bandwith is read nowhere (no ${bandwith} in the scenario or in
 * sweep.where), so its 3 values would run 3 identical points — write "${bandwith}" where
 * the value goes (topology.links[0].bandwidth?) or remove the variable`.
 */
export function checkVariablesUsed(base: Record<string, unknown>, spec: SweepSpec, where: string): void {
  const read = referencedVariables(base);
  // An expression that does not parse, or names an undeclared variable (`${lod}` for `load`), is reported by substitution, with the point, key and column.
  if (read === undefined || read.some((n) => !Object.hasOwn(spec.vars, n))) return;
  const used = new Set(read);
  if (spec.where !== undefined) {
    const expr = parseExpression(spec.where, () => {
      throw new Error("unreachable: parseSweep checked the expression");
    });
    for (const v of expressionVariables(expr)) used.add(v.name);
  }
  const groupOf = new Map(spec.zip.flatMap((g) => g.map((n) => [n, g] as const)));
  for (const [name, values] of Object.entries(spec.vars)) {
    const group = groupOf.get(name) ?? [name];
    if (group.some((n) => used.has(n))) continue;
    if (group[0] !== name) continue; // a zip group is named once, by its first variable
    const count = valuesOf(values).length;
    const subject = group.length === 1 ? `${where}.vars.${name} is` : `${where}.vars.${name} and the variables zipped with it (${group.slice(1).join(", ")}) are`;
    const refs = group.map((n) => `\${${n}}`).join(" or ");
    const effect = count === 1 ? `so ${group.length === 1 ? "it changes" : "they change"} nothing` : `so ${group.length === 1 ? "its" : "their"} ${count} values would run ${count} identical points`;
    const at = nearestKey(name, keyPaths(base));
    throw new InputError(
      `${subject} read nowhere (no ${refs} in the scenario or in sweep.where), ${effect} — ` +
        `write "\${${name}}" where the value goes${at === undefined ? "" : ` (${at}?)`} or remove the variable`,
    );
  }
}

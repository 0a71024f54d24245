// checkJsonDocument: refuses parsed JSON documents that nest lists and mappings too deep — all a JSON document needs of checkValueBudget — and, in the same walk, tells whether every number is finite.

/** {@link checkJsonDocument}'s verdict on a JSON document, and whether all its numbers are finite. */
export interface JsonDocumentCheck {
  /**
   * {@link tooDeep}'s sentence when a list or mapping sits `maxDepth` levels below the top
   * (the top is level 0), else null: checkValueBudget's depth verdict.
   */
  problem: string | null;
  /**
   * Whether every number of the document is finite (JSON's `1e400` parses to Infinity):
   * when false, `findNonFiniteNumber` finds and names the first one; when true it would
   * find none and need not walk the document again. Only meaningful when `problem` is null.
   */
  finite: boolean;
}

/**
 * The depth half of {@link import("./checkValueBudget.js").checkValueBudget} and the
 * yes-or-no half of {@link import("./findNonFiniteNumber.js").findNonFiniteNumber} in one
 * walk, for a document that cannot hold shared references (JSON). Without aliases every
 * value takes at least one character of the file, so the value budget (at least the
 * file's length) cannot be exceeded and is not counted. A scenario of 20,000 transfers
 * holds ~200,000 values, and a walk of them costs as much as what each looks at; this one
 * allocates nothing and recurses at most `maxDepth` calls deep.
 */
export function checkJsonDocument(value: unknown, maxDepth: number): JsonDocumentCheck {
  const found = walk(value, maxDepth);
  return found === TOO_DEEP ? { problem: tooDeep(maxDepth), finite: true } : { problem: null, finite: found === FINITE };
}

/** The sentence for a document nesting a list or mapping `maxDepth` levels deep or more (checkJsonDocument's and checkValueBudget's). */
export function tooDeep(maxDepth: number): string {
  return `the document nests more than ${maxDepth} levels deep`;
}

/** What {@link walk} found: every container fewer than `levels` deep, and every number finite or not; or a container too deep. */
const FINITE = 0;
const NOT_FINITE = 1;
const TOO_DEEP = 2;

/**
 * Whether every list or mapping in `value` (itself included) lies fewer than `levels` levels
 * below `value` (else TOO_DEEP), and whether all its numbers are finite. A list's or
 * mapping's members that are neither lists, mappings nor numbers (most of a scenario's
 * values are strings) are passed over in the loop, not visited by a call each.
 */
function walk(value: unknown, levels: number): number {
  if (typeof value === "number") return Number.isFinite(value) ? FINITE : NOT_FINITE;
  if (value === null || typeof value !== "object") return FINITE;
  return members(value, levels);
}

/**
 * {@link walk} of a list or mapping `value`. The two loops' bodies are the same on purpose: one
 * `member` function for both took 2.8× the instructions of this walk (113.9 M against 40.6 M on
 * a fresh process's 20,000-transfer document, callgrind; docs/architecture.md, Session 55).
 */
function members(value: object, levels: number): number {
  if (levels === 0) return TOO_DEEP;
  let found = FINITE;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object") {
        if (v === null) continue;
        const f = members(v, levels - 1);
        if (f === TOO_DEEP) return TOO_DEEP;
        found |= f;
      } else if (typeof v === "number" && !Number.isFinite(v)) found = NOT_FINITE;
    }
    return found;
  }
  // for…in, not Object.values: no array per mapping (3–4× faster on a fresh 20,000-transfer
  // document). JSON.parse's mappings inherit nothing enumerable, so it sees the same values.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "object") {
      if (v === null) continue;
      const f = members(v, levels - 1);
      if (f === TOO_DEEP) return TOO_DEEP;
      found |= f;
    } else if (typeof v === "number" && !Number.isFinite(v)) found = NOT_FINITE;
  }
  return found;
}

// checkNesting: refuses parsed documents that nest lists and mappings too deep — all a JSON document needs of checkValueBudget — and, in the same walk, tells whether every number is finite.

/**
 * The depth half of {@link import("./checkValueBudget.js").checkValueBudget}, for a
 * document that cannot hold shared references (JSON): the same sentence when a list or
 * mapping sits `maxDepth` levels below the top (the top is level 0), else null. Without
 * aliases every value takes at least one character of the file, so the value budget
 * (at least the file's length) cannot be exceeded and is not counted; this walk allocates
 * nothing and recurses at most `maxDepth` calls deep.
 */
export function checkNesting(value: unknown, maxDepth: number): string | null {
  return nestsWithin(value, maxDepth) ? null : tooDeep(maxDepth);
}

/** {@link checkNesting}'s verdict on a JSON document, and whether all its numbers are finite. */
export interface JsonDocumentCheck {
  /** checkNesting's sentence, or null. */
  problem: string | null;
  /**
   * Whether every number of the document is finite (JSON's `1e400` parses to Infinity):
   * when false, `findNonFiniteNumber` finds and names the first one; when true it would
   * find none and need not walk the document again. Only meaningful when `problem` is null.
   */
  finite: boolean;
}

/**
 * {@link checkNesting} and the yes-or-no half of
 * {@link import("./findNonFiniteNumber.js").findNonFiniteNumber} in one walk: a JSON
 * scenario of 20,000 transfers holds ~200,000 values, and a walk of them costs as much as
 * what each looks at. The same sentence as checkNesting; `finite` as findNonFiniteNumber
 * finding nothing.
 */
export function checkJsonDocument(value: unknown, maxDepth: number): JsonDocumentCheck {
  allFinite = true;
  const problem = nestsWithinFinite(value, maxDepth) ? null : tooDeep(maxDepth);
  return { problem, finite: allFinite };
}

/** The sentence for a document nesting a list or mapping `maxDepth` levels deep or more (checkNesting's and checkValueBudget's). */
export function tooDeep(maxDepth: number): string {
  return `the document nests more than ${maxDepth} levels deep`;
}

/** Whether every list or mapping in `value` (itself included) lies fewer than `levels` levels below `value`. */
function nestsWithin(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== "object") return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!nestsWithin(value[i], levels - 1)) return false;
    return true;
  }
  // for…in, not Object.values: no array per mapping (3–4× faster on a fresh 20,000-transfer
  // document). JSON.parse's mappings inherit nothing enumerable, so it sees the same values.
  for (const key in value) if (!nestsWithin((value as Record<string, unknown>)[key], levels - 1)) return false;
  return true;
}

/** Cleared by {@link nestsWithinFinite} on meeting a number that is not finite. */
let allFinite = true;

/** {@link nestsWithin}, clearing {@link allFinite} at any number that is not finite. */
function nestsWithinFinite(value: unknown, levels: number): boolean {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) allFinite = false;
    return true;
  }
  if (value === null || typeof value !== "object") return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!nestsWithinFinite(value[i], levels - 1)) return false;
    return true;
  }
  for (const key in value) if (!nestsWithinFinite((value as Record<string, unknown>)[key], levels - 1)) return false;
  return true;
}

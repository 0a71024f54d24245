// checkIndexable: the most resources and concurrent flows the incremental solver indexes (2²⁶), and the one-sentence refusal of a run that needs more.
import { InputError } from "../../core/InputError.js";

/**
 * At most this many resources and this many flow slots in `SharingState` (2²⁶ = 67,108,864),
 * so that every index into its records (`(r << 4) | 15`, `(f << 3) | 7`) stays below 2³⁰:
 * the records' indices are written as shifts and ors (session 45), which V8 compiles to two
 * instructions with no overflow check, where `16 * r + 15` was a multiply and an add, each
 * checked for overflow — the same index whenever it is below 2³¹, which this bound keeps.
 */
export const MAX_INDEXED = 2 ** 26;

/**
 * Refuse, as a user's {@link InputError} (exit code 2, one sentence), a run that needs more than
 * {@link MAX_INDEXED} of `what` in the sharing solver: the scenario's size estimate
 * (docs/scenarios.md, Limits) refuses most such runs from the file first, but it counts
 * memory, and a machine with a raised heap limit could pass it.
 */
export function checkIndexable(count: number, what: string): void {
  if (count > MAX_INDEXED) {
    throw new InputError(
      `too large to simulate — ${count.toLocaleString("en-US")} ${what}, more than the ${MAX_INDEXED.toLocaleString("en-US")} the sharing solver indexes (docs/scenarios.md, Limits)`,
    );
  }
}

// listRunIds: a list of run ids for a message, cut short after the first twenty.

/** Run ids named before "and N more". */
const LISTED = 20;

/** `"p0-r1, p2-r0"`, or the first twenty then `"and 1,234 more"`. */
export function listRunIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).join(", ");
  return ids.length > LISTED ? `${shown} and ${(ids.length - LISTED).toLocaleString("en-US")} more` : shown;
}

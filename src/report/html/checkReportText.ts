// checkReportText: refuse a report CSV that a run cannot have written — empty, or cut short mid-line — before a page or a comparison is drawn from it.
import { InputError } from "../../core/InputError.js";

/**
 * Throw an {@link InputError} naming `path` when `text`, a report CSV's contents, is empty
 * or does not end with a newline: every report a run writes holds a header and ends its
 * last line with `\n` (docs/reports.md, Conventions), so such a file was cut short (a copy
 * interrupted, a disk filled) or edited, and a page drawn from it would show a partial run
 * as if it were whole.
 */
export function checkReportText(path: string, text: string): void {
  if (text === "") throw new InputError(`${path} is empty — a report has at least a header line; rerun the scenario to write it again`);
  if (!text.endsWith("\n")) {
    const lines = text.split("\n").length;
    throw new InputError(`${path}:${lines}: the file ends mid-line (cut short or edited) — rerun the scenario to write it again`);
  }
}

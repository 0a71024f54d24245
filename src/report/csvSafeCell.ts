// csvSafeCell: a text cell a spreadsheet will not evaluate as a formula (OWASP's CSV-injection advice).

/** A CSV number as chokepoint writes it ("-1.5", "-2e-7", "+3"): such a cell is data, never a formula. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * `cell`, or `'` + `cell` when it is text that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return — the characters with which Excel, LibreOffice and Google Sheets start a
 * formula (OWASP, "CSV Injection": prefix such cells with a single quote, which the
 * spreadsheet shows as text and does not evaluate). Numbers such as `-1.5` are left as they
 * are, and a cell that already starts with `'` is not changed again, so reading a report
 * and writing it back does not add quotes.
 *
 * @example csvSafeCell("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * @example csvSafeCell("-1.5") // "-1.5"
 */
export function csvSafeCell(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/** Whether {@link csvSafeCell} would change `cell` (cheap: most cells are decided by their first character). */
export function isFormulaLike(cell: string): boolean {
  const c = cell.charCodeAt(0);
  // = + - @ tab CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return false;
  return !NUMBER.test(cell);
}

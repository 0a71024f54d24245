// NumberCells: number cells of a table written row by row, each column's text made again only when its value changes from the row before.
import { csvNumber } from "./csvNumber.js";

/**
 * {@link csvNumber}'s text for the number cells of a table written row by row, keeping each
 * column's last value and text: a value equal (`===`) to the one in the same column of the
 * row before gets the same text without being formatted again. Report rows repeat a lot
 * down a column (a collective's flows share start times, sizes and ideal times: 99.9 % of
 * flows.csv's number cells in a 32,768-GPU iteration), and the text of a number depends on
 * its value only (0 and −0 both write "0"; NaN is never equal, and writes ""), so the
 * bytes are the same.
 */
export class NumberCells {
  private readonly lastValue: number[] = [];
  private readonly lastText: string[] = [];

  /** @param format the number's text (default {@link csvNumber}); a pure function of the value. */
  constructor(private readonly format: (x: number) => string = csvNumber) {}

  /** The text of `x` in column `column` (0-based). */
  text(column: number, x: number): string {
    if (x === this.lastValue[column]) return this.lastText[column];
    const text = this.format(x);
    this.lastValue[column] = x;
    this.lastText[column] = text;
    return text;
  }
}

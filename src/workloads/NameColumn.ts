// NameColumn: a column of names (a population, a kind, a target) kept as indexes into the names seen, one Int32 per row.
import { grown } from "../core/grown.js";

/**
 * A column of strings that take few values: each row holds the index of its name in
 * {@link names} (in order of first appearance), so a million rows of three populations
 * are 4 MB and three strings.
 */
export class NameColumn {
  /** Each distinct name, in order of first appearance. */
  readonly names: string[] = [];
  /** Per row, the index of its name in {@link names}. */
  index = new Int32Array(0);
  /** The last name set and its index (rows of one population repeat it). */
  private lastName: string | undefined;
  private lastIndex = -1;
  private readonly indexOf = new Map<string, number>();

  /** Give row `row` (below the length last {@link grow}n to) the name `name`. */
  set(row: number, name: string): void {
    if (name !== this.lastName) {
      let k = this.indexOf.get(name);
      if (k === undefined) {
        k = this.names.push(name) - 1;
        this.indexOf.set(name, k);
      }
      this.lastName = name;
      this.lastIndex = k;
    }
    this.index[row] = this.lastIndex;
  }

  /** The name of row `row`. */
  nameOf(row: number): string {
    return this.names[this.index[row]];
  }

  /** Make room for `rows` rows. */
  grow(rows: number): void {
    this.index = grown(this.index, rows);
  }
}

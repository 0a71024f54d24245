// tableColumns: name a CSV table's columns — text and number accessors by header name.
import type { CsvTable } from "./parseCsvText.js";

/** Accessors of a table's cells by column name; a column the table lacks reads as "" (text) and NaN (number). */
export interface TableColumns {
  /** Whether the table has the column. */
  has(name: string): boolean;
  /** The cell as written. */
  text(row: readonly string[], name: string): string;
  /** The cell as a number; NaN when empty or absent. */
  num(row: readonly string[], name: string): number;
}

/** {@link TableColumns} of `table`'s header. */
export function tableColumns(table: CsvTable): TableColumns {
  const index = new Map(table.header.map((h, i) => [h, i] as const));
  const text = (row: readonly string[], name: string) => {
    const i = index.get(name);
    return i === undefined ? "" : (row[i] ?? "");
  };
  return {
    has: (name) => index.has(name),
    text,
    num: (row, name) => {
      const cell = text(row, name);
      return cell === "" ? NaN : Number(cell);
    },
  };
}

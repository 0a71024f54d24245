// htmlTable: a table of numbers and names as HTML, every cell escaped.
import { escapeHtml } from "./escapeHtml.js";

/** A cell: text (left-aligned) or a number already formatted (right-aligned), with an optional exact value for its title. */
export type TableCell = string | { value: string; title?: string; numeric?: boolean };

/** `<table>` with a header row; a string cell is text, an object cell a formatted number whose `title` shows the exact value. */
export function htmlTable(headers: readonly string[], rows: ReadonlyArray<readonly TableCell[]>): string {
  const head = headers.map((h, i) => `<th${i === 0 || typeof rows[0]?.[i] === "string" ? ' class="text"' : ""}>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c) =>
            typeof c === "string"
              ? `<td class="text">${escapeHtml(c)}</td>`
              : `<td${c.title ? ` title="${escapeHtml(c.title)}"` : ""}${c.numeric === false ? ' class="text"' : ""}>${escapeHtml(c.value)}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

// htmlFigure: a chart's place on a report page — caption, the element its script draws into, its numbers in a table under it.
import { escapeHtml } from "./escapeHtml.js";

/** A chart's figure: caption, the element the script draws into, and its numbers in a table under it. */
export function htmlFigure(id: string, caption: string, note: string, table = ""): string {
  return `<figure data-chart="${id}">
<figcaption>${escapeHtml(caption)}${note ? ` <span class="note">${escapeHtml(note)}</span>` : ""}</figcaption>
<div class="plot"></div>
${table ? `<details><summary>numbers</summary>${table}</details>` : ""}
</figure>`;
}

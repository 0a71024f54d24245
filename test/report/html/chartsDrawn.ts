// chartsDrawn: what a report page drew — per figure, its chart id, its state and the marks with geometry in its SVGs.
import type { Page } from "playwright-core";

/** What the page drew: per chart, its id, state and the number of marks with geometry in its SVGs. */
export async function chartsDrawn(page: Page) {
  return page.$$eval("figure[data-chart]", (figures) =>
    figures.map((f) => {
      const marks = [...f.querySelectorAll(".plot svg [aria-label] > *, .plot svg [aria-label] path")].filter((el) => {
        const tag = el.tagName.toLowerCase();
        if (tag === "path") return (el.getAttribute("d") ?? "").length > 2;
        if (tag === "rect") return Number(el.getAttribute("width") ?? 0) > 0 || Number(el.getAttribute("height") ?? 0) > 0;
        if (tag === "line" || tag === "circle" || tag === "text") return true;
        return false;
      });
      return { chart: f.getAttribute("data-chart")!, drawn: f.getAttribute("data-drawn"), marks: marks.length };
    }),
  );
}

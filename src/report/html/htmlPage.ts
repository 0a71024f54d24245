// htmlPage: the skeleton every chokepoint page shares — head, header, sections, the inlined chart libraries, the page's data and its client script.
import type { InlineScript } from "./chartLibraryScripts.js";
import { CHART_KIT_SCRIPT } from "./chartKitScript.js";
import { escapeHtml } from "./escapeHtml.js";
import { REPORT_STYLE } from "./reportStyle.js";
import { scriptJson } from "./scriptJson.js";

/** What differs between a run's, a comparison's and a study's page. */
export interface HtmlPageParts {
  /** The page's heading (plain text; escaped here). */
  title: string;
  /** What the page is, after the title in the tab: "report", "comparison", "study". */
  kind: string;
  /** chokepoint's version for a `generator` meta tag, when the page names one. */
  generator?: string;
  /** CSS added after the shared style (starting with a newline). */
  extraStyle?: string;
  /** The header's line under the heading (HTML, already escaped). */
  metaHtml: string;
  /** Sections in order: id, heading (plain text), body (HTML). */
  sections: ReadonlyArray<readonly [string, string, string]>;
  /** Whether a navigation bar links the sections. */
  nav: boolean;
  /** The id of the JSON script the client script reads, and what it holds. */
  dataId: string;
  data: unknown;
  /** The page's own script, run after the chart kit. */
  clientScript: string;
  /** The chart libraries, inlined (chartLibraryScripts()). */
  scripts: readonly InlineScript[];
}

/** One self-contained HTML page: every script and style inline, so it opens from disk with no network. */
export function htmlPage(p: HtmlPageParts): string {
  const generator = p.generator === undefined ? "" : `<meta name="generator" content="chokepoint ${escapeHtml(p.generator)}">\n`;
  const nav = p.nav ? `<nav>${p.sections.map(([id, heading]) => `<a href="#${id}">${escapeHtml(heading.split(":")[0])}</a>`).join("")}</nav>\n` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${generator}<title>${escapeHtml(p.title)} — chokepoint ${p.kind}</title>
<style>${REPORT_STYLE}${p.extraStyle ?? ""}</style>
</head>
<body>
<header>
<h1>${escapeHtml(p.title)}</h1>
<p class="meta">${p.metaHtml}</p>
</header>
${nav}<main>
${p.sections.map(([id, heading, body]) => `<section id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`).join("\n")}
</main>
${p.scripts.map((x) => `<script>/* ${escapeHtml(x.name)} */\n${x.source}\n</script>`).join("\n")}
<script id="${p.dataId}" type="application/json">${scriptJson(p.data)}</script>
<script>${CHART_KIT_SCRIPT}</script>
<script>${p.clientScript}</script>
</body>
</html>
`;
}

// reportStyle: the stylesheet inlined into every report page (no web fonts, nothing fetched).

/** CSS of a report page: readable on screen and in print, tables compact, charts full width. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6570; --rule: #d8dde3; --accent: #b42318; --bg: #fff; --card: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 18px 28px 8px; border-bottom: 1px solid var(--rule); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .meta { margin: 0; color: var(--muted); font-size: 12.5px; word-break: break-all; }
nav { padding: 6px 28px; border-bottom: 1px solid var(--rule); font-size: 13px; position: sticky; top: 0; background: var(--bg); z-index: 2; }
nav a { margin-right: 14px; color: var(--ink); text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 0 28px 40px; max-width: 1180px; }
section { padding-top: 10px; }
h2 { font-size: 18px; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.verdict { font-size: 15px; margin: 6px 0 12px; padding-left: 20px; }
.verdict li { margin: 3px 0; }
.verdict li:first-child { font-weight: 600; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 10px 0 16px; }
.metric { background: var(--card); border-radius: 6px; padding: 8px 10px; }
.metric .label { display: block; color: var(--muted); font-size: 12px; }
.metric .value { display: block; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
figure { margin: 10px 0 18px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
figcaption .note { font-weight: 400; color: var(--muted); font-size: 12.5px; }
.plot { overflow-x: auto; }
.plot svg { max-width: 100%; height: auto; }
details { margin-top: 4px; font-size: 12.5px; }
details summary { cursor: pointer; color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0; font-size: 12.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 2px 8px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
th { background: var(--card); font-weight: 600; }
p.note { color: var(--muted); font-size: 12.5px; }
.error { color: var(--accent); font-weight: 600; }
@media print { nav { position: static; } }
`;

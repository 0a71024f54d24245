// screenshotPage: save a PNG of a chokepoint HTML page (report, compare or study page) as drawn by Debian's headless chromium, for the figures in docs and claim notes.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { Chromium } from "../test/report/html/openInChromium.js";

const HELP = `npx tsx scripts/screenshotPage.ts PAGE.html OUT.png [--width PX] [--height PX] [--chart ID,…]

Opens PAGE.html (written by chokepoint run --report, compare or report) in headless chromium
with the network refused, waits until its charts are drawn, and writes the top of the page
(--width × --height pixels, default 1100 × 900) to OUT.png — or, with --chart ID,…, the verdict
and the charts whose data-chart are those IDs (a study page's "study:<metric>:<variable>"), one
above the other. Needs Debian's chromium.`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { width: { type: "string" }, height: { type: "string" }, chart: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help || positionals.length !== 2) {
    process.stdout.write(`${HELP}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const width = Number(values.width ?? 1100);
  const height = Number(values.height ?? 900);
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    process.stderr.write("screenshotPage: --width and --height must be positive whole numbers of pixels.\n");
    process.exitCode = 2;
    return;
  }
  const browser = await Chromium.launch();
  try {
    const { page, errors } = await browser.open(resolve(positionals[0]));
    if (errors.length > 0) throw new Error(`the page logged errors: ${errors.join("; ")}`);
    await page.setViewportSize({ width, height });
    if (values.chart !== undefined) {
      const ids = values.chart.split(",");
      type Styled = { style: { display: string } };
      // Hide every other chart, and the metrics section's headings.
      const charts = await page.$$eval(
        "figure[data-chart]",
        (figures, keep) => figures.map((f) => {
          const chart = f.getAttribute("data-chart");
          if (!keep.includes(chart ?? "")) (f as unknown as Styled).style.display = "none";
          return chart;
        }),
        ids,
      );
      await page.$$eval("#metrics h3", (hs) => hs.forEach((h) => ((h as unknown as Styled).style.display = "none")));
      const missing = ids.filter((id) => !charts.includes(id));
      if (missing.length > 0) throw new Error(`the page has no chart ${missing.join(", ")}; its charts are ${charts.join(", ")}`);
    }
    await page.screenshot({ path: resolve(positionals[1]), fullPage: values.chart !== undefined });
  } finally {
    await browser.close();
  }
}

await main();

// countRoundoff: run every shipped scenario and study and count the report cells that show float round-off.
//
//   npx tsx scripts/countRoundoff.ts [OUT_DIR]                (default results/roundoff; runs the CLI, a few minutes)
//   npx tsx scripts/countRoundoff.ts OUT_DIR --count-only     (count an earlier OUT_DIR again without running)
//
// Scenarios: scenarios/**/*.yaml except scenarios/bad (the claims included); studies (files
// with a `sweep` block) run with `chokepoint sweep --jobs 1`. The kinds of cell counted are
// those of test/report/roundoffCells.ts (fraction outside [0, 1], slowdown below 1 by
// round-off, fractional bytes, more than 12 significant digits).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { roundoffCells, type RoundoffKind } from "../test/report/roundoffCells.js";

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith("--")) ?? "results/roundoff";
const countOnly = args.includes("--count-only");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return p === join("scenarios", "bad") ? [] : yamlFiles(p);
      return n.endsWith(".yaml") ? [p] : [];
    });
}

if (!countOnly) {
  for (const file of yamlFiles("scenarios")) {
    const isStudy = /^sweep:/m.test(readFileSync(file, "utf8"));
    const dir = join(out, relative("scenarios", file).replace(/\.yaml$/, ""));
    const started = Date.now();
    const argv = isStudy ? ["sweep", file, "--out", dir, "--jobs", "1"] : ["run", file, "--out", dir, "--quiet"];
    execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...argv], { stdio: ["ignore", "ignore", "inherit"] });
    console.error(`${file}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const kinds: RoundoffKind[] = ["fraction>1", "slowdown<1", "slowdown<1-1e-9", "bytes-frac", "digits>12", "integer-digits>12"];
const cells = existsSync(out) ? roundoffCells(out) : [];
console.log(`round-off cells in the reports under ${out}:`);
for (const kind of kinds) {
  const of = cells.filter((c) => c.kind === kind);
  const columns = [...new Set(of.map((c) => `${basename(c.file)}:${c.column}`))].sort();
  console.log(`${kind.padEnd(18)} ${String(of.length).padStart(9)}  ${columns.join(" ")}`);
}

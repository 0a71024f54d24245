// sameReports: run every scenario (and any extra case) with this build and with chokepoint at another commit, and check that every report is byte-identical.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { roundSignificant } from "../src/report/csvNumber.js";
import { beforeBuild } from "./beforeBuild.js";
import { buildDist } from "./buildDist.js";

const HELP = `npm run bench:same -- --before REF [--engine full] [CASE …]

Builds this checkout (dist/) and chokepoint at git revision REF (results/bench/ref-<commit>/),
runs \`chokepoint run\` with both on every scenario under scenarios/ (not bad/, sweeps/ or
search/) and on each CASE given (scenario files, e.g. the bench cases), and compares every
file they write byte for byte, run.json excepted (it holds wall times and memory) — its
"events" and "end_s" are compared instead. Exits 1 on any difference.`;

const OUT = "results/bench/same";

/** Every scenario file to run: scenarios/**\/*.yaml outside bad/, sweeps/ and search/. */
function scenarioFiles(dir = "scenarios"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!["bad", "sweeps", "search"].includes(name)) out.push(...scenarioFiles(path));
    } else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

function run(cli: string, file: string, out: string, engine: string): { ok: boolean; wallS: number; stderr: string } {
  rmSync(out, { recursive: true, force: true });
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, "run", file, "--out", out, "--quiet", "--engine", engine], { encoding: "utf8" });
  return { ok: r.status === 0, wallS: Number(process.hrtime.bigint() - began) / 1e9, stderr: r.stderr };
}

/**
 * Names of the files that differ between two report directories (run.json: events and end_s
 * only, end_s as run.json writes it since session 43 — 12 significant digits, round-off
 * snapped — so that a build from before then, which wrote it unrounded, compares alike).
 */
function differences(a: string, b: string): string[] {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  const bad: string[] = [];
  for (const name of names) {
    const pa = join(a, name);
    const pb = join(b, name);
    if (!existsSync(pa) || !existsSync(pb)) {
      bad.push(`${name} (only in one)`);
      continue;
    }
    if (name === "run.json") {
      const ja = JSON.parse(readFileSync(pa, "utf8"));
      const jb = JSON.parse(readFileSync(pb, "utf8"));
      if (ja.events !== jb.events || roundSignificant(ja.end_s) !== roundSignificant(jb.end_s)) bad.push(name);
      continue;
    }
    if (!readFileSync(pa).equals(readFileSync(pb))) bad.push(name);
  }
  return bad;
}

const { values, positionals } = parseArgs({
  options: { before: { type: "string" }, engine: { type: "string", default: "incremental" }, help: { type: "boolean" } },
  allowPositionals: true,
});
if (values.help || !values.before) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
buildDist();
const before = beforeBuild(values.before);
const files = [...scenarioFiles(), ...positionals];
let failed = 0;
for (const file of files) {
  const tag = file.replace(/[^A-Za-z0-9.-]+/g, "_");
  const a = join(OUT, "before", tag);
  const b = join(OUT, "after", tag);
  const ra = run(before, file, a, values.engine!);
  const rb = run("dist/cli/main.js", file, b, values.engine!);
  let verdict: string;
  if (!ra.ok || !rb.ok) {
    verdict = ra.ok === rb.ok && ra.stderr === rb.stderr ? "same error" : `FAILED (before: ${ra.stderr.trim()} | after: ${rb.stderr.trim()})`;
  } else {
    const bad = differences(a, b);
    verdict = bad.length === 0 ? `identical (${readdirSync(b).length} files)` : `DIFFERENT: ${bad.join(", ")}`;
  }
  if (!verdict.startsWith("identical") && verdict !== "same error") failed++;
  console.log(`${file}: ${verdict}  [${ra.wallS.toFixed(2)} s → ${rb.wallS.toFixed(2)} s]`);
}
console.log(failed === 0 ? `all ${files.length} identical` : `${failed} of ${files.length} differ`);
process.exitCode = failed === 0 ? 0 : 1;

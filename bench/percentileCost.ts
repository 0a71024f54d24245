// percentileCost: CPU time of a finished run's three percentile samples (flows.csv's fct_s and slowdown, and fct_s again as the workload's) by a full sort or by placeRanks, in one fresh process, to compare the two without the run around them.
import { readFileSync } from "node:fs";
import { quantileSorted } from "d3-array";
import { placeReportPercentiles, REPORT_PERCENTILES } from "../src/report/placeRanks.js";

const HELP = `npx tsx bench/percentileCost.ts FLOWS.csv sort|place

Reads fct_s and slowdown of every row of FLOWS.csv (a run's flows.csv), then times, in this
process (cold code, as in a run), the p50/p95/p99 of three samples — fct_s, slowdown, fct_s
again — by Float64Array.prototype.sort (summarizeRun's and summarizeWorkloads' way before
session 42) or by placeRanks. Prints the CPU milliseconds of that part and the nine numbers
(which must be the same for both).`;

const [file, how] = process.argv.slice(2);
if (!file || (how !== "sort" && how !== "place")) {
  console.log(HELP);
  process.exit(file === "--help" ? 0 : 1);
}
const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
const head = lines[0].split(",");
const fctAt = head.indexOf("fct_s");
const slowdownAt = head.indexOf("slowdown");
const n = lines.length - 1;
const fct = new Float64Array(n);
const slowdown = new Float64Array(n);
let m = 0;
for (let i = 1; i <= n; i++) {
  const cells = lines[i].split(",");
  if (cells[fctAt] === "") continue;
  fct[m] = Number(cells[fctAt]);
  slowdown[m++] = Number(cells[slowdownAt]);
}
const samples = [fct.slice(0, m), slowdown.slice(0, m), fct.slice(0, m)];
const start = process.cpuUsage();
const out: number[] = [];
for (const xs of samples) {
  const placed = how === "sort" ? xs.sort() : placeReportPercentiles(xs);
  for (const p of REPORT_PERCENTILES) out.push(quantileSorted(placed as unknown as number[], p)!);
}
const used = process.cpuUsage(start);
console.log(`${how} ${((used.user + used.system) / 1000).toFixed(1)} ms ${out.join(" ")}`);

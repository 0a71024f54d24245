// solverReportDiff: the largest relative change of any number between two sets of report directories (bench:same's before/ and after/), for a solver change that moves rates by round-off.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const HELP = `npx tsx bench/solverReportDiff.ts [BEFORE_DIR AFTER_DIR]

Compares every file under BEFORE_DIR with the same file under AFTER_DIR (default: the
results/bench/same/before and …/after that \`npm run bench:same\` leaves), number by number:
each file is split into numbers and the text between them. Lists each file that differs,
with the largest relative change of a number in it (|a − b| ÷ max(|a|, |b|)), where (the
CSV column when the file is a CSV, else the line) and the two values; a difference in the
text between the numbers, or in how many numbers there are, is listed as "text differs".
A CSV whose header and rows line up in both is compared cell by cell instead: per
column, how many numbers changed and by how much at most, and how many text cells differ.
run.json is skipped (wall times, memory). Exits 1 when any difference is not numeric.`;

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

interface Change {
  file: string;
  relative: number;
  where: string;
  before: string;
  after: string;
  textDiffers: boolean;
}

/** The numbers of a text and the text between them. */
function split(text: string): { numbers: string[]; rest: string[]; at: number[] } {
  const numbers: string[] = [];
  const rest: string[] = [];
  const at: number[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    rest.push(text.slice(last, m.index));
    numbers.push(m[0]);
    at.push(m.index!);
    last = m.index! + m[0].length;
  }
  rest.push(text.slice(last));
  return { numbers, rest, at };
}

/** Where in the file offset `i` is: "column name, line n" for a CSV, else "line n". */
function whereIs(text: string, i: number, csv: boolean): string {
  const lineStart = text.lastIndexOf("\n", i - 1) + 1;
  const line = text.slice(0, lineStart).split("\n").length;
  if (!csv) return `line ${line}`;
  const column = text.slice(lineStart, i).split(",").length - 1;
  const header = text.slice(0, text.indexOf("\n")).split(",");
  return `${header[column] ?? `column ${column}`}, line ${line}`;
}

/**
 * Two CSVs with the same header and rows compared cell by cell: for each column that
 * differs, the largest relative change of a number and how many cells differ as text
 * (a different bottleneck name, say). Undefined when the shapes differ.
 */
function compareCsv(a: string, b: string): string[] | undefined {
  const ra = a.trimEnd().split("\n").map((l) => l.split(","));
  const rb = b.trimEnd().split("\n").map((l) => l.split(","));
  if (ra.length !== rb.length || ra[0].join(",") !== rb[0].join(",")) return undefined;
  const header = ra[0];
  const rel = new Array<number>(header.length).fill(0);
  const numeric = new Array<number>(header.length).fill(0);
  const text = new Array<number>(header.length).fill(0);
  for (let i = 1; i < ra.length; i++) {
    if (ra[i].length !== rb[i].length) return undefined;
    for (let j = 0; j < ra[i].length; j++) {
      const x = ra[i][j];
      const y = rb[i][j];
      if (x === y) continue;
      const nx = Number(x);
      const ny = Number(y);
      if (x !== "" && y !== "" && Number.isFinite(nx) && Number.isFinite(ny)) {
        numeric[j]++;
        const m = Math.max(Math.abs(nx), Math.abs(ny));
        if (m > 0) rel[j] = Math.max(rel[j], Math.abs(nx - ny) / m);
      } else text[j]++;
    }
  }
  const out: string[] = [];
  header.forEach((name, j) => {
    if (numeric[j] > 0) out.push(`${name}: ${numeric[j]} numbers, largest relative change ${rel[j].toExponential(3)}`);
    if (text[j] > 0) out.push(`${name}: ${text[j]} text cells differ`);
  });
  return out;
}

function compare(file: string, a: string, b: string): Change | undefined {
  if (a === b) return undefined;
  const sa = split(a);
  const sb = split(b);
  const change: Change = { file, relative: 0, where: "", before: "", after: "", textDiffers: false };
  if (sa.numbers.length !== sb.numbers.length || sa.rest.some((t, i) => t !== sb.rest[i])) change.textDiffers = true;
  const n = Math.min(sa.numbers.length, sb.numbers.length);
  for (let i = 0; i < n; i++) {
    if (sa.numbers[i] === sb.numbers[i]) continue;
    const x = Number(sa.numbers[i]);
    const y = Number(sb.numbers[i]);
    const m = Math.max(Math.abs(x), Math.abs(y));
    const r = m === 0 ? 0 : Math.abs(x - y) / m;
    if (r > change.relative || change.where === "") {
      Object.assign(change, { relative: r, where: whereIs(b, sb.at[i], file.endsWith(".csv")), before: sa.numbers[i], after: sb.numbers[i] });
    }
  }
  return change;
}

function files(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, join(prefix, name)));
    else if (name !== "run.json") out.push(join(prefix, name));
  }
  return out;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", default: false } } });
if (values.help || (positionals.length !== 0 && positionals.length !== 2)) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const [beforeDir, afterDir] = positionals.length === 2 ? positionals : ["results/bench/same/before", "results/bench/same/after"];
let largest: Change | undefined;
let textual = 0;
for (const file of files(afterDir)) {
  const pa = join(beforeDir, file);
  if (!existsSync(pa)) {
    console.log(`${file}: only after`);
    textual++;
    continue;
  }
  const c = compare(file, readFileSync(pa, "utf8"), readFileSync(join(afterDir, file), "utf8"));
  if (c === undefined) continue;
  if (c.textDiffers) textual++;
  const columns = file.endsWith(".csv") ? compareCsv(readFileSync(pa, "utf8"), readFileSync(join(afterDir, file), "utf8")) : undefined;
  if (columns !== undefined) {
    console.log(`${file}: same rows; ${columns.join("; ")}`);
    continue;
  }
  console.log(`${file}: ${c.textDiffers ? "text differs; " : ""}largest relative change ${c.relative.toExponential(3)} (${c.where}: ${c.before} → ${c.after})`);
  if (largest === undefined || c.relative > largest.relative) largest = c;
}
console.log(largest === undefined ? "no differences" : `largest relative change: ${largest.relative.toExponential(3)} in ${largest.file} (${largest.where})`);
process.exitCode = textual > 0 ? 1 : 0;

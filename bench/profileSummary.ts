// profileSummary: self and total time per function from a V8 .cpuprofile (node --cpu-prof), to see where a whole command goes.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const HELP = `npx tsx bench/profileSummary.ts FILE.cpuprofile [--top N] [--by function|file]

Prints the functions (or source files) with the most self time in a V8 CPU profile, each with
its self and total (inclusive) milliseconds and share of the profile. Make a profile with
  node --cpu-prof --cpu-prof-dir=DIR dist/cli/main.js run CASE --out OUT --quiet`;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "40" }, by: { type: "string", default: "function" }, help: { type: "boolean", default: false } },
});
if (values.help || positionals.length !== 1) {
  console.log(HELP);
  process.exit(values.help ? 0 : 1);
}
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (f: CallFrame) =>
  values.by === "file" ? f.url.split("/").slice(-2).join("/") || `(${f.functionName})` : `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  all += dt;
  let id: number | undefined = profile.samples[i];
  const k0 = key(byId.get(id)!.callFrame);
  self.set(k0, (self.get(k0) ?? 0) + dt);
  // Count each function once per sample in its total, however deep it recurses.
  const seen = new Set<string>();
  while (id !== undefined) {
    const k = key(byId.get(id)!.callFrame);
    if (!seen.has(k)) {
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
    id = parent.get(id);
  }
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`profile: ${all.toFixed(0)} ms sampled`);
console.log("self_ms  self%  total_ms  function");
for (const [k, s] of rows) console.log(`${s.toFixed(1).padStart(7)} ${((100 * s) / all).toFixed(1).padStart(5)}% ${(total.get(k) ?? 0).toFixed(1).padStart(8)}  ${k}`);
if (values.by === "function") {
  console.log("\nby total (inclusive) time:");
  for (const [k, t] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
    console.log(`${t.toFixed(1).padStart(8)} ${((100 * t) / all).toFixed(1).padStart(5)}%  ${k}`);
}

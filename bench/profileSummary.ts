// profileSummary: self time per function of a V8 CPU profile (node --cpu-prof), largest first.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const HELP = `npx tsx bench/profileSummary.ts FILE.cpuprofile [--top N]

Sums the self time of every function in a CPU profile written by \`node --cpu-prof\` (by
function name, file and line) and prints the N largest (default 30) with their share of the
profile's sampled time.`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "30" }, help: { type: "boolean" } } });
  if (values.help || positionals.length !== 1) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
  const byNode = new Map<number, ProfileNode>();
  for (const n of profile.nodes) byNode.set(n.id, n);
  // Self time of a node: the time deltas of the samples that landed in it.
  const selfUs = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byNode.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    if (n === undefined) continue;
    const f = n.callFrame;
    const file = f.url.replace(/^.*\//, "");
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    total += dt;
  }
  const rows = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  console.log(`total ${(total / 1e6).toFixed(2)} s sampled`);
  for (const [key, us] of rows) console.log(`${(us / 1e6).toFixed(3).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
}

main();

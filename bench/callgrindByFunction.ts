// callgrindByFunction: a callgrind profile's self instructions per function, JIT code named from V8's perf map (node --perf-basic-prof), and summed by kind of code.
//
// usage: npx tsx bench/callgrindByFunction.ts CALLGRIND_OUT PERF_MAP [--top N] [--vs CALLGRIND_OUT2 PERF_MAP2] [--by-name] [--event NAME] [--callers REGEX]
//
// Profile with `CHOKEPOINT_RESOURCE_WORKER=0 valgrind --tool=callgrind --callgrind-out-file=OUT node
// --predictable --single-threaded --perf-basic-prof bench/simulateWindow.mjs <build> <case> sim`:
// one thread, so TurboFan's compiles and the collector are counted beside the JavaScript, and V8
// writes /tmp/perf-<pid>.map (the pid is in valgrind's log lines). callgrind names code it has no
// symbol for by its address (0x…); the perf map gives the JavaScript function whose code holds it
// (`JS:*name file:line:col` for TurboFan's code, `^` Sparkplug's, `~` the interpreter's). An address
// the map does not cover (code freed and its memory reused) keeps its 0x… name.
// With --vs, a second profile (say maxmin's beside tcp's): each function's and each kind's difference
// (functions matched by their path from dist/ on; --by-name matches them by file and name alone,
// for two builds of the bundle whose lines differ). --event NAME counts another of the profile's events
// than its first (instructions): e.g. D1mr or DLmr, the data read misses of a run with --cache-sim=yes.
// --callers REGEX: also the calls into the functions whose name matches REGEX, by caller, at their
// inclusive cost (say '^Builtins_(Keyed)?LoadIC$': which code misses its inline caches — JS:^… is
// Sparkplug's code still waiting for TurboFan, JS:*… an optimised site gone megamorphic).
import { readFileSync } from "node:fs";

/** Inclusive instructions of the calls into functions matching --callers, by "caller -> callee" (filled by selfByFunction). */
const callsInto = new Map<string, number>();

/** Self instructions per function name, JIT addresses named from the perf map. */
function selfByFunction(outFile: string, mapFile: string): Map<string, number> {
  const starts: number[] = [];
  const ends: number[] = [];
  const names: string[] = [];
  const entries = readFileSync(mapFile, "utf8")
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const [a, s, ...rest] = l.split(" ");
      return { start: parseInt(a, 16), size: parseInt(s, 16), name: rest.join(" ") };
    })
    .sort((x, y) => x.start - y.start);
  for (const e of entries) {
    starts.push(e.start);
    ends.push(e.start + e.size);
    names.push(e.name);
  }
  const nameOf = (fn: string): string => {
    const m = /^0x([0-9a-f]+)/.exec(fn);
    if (!m) return fn;
    const a = parseInt(m[1], 16);
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= a) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && a < ends[i] ? names[i] : fn;
  };
  // callgrind's name compression: "fn=(id) name" defines id, "fn=(id)" refers to it (cfn= lines define ids too).
  const ids = new Map<string, string>();
  const defined = (line: string, prefix: string): string => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(line.slice(prefix.length));
    if (!m) return line.slice(prefix.length);
    if (m[2] !== undefined) ids.set(m[1], m[2]);
    return ids.get(m[1]) ?? m[1];
  };
  const self = new Map<string, number>();
  let current = "";
  let callee = "";
  let afterCall = false;
  // --event NAME: that event's column (say D1mr with --cache-sim=yes) instead of the first (Ir).
  let column = 1;
  for (const line of readFileSync(outFile, "utf8").split("\n")) {
    if (line.startsWith("events:") && eventName) {
      const i = line.slice(7).trim().split(/\s+/).indexOf(eventName);
      if (i < 0) throw new Error(`${outFile} has no event ${eventName} (${line})`);
      column = 1 + i;
    } else if (line.startsWith("fn=")) {
      current = nameOf(defined(line, "fn="));
      afterCall = false;
    } else if (line.startsWith("cfn=")) callee = nameOf(defined(line, "cfn="));
    else if (line.startsWith("calls=")) afterCall = true;
    else if (/^[0-9+*-]/.test(line)) {
      // The cost line after a calls= line is the call's inclusive cost, not the caller's own.
      if (afterCall) {
        afterCall = false;
        if (callersOf?.test(callee)) {
          const key = `${untiered(current, false)}  ->  ${untiered(callee, false)}`;
          callsInto.set(key, (callsInto.get(key) ?? 0) + Number(line.split(" ")[column] ?? 0));
        }
      } else {
        const cost = Number(line.split(" ")[column] ?? 0);
        self.set(current, (self.get(current) ?? 0) + cost);
      }
    }
  }
  return self;
}

/** The kind of code a function name is. */
function kindOf(name: string): string {
  if (name.includes("compiler::")) return "TurboFan";
  if (name.startsWith("JS:*")) return "optimised JS";
  if (name.startsWith("JS:^")) return "baseline JS";
  if (name.startsWith("JS:~") || name.startsWith("Builtins_Interpreter")) return "interpreter";
  if (name.startsWith("Builtins_")) return "builtins";
  if (/Scaveng|Marking|heap::|Heap::|Sweep|Compactor|Evacuat/.test(name)) return "collector";
  return "other native";
}

/**
 * A function's name without its tier and without the path up to `dist/`, so one function's code in
 * every tier sums together and two builds' profiles (say a ref build's beside this one's) match.
 */
const untiered = (name: string, tierless = true) => {
  const n = (tierless ? name.replace(/^JS:[*^~]/, "JS:") : name).replace(/ (?:file:\/\/)?\/\S*?\/dist\//, " dist/");
  // --by-name: without line and column too (a change moves the bundle's lines; same-named functions of one file then sum together).
  return byName ? n.replace(/:\d+:\d+$/, "") : n;
};

const args = process.argv.slice(2);
const option = (name: string, k = 1) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.slice(i + 1, i + 1 + k) : undefined;
};
const [outFile, mapFile] = args;
if (!outFile || !mapFile) {
  console.error("usage: npx tsx bench/callgrindByFunction.ts CALLGRIND_OUT PERF_MAP [--top N] [--vs CALLGRIND_OUT2 PERF_MAP2] [--by-name]");
  process.exit(2);
}
const top = Number(option("--top")?.[0] ?? 40);
const byName = args.includes("--by-name");
const eventName = option("--event")?.[0];
const vs = option("--vs", 2);
const callersPattern = option("--callers")?.[0];
const callersOf = callersPattern === undefined ? undefined : new RegExp(callersPattern);
const a = selfByFunction(outFile, mapFile);
const firstCalls = [...callsInto.entries()];
const b = vs ? selfByFunction(vs[0], vs[1]) : new Map<string, number>();
const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
const byKind = (m: Map<string, number>) => {
  const k = new Map<string, number>();
  for (const [n, c] of m) k.set(kindOf(n), (k.get(kindOf(n)) ?? 0) + c);
  return k;
};
const byFunction = (m: Map<string, number>) => {
  const f = new Map<string, number>();
  for (const [n, c] of m) f.set(untiered(n), (f.get(untiered(n)) ?? 0) + c);
  return f;
};
const g = (x: number) => (x / 1e9).toFixed(3);
const mi = (x: number) => (x / 1e6).toFixed(1).padStart(8);
console.log(`total ${g(sum(a))} G${vs ? ` against ${g(sum(b))} G` : ""}`);
const ka = byKind(a);
const kb = byKind(b);
for (const k of [...new Set([...ka.keys(), ...kb.keys()])].sort((x, y) => (ka.get(y) ?? 0) - (ka.get(x) ?? 0))) {
  console.log(`  ${k.padEnd(14)} ${g(ka.get(k) ?? 0)} G${vs ? `  against ${g(kb.get(k) ?? 0)} G  (${((ka.get(k) ?? 0) - (kb.get(k) ?? 0) >= 0 ? "+" : "")}${g((ka.get(k) ?? 0) - (kb.get(k) ?? 0))})` : ""}`);
}
const fa = byFunction(a);
const fb = byFunction(b);
const rows = [...new Set([...fa.keys(), ...fb.keys()])]
  .map((n) => ({ n, x: fa.get(n) ?? 0, y: fb.get(n) ?? 0 }))
  .sort((p, q) => (vs ? q.x - q.y - (p.x - p.y) : q.x - p.x))
  .slice(0, top);
console.log(vs ? "\n   self M  against M    diff M  function (all tiers)" : "\n   self M  function (all tiers)");
for (const r of rows) console.log(vs ? `${mi(r.x)}  ${mi(r.y)}  ${mi(r.x - r.y)}  ${r.n.slice(0, 140)}` : `${mi(r.x)}  ${r.n.slice(0, 140)}`);
if (callersOf) {
  // Only the first profile's calls (with --vs the second's are read after it: taken out here).
  console.log(`\n   incl M  calls into /${callersPattern}/ by caller (first profile; tiers kept: JS:* TurboFan, JS:^ Sparkplug, JS:~ interpreter)`);
  for (const [k, v] of firstCalls.sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${mi(v)}  ${k.slice(0, 160)}`);
}

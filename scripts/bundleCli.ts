// bundleCli: after tsc, bundles the CLI and the sweep worker into one file each under dist/bundle/, writes V8's code cache of the CLI's, and makes dist/cli/main.js a stub that runs it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, transform } from "esbuild";

/**
 * The scenarios the build runs, one after the other in one process, to write the code cache:
 * every function they compile is in the cache. The shipped parking lot (max-min sharing, the
 * reports), then scripts/warm-up-tcp.yaml: tcp under each congestion control, with losses and
 * marks, whose functions a run compiles otherwise at their first call, inside the run's timed
 * part (run.json's wall_s). Small runs both: a long one would let V8 flush the bytecode of
 * functions not run lately, and would slow the build.
 */
export const WARM_UP_SCENARIOS = ["scenarios/parking-lot.yaml", "scripts/warm-up-tcp.yaml"] as const;

/**
 * Bundle `root`'s CLI (`src/cli/main.ts`) to `dist/bundle/main.cjs` and its sweep worker
 * (`src/sweep/sweepWorker.ts`) to `dist/bundle/sweepWorker.js`, replace the compiled
 * `dist/cli/main.js` (the package's "bin") by a stub that runs the CLI's bundle, and write
 * `dist/bundle/main.cjs.cache`, V8's code cache of it. Node then loads one file at startup
 * instead of about 300 modules (chokepoint's and its dependencies'), and compiles little of it.
 *
 * The code cache: Node 20 has no compile cache for ES modules (`module.enableCompileCache`
 * is Node 22), but a classic script compiled by `vm.Script` takes V8's code cache
 * (`cachedData`). So the CLI's bundle is a CommonJS-style script written inside a function
 * of `require` and `__filename` ({@link BUNDLE_HEAD}), which the stub compiles with the cache. The cache is written
 * by running the CLI on {@link WARM_UP_SCENARIOS} in one process (reports to a temporary
 * folder) and calling `createCachedData()` at its exit: it holds the bytecode of every
 * function those runs compiled (a function's bytecode is made at its first call otherwise). V8 checks a cache
 * against the source, its own version and its flags, and rejects one that does not fit
 * (another Node, a V8 flag such as --max-old-space-size): the stub then compiles the
 * source as usual. The answers never depend on the cache, only the compile time does.
 *
 * Run after `tsc -p tsconfig.json` (`npm run build`, scripts/build.ts, does both into a folder beside dist/ and swaps it in): the rest of dist/ stays
 * tsc's output, so a plain tsc rebuild rewrites the stub and `node dist/cli/main.js` never
 * runs a stale bundle (it fails at once: the stub is a CommonJS module, see
 * {@link STUB_PACKAGE_JSON}). The bundle sits two folders below the
 * checkout like dist/cli/, so its `new URL("../../data/…", import.meta.url)` paths hold
 * (`import.meta.url` is the bundle's file URL, made from `__filename`); the worker is found
 * beside it (src/sweep/sweepWorkerUrl.ts). Dynamic `import()`s become `require`s.
 *
 * Dependencies are bundled too, except js-yaml, which src/scenario/loadScenario.ts loads
 * through `createRequire` only for YAML files (JSON scenarios never load it). The stub's
 * `require` (from `createRequire`) serves the CommonJS dependencies' calls to Node's modules.
 * `dist` (default `root`/dist) is where the bundle and the stub go; tests give another.
 */
export async function bundleCli(root = ".", dist = join(root, "dist")): Promise<void> {
  const outdir = join(resolve(dist), "bundle");
  const common = { absWorkingDir: resolve(root), outdir, bundle: true, platform: "node", target: "node20", logLevel: "warning" } as const;
  await build({
    ...common,
    entryPoints: { sweepWorker: "src/sweep/sweepWorker.ts", resourceRecorderWorker: "src/report/resourceRecorderWorker.ts" },
    format: "esm",
    banner: { js: 'import { createRequire as __chokepointRequire } from "node:module"; const require = __chokepointRequire(import.meta.url);' },
  });
  await build({
    ...common,
    entryPoints: { main: "src/cli/main.ts" },
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "__chokepointUrl", "import.meta.resolve": "__chokepointResolve" },
    // "use strict" first: esbuild's own comes after the banner, where it is no directive, and the ES module bundle this replaces was strict throughout.
    banner: {
      js: '"use strict"; const __chokepointUrl = require("node:url").pathToFileURL(__filename).href; const __chokepointResolve = (s) => require("node:url").pathToFileURL(require.resolve(s)).href;',
    },
  });
  // The bundle is written as the function the stub compiles (see BUNDLE_HEAD): its first line, main.ts's "#!", gives way to the head, which keeps the line numbers.
  const bundle = join(outdir, "main.cjs");
  writeFileSync(bundle, BUNDLE_HEAD + (await asciiComments(readFileSync(bundle, "utf8").replace(/^#!.*/, ""))) + BUNDLE_TAIL);
  mkdirSync(join(dist, "cli"), { recursive: true });
  writeFileSync(join(dist, "cli", "main.js"), stubSource());
  writeFileSync(join(dist, "cli", "package.json"), STUB_PACKAGE_JSON);
  writeCodeCache(resolve(root), bundle);
}

/**
 * `code` with every non-ASCII character written as `\uXXXX` (`\u{…}` above U+FFFF), once
 * checked to be only in comments: Node reads a file of ASCII text into a one-byte string,
 * and a file with any other character into a two-byte one, decoding it as UTF-8 at every
 * start (the CLI's 1.3 MB bundle, 97 lines of non-ASCII comments: 31 million instructions,
 * 14–27 ms on the 2-core machine under load). esbuild escapes the strings it writes (its
 * default `charset`), not comments, regular expression literals or `String.raw` templates:
 * the sources write those characters escaped (src/core/units.ts's units,
 * the page scripts of src/report/html). Throws when a character outside a comment was
 * changed: the bundle minified by esbuild (no comments left) must then be the same text
 * with and without the change.
 */
export async function asciiComments(code: string): Promise<string> {
  const out = code.replace(/[^\x00-\x7f]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
  });
  if (out === code) return code;
  const [before, after] = await Promise.all([code, out].map((c) => transform(c, { minify: true, loader: "js", charset: "ascii" })));
  if (before.code !== after.code) {
    throw new Error("the bundle has non-ASCII characters outside comments: write them escaped in the source (see asciiComments)");
  }
  return out;
}

/**
 * The bundle's first line: the CommonJS module's body is written inside a function of
 * `exports`, `require`, `module`, `__filename` and `__dirname` (closed by {@link BUNDLE_TAIL}),
 * which the file's one expression evaluates to when compiled as a classic script (`this` is
 * then the global object): the stub compiles the file's text as it is, read as Latin-1 (the
 * bundle is ASCII, see {@link asciiComments}, so each byte is its character), where it
 * once wrapped the text in that function at each start — a 1.4 MB string concatenated and
 * flattened again, decoded as UTF-8: 43 → 31 ms of CPU for the compile with the code cache
 * (medians of 8 alternated processes at load ~7). Loaded by Node as a CommonJS module
 * (`node dist/bundle/main.cjs …`, as for profiles), `this` is `module.exports` and the
 * expression calls the function with the module's own five, so the bundle runs as it did.
 */
export const BUNDLE_HEAD = "(this === globalThis ? (f) => f : (f) => f.call(exports, exports, require, module, __filename, __dirname))(function (exports, require, module, __filename, __dirname) {";
/** The bundle's end: closes the function {@link BUNDLE_HEAD} opens. */
export const BUNDLE_TAIL = "\n});\n";

/**
 * The statements that compile the bundle at `file` (an expression) with the code cache
 * beside it, if any, into `script`: the stub's, the warm-up's and the test's, which must
 * compile the same text the same way for V8 to take the cache.
 */
export function compileBundleSource(file: string): string {
  return [
    `const file = ${file};`,
    "let cachedData;",
    'try { cachedData = readFileSync(`${file}.cache`); } catch {}',
    'const script = new Script(readFileSync(file, "latin1"), { filename: file, cachedData });',
  ].join("\n");
}

/** Run the bundle compiled by {@link compileBundleSource} as a CommonJS module (again at each use: a module of its own each time, the functions compiled once). */
const RUN_COMPILED_BUNDLE = [
  "{ const module = { exports: {} };",
  "script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file)); }",
].join("\n");

/** {@link compileBundleSource}, then run the bundle as a CommonJS module. */
function runBundleSource(file: string): string {
  return [compileBundleSource(file), RUN_COMPILED_BUNDLE].join("\n");
}

/** The imports {@link compileBundleSource} and {@link runBundleSource} need. */
export const RUN_BUNDLE_IMPORTS = [
  'import { readFileSync } from "node:fs";',
  'import { createRequire } from "node:module";',
  'import { dirname } from "node:path";',
  'import { fileURLToPath } from "node:url";',
  'import { Script } from "node:vm";',
].join("\n");

/**
 * The stub's last statement: once the event loop has nothing left to do (the command has
 * finished and every write has been flushed, or the loop would not be empty), end the process
 * with `process.exit` and the exit code the CLI set. A process left to end by itself also
 * tears its V8 heap down page by page first (about 180 MB after the k=16 20,000-flow run);
 * `process.exit` emits the same 'exit' event and leaves the memory to the operating system.
 * Only the stub does this: the code cache's warm-up runs the bundle several times in one
 * process, each run started from 'beforeExit'. A command that says it has nothing left to
 * finish (`chokepoint run`, src/cli/commandSettled.ts) is ended earlier, by main.ts, as soon as
 * it resolves: the idle moment's loop turn would first run the tasks V8 posted (a collection).
 */
export const EXIT_WHEN_IDLE = 'process.once("beforeExit", (code) => process.exit(code));';

/**
 * dist/cli/package.json: makes the stub, dist/cli/main.js, a CommonJS module although the
 * package's own "type" is "module". Node 20 runs an ES module entry point through its ES
 * module loader, which it then loads first (about twenty of its own modules, compiled from
 * source at every start by a Node built without their code cache, as Debian's is); a
 * CommonJS entry point needs none of them: everything before the k=16 20,000-transfer run
 * 2,727 → 2,603 million instructions (callgrind, `node --single-threaded`). tsc's other
 * output in dist/cli/ is imported by nothing (the stub runs the bundle); a plain tsc rebuild,
 * which writes tsc's ES module main.js over the stub, then fails at once with Node's
 * "Cannot use import statement outside a module" instead of running the unbundled modules:
 * still never a stale bundle.
 */
export const STUB_PACKAGE_JSON = '{ "type": "commonjs" }\n';

/** The stub's requires: what {@link RUN_BUNDLE_IMPORTS} imports, for the CommonJS stub. */
const RUN_BUNDLE_REQUIRES = [
  'const { readFileSync } = require("node:fs");',
  'const { createRequire } = require("node:module");',
  'const { dirname, join } = require("node:path");',
  'const { Script } = require("node:vm");',
].join("\n");

/** dist/cli/main.js: runs dist/bundle/main.cjs, then exits as {@link EXIT_WHEN_IDLE} says. A CommonJS module (see {@link STUB_PACKAGE_JSON}). */
function stubSource(): string {
  return [
    "#!/usr/bin/env node",
    "// chokepoint command-line entry point: runs the bundle written by scripts/bundleCli.ts, from V8's code cache of it when that fits this Node.",
    RUN_BUNDLE_REQUIRES,
    runBundleSource('join(__dirname, "..", "bundle", "main.cjs")'),
    EXIT_WHEN_IDLE,
    "",
  ].join("\n");
}

/**
 * Write `bundle`.cache: run the CLI from the bundle (as the stub runs it, with no cache yet)
 * on each of {@link WARM_UP_SCENARIOS} in turn, in one process, each started when the one
 * before has finished (the event loop is empty), and write the script's code cache when the
 * process exits after the last. Throws with the runs' output if one fails.
 *
 * Besides bytecode, the cache keeps what V8 noted on the functions the warm-up made hot
 * enough for its baseline compiler (Sparkplug), as measured: with the warm-up's baseline
 * compiles (the default) a later tiny max-min run's event loop takes longer, with them held
 * off it takes less (the functions' tiering state lives in their SharedFunctionInfo, which
 * the cache serialises; newer V8 names it cached_tiering_decision and gives such a function
 * its feedback vector at its first call, so each property access starts with an inline-cache
 * miss). That slows code a run calls a few times and speeds a long run's hot loop up. Tried and not kept: the warm-up
 * with Sparkplug off (`setFlagsFromString("--no-sparkplug")`, back on before
 * `createCachedData()` so that V8's flag hash, which a cache must match, is the default one):
 * two-hosts' timed part 1.46 → 1.14 ms (parking-lot's cache → that one), but the k=16 20k
 * run 2–4 % slower in process CPU time (8 and 6 alternated runs, load 5).
 */
function writeCodeCache(root: string, bundle: string): void {
  rmSync(`${bundle}.cache`, { force: true });
  const out = mkdtempSync(join(tmpdir(), "chokepoint-warm-up-"));
  try {
    const runs = WARM_UP_SCENARIOS.map((scenario, i) => ["run", scenario, "--out", join(out, String(i)), "--quiet"]);
    const source = [
      RUN_BUNDLE_IMPORTS,
      'import { writeFileSync } from "node:fs";',
      compileBundleSource(JSON.stringify(bundle)),
      `const runs = ${JSON.stringify(runs)};`,
      "let done = 0;",
      // main.ts ends the process as soon as a settled command resolves (src/cli/commandSettled.ts): here the exit code is kept and the next run starts from 'beforeExit' as before.
      "process.exit = (code) => { if (code !== undefined) process.exitCode = code; };",
      // The CLI reads its arguments from process.argv[2] on, as under the stub; it sets process.exitCode when it ends.
      `const runNext = () => { process.argv = [process.argv[0], file, ...runs[done++]];\n${RUN_COMPILED_BUNDLE}\n};`,
      'process.on("beforeExit", () => { if (!process.exitCode && done < runs.length) runNext(); });',
      'process.on("exit", (code) => { if (code === 0 && done === runs.length) writeFileSync(`${file}.cache`, script.createCachedData()); });',
      "runNext();",
    ].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", source], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the code cache's warm-up runs failed (${r.status}): ${r.stdout}${r.stderr}`);
    if (!existsSync(`${bundle}.cache`)) throw new Error(`the code cache's warm-up ended without writing ${bundle}.cache: ${r.stdout}${r.stderr}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleCli();

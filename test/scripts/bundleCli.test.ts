// bundleCli: the bundled CLI runs on its own — its data files, its package.json and its sweep worker found from dist/bundle/ — from a code cache that this Node takes, and without it.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_HEAD, RUN_BUNDLE_IMPORTS, WARM_UP_SCENARIOS, asciiComments, bundleCli, compileBundleSource } from "../../scripts/bundleCli.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";
import { CONGESTION_CONTROLS } from "../../src/transport/tcp/CongestionControl.js";
import { readReportCsv } from "../../bench/readReportCsv.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
let root: string;

/** `node <root>/dist/cli/main.js …args` run from this checkout (scenario paths are relative to it). */
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, "dist", "cli", "main.js"), ...args], { cwd: ROOT, encoding: "utf8" });

// A checkout with only what the bundle reads at run time beside its dist/ (no tsc output):
// anything it still loaded from dist/'s other folders would be missing.
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "chokepoint-bundle-"));
  for (const name of ["package.json", "data", "node_modules"]) symlinkSync(join(ROOT, name), join(root, name));
  await bundleCli(ROOT, join(root, "dist"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("bundleCli", () => {
  it("writes dist/cli/main.js as a stub that runs dist/bundle/main.cjs, its code cache and the workers beside it", () => {
    expect(readdirSync(join(root, "dist")).sort()).toEqual(["bundle", "cli"]);
    expect(readdirSync(join(root, "dist", "bundle")).sort()).toEqual(["main.cjs", "main.cjs.cache", "resourceRecorderWorker.js", "sweepWorker.js"]);
    expect(readFileSync(join(root, "dist", "cli", "main.js"), "utf8")).toContain('join(__dirname, "..", "bundle", "main.cjs")');
    // A CommonJS stub (no ES module loader at start), although the package's type is "module".
    expect(readdirSync(join(root, "dist", "cli")).sort()).toEqual(["main.js", "package.json"]);
    expect(JSON.parse(readFileSync(join(root, "dist", "cli", "package.json"), "utf8"))).toEqual({ type: "commonjs" });
  });

  it("writes the bundle in ASCII (Node then reads it into a one-byte string), its comments' other characters escaped", () => {
    const bundle = readFileSync(join(root, "dist", "bundle", "main.cjs"), "utf8");
    expect(/[^\x00-\x7f]/.test(bundle)).toBe(false);
    expect(bundle).toContain("\\u00b7"); // a "·" of a comment
  });

  it("escapes non-ASCII characters of comments only, and refuses one in a regular expression or a String.raw template", async () => {
    expect(await asciiComments('/* a ≤ b · c 😀 */ const s = "x"; // ÷\n')).toBe('/* a \\u2264 b \\u00b7 c \\u{1f600} */ const s = "x"; // \\u00f7\n');
    expect(await asciiComments("const s = 1;\n")).toBe("const s = 1;\n");
    await expect(asciiComments("const t = String.raw`≤`;")).rejects.toThrow(/outside comments/);
    await expect(asciiComments("const r = /[µ]/;")).rejects.toThrow(/outside comments/);
  });

  it("makes the whole CommonJS bundle strict code, as the ES module bundle was: its first statement is the directive (esbuild's own follows the banner)", () => {
    const bundle = readFileSync(join(root, "dist", "bundle", "main.cjs"), "utf8");
    expect(bundle.startsWith(BUNDLE_HEAD)).toBe(true);
    expect(bundle.slice(BUNDLE_HEAD.length).trimStart().startsWith('"use strict";')).toBe(true);
  });

  it("writes the bundle as the function the stub compiles, which Node also runs as a CommonJS module, line numbers kept", () => {
    const bundle = join(root, "dist", "bundle", "main.cjs");
    // Line 2 is the banner's, as when the first line was main.ts's "#!" (profiles name bundle lines).
    expect(readFileSync(bundle, "utf8").split("\n")[1].startsWith('"use strict"; const __chokepointUrl')).toBe(true);
    const r = spawnSync(process.execPath, [bundle, "--version"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
  });

  it("writes a code cache that node, without flags, takes for the bundle as the stub compiles it", () => {
    const bundle = join(root, "dist", "bundle", "main.cjs");
    const check = [RUN_BUNDLE_IMPORTS, compileBundleSource(JSON.stringify(bundle)), "process.stdout.write(`${cachedData?.length} ${script.cachedDataRejected}`);"].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", check], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const [bytes, rejected] = r.stdout.split(" ");
    expect(Number(bytes)).toBeGreaterThan(100_000);
    expect(rejected).toBe("false");
  });

  it("runs the same without its code cache, or with one V8 rejects, under max-min and under tcp", () => {
    const cache = join(root, "dist", "bundle", "main.cjs.cache");
    const kept = `${cache}.kept`;
    copyFileSync(cache, kept);
    const scenarios = ["parking-lot", "link-failure-tcp"];
    const runs: string[][] = scenarios.map(() => []);
    try {
      for (const state of ["cached", "absent", "rejected"]) {
        if (state === "absent") rmSync(cache);
        if (state === "rejected") writeFileSync(cache, Buffer.alloc(4096, 7));
        scenarios.forEach((name, i) => {
          const out = join(root, `${name}-${state}`);
          const r = cli("run", `scenarios/${name}.yaml`, "--out", out, "--quiet");
          expect(r.stderr, `${name} ${state}`).toBe("");
          expect(r.status, `${name} ${state}`).toBe(0);
          runs[i].push(readFileSync(join(out, "flows.csv"), "utf8") + readFileSync(join(out, "links.csv"), "utf8"));
        });
      }
    } finally {
      copyFileSync(kept, cache);
      rmSync(kept);
    }
    for (const [i, name] of scenarios.entries()) {
      expect(runs[i][1], name).toBe(runs[i][0]);
      expect(runs[i][2], name).toBe(runs[i][0]);
    }
  });

  it("warms the code cache up on tcp under every congestion control, through losses and a timeout", () => {
    // The cache holds what the warm-up runs compiled: tcp's window laws and loss paths are in it
    // only if a warm-up run takes them (otherwise every tcp run compiles them inside its timed part).
    const ccs = new Set<string>();
    for (const file of WARM_UP_SCENARIOS) {
      const s = loadScenario(join(ROOT, file));
      for (const w of s.workloads) {
        const t = w.transport ?? s.transport;
        if (t?.model === "tcp") ccs.add(t.cc);
      }
    }
    expect([...ccs].sort()).toEqual([...CONGESTION_CONTROLS].sort());
    const out = join(root, "warm-up-tcp");
    const r = cli("run", "scripts/warm-up-tcp.yaml", "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    const flows = readReportCsv(join(out, "flows.csv"));
    expect(flows.every((f) => f.status === "done" && Number(f.retransmits) > 0)).toBe(true);
    expect(flows.some((f) => Number(f.timeouts) > 0)).toBe(true);
  });

  it("ends the process with process.exit once the command is done, keeping its exit code and every line written", () => {
    // A preload that reports process.exit's final call: a process left to end by itself never makes it.
    const preload = join(root, "report-exit.cjs");
    writeFileSync(preload, 'const real = process.reallyExit; process.reallyExit = (code) => { require("node:fs").writeSync(2, `reallyExit ${code}\\n`); real.call(process, code); };\n');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--require", preload, join(root, "dist", "cli", "main.js"), ...args], { cwd: ROOT, encoding: "utf8" });
    const ok = run("run", "scenarios/parking-lot.yaml", "--out", join(root, "exit-ok"));
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe("reallyExit 0\n");
    expect(ok.stdout).toMatch(/\nreports: .*run\.json\n$/);
    const bad = run("run", "scenarios/no-such-file.yaml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^chokepoint: .*no-such-file\.yaml.*\nreallyExit 2\n$/);
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(cli("--help").stdout);
  });

  it("ends a run as soon as its reports are committed, with no event-loop turn after (commandSettled), its summary and reports complete", () => {
    // A preload that says when the event loop went idle: the stub's exit waits for that moment, a settled run does not.
    const preload = join(root, "report-idle.cjs");
    writeFileSync(preload, 'process.on("beforeExit", (code) => require("node:fs").writeSync(2, `beforeExit ${code}\\n`));\n');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--require", preload, join(root, "dist", "cli", "main.js"), ...args], { cwd: ROOT, encoding: "utf8" });
    const out = join(root, "settled");
    const ok = run("run", "scenarios/parking-lot.yaml", "--out", out);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/\nreports: .*run\.json\n$/);
    expect(readdirSync(out).sort()).toEqual(["bottlenecks.csv", "cost.csv", "flows.csv", "links.csv", "run.json", "summary.csv", "tiers.csv", "workload-bottlenecks.csv", "workloads.csv"]);
    expect(readReportCsv(join(out, "flows.csv")).every((f) => f.status === "done")).toBe(true);
    // Other commands still end when the loop is idle.
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("beforeExit 0\n");
    const bad = run("run", "scenarios/no-such-file.yaml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\nbeforeExit 2\n$/);
  });

  it("prints the package's version and validates a scenario that reads a data file (a flow-size CDF)", () => {
    const version = cli("--version");
    expect(version.stderr).toBe("");
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
    const validate = cli("validate", "scenarios/default.yaml");
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
  });

  it("runs a search's designs on worker threads started from the worker's bundle", () => {
    const out = join(root, "search");
    const r = cli("search", "scenarios/search/agents-replicas.yaml", "--out", out, "--jobs", "2", "--quiet");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const runs = readdirSync(join(out, "runs"));
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) expect(existsSync(join(out, "runs", run, "flows.csv")), run).toBe(true);
  });

  it("runs the links' accounting on the worker bundled beside the CLI, with the same reports as in the simulation's thread", () => {
    const reports = (offload: string) => {
      const out = join(root, `offload-${offload}`);
      const r = spawnSync(process.execPath, [join(root, "dist", "cli", "main.js"), "run", "scenarios/link-failure.yaml", "--out", out, "--quiet"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CHOKEPOINT_RESOURCE_WORKER: offload },
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      return ["links.csv", "bottlenecks.csv", "summary.csv"].map((f) => readFileSync(join(out, f), "utf8"));
    };
    expect(reports("1")).toEqual(reports("0"));
  });
});

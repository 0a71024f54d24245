// bundleCli: the bundled CLI runs on its own — its data files, its package.json and its sweep worker found from dist/bundle/ — from a code cache that this Node takes, and without it.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_BUNDLE_IMPORTS, bundleCli, compileBundleSource } from "../../scripts/bundleCli.js";

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
  it("writes dist/cli/main.js as a stub that runs dist/bundle/main.cjs, its code cache and the worker beside it", () => {
    expect(readdirSync(join(root, "dist")).sort()).toEqual(["bundle", "cli"]);
    expect(readdirSync(join(root, "dist", "bundle")).sort()).toEqual(["main.cjs", "main.cjs.cache", "sweepWorker.js"]);
    expect(readFileSync(join(root, "dist", "cli", "main.js"), "utf8")).toContain('new URL("../bundle/main.cjs", import.meta.url)');
  });

  it("makes the whole CommonJS bundle strict code, as the ES module bundle was: its first statement is the directive (esbuild's own follows the banner)", () => {
    const bundle = readFileSync(join(root, "dist", "bundle", "main.cjs"), "utf8");
    expect(bundle.trimStart().startsWith('"use strict";')).toBe(true);
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

  it("runs the same without its code cache, or with one V8 rejects", () => {
    const cache = join(root, "dist", "bundle", "main.cjs.cache");
    const kept = `${cache}.kept`;
    copyFileSync(cache, kept);
    const runs: string[] = [];
    try {
      for (const state of ["cached", "absent", "rejected"]) {
        if (state === "absent") rmSync(cache);
        if (state === "rejected") writeFileSync(cache, Buffer.alloc(4096, 7));
        const out = join(root, `parking-lot-${state}`);
        const r = cli("run", "scenarios/parking-lot.yaml", "--out", out, "--quiet");
        expect(r.stderr, state).toBe("");
        expect(r.status, state).toBe(0);
        runs.push(readFileSync(join(out, "flows.csv"), "utf8") + readFileSync(join(out, "links.csv"), "utf8"));
      }
    } finally {
      copyFileSync(kept, cache);
      rmSync(kept);
    }
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
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
});

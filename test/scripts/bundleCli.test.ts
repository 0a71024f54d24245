// bundleCli: the bundled CLI runs on its own — its data files, its package.json and its sweep worker found from dist/bundle/.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli } from "../../scripts/bundleCli.js";

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
  it("writes dist/cli/main.js as a stub that loads dist/bundle/main.js, and the worker beside it", () => {
    expect(readdirSync(join(root, "dist")).sort()).toEqual(["bundle", "cli"]);
    expect(readdirSync(join(root, "dist", "bundle")).sort()).toEqual(["main.js", "sweepWorker.js"]);
    expect(readFileSync(join(root, "dist", "cli", "main.js"), "utf8")).toContain('import "../bundle/main.js";');
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

// A real `chokepoint run` stopped by SIGINT or SIGTERM, mid-simulation and while writing its reports: it removes its staged files, leaves --out as it was, and ends by that signal.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bundledModuleUrl } from "../bundledModuleUrl.js";
import { runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-interrupt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** About 3 s of simulation (40,000 web-search flows on a k=8 fat-tree): long enough to be interrupted in the middle. */
const LONG = join(tmp, "long.yaml");
writeFileSync(
  LONG,
  `name: long
seed: 1
topology:
  fatTree: { k: 8, bandwidth: 10Gbps, latency: 1us }
workloads:
  - traffic: { name: ws, pattern: uniform, load: 0.6, size: { cdf: websearch }, flows: 40000 }
`,
);
const SHORT = "scenarios/two-hosts.yaml";

/** Every file of a directory and its bytes, run.json included (an interrupted run must not touch it). */
function snapshot(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .sort()
    .map((name) => `${name}\n${readFileSync(join(dir, name), "utf8")}`)
    .join("\n---\n");
}

interface Stopped {
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/**
 * Run the CLI in a child process with CHOKEPOINT_PHASES set and send it `signal` when a
 * line of its stderr matches `when` (a phase mark, or a step of writing the reports).
 */
function runAndSignal(scenario: string, out: string, signal: NodeJS.Signals, when: RegExp, env: Record<string, string> = {}): Promise<Stopped> {
  const child = spawn(process.execPath, [fileURLToPath(bundledModuleUrl("main.js")), "run", scenario, "--out", out, "--quiet"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, CHOKEPOINT_PHASES: "1", ...env },
  });
  let stderr = "";
  let sent = false;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
    if (!sent && stderr.split("\n").some((line) => when.test(line))) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve) => child.on("exit", (code, sig) => resolve({ signal: sig, code, stderr })));
}

/** Entries of `tmp` that belong to `out` (its staging folder included). */
const beside = (out: string) => readdirSync(tmp).filter((e) => e.includes(out.slice(tmp.length + 1)));

describe("a run stopped by SIGINT or SIGTERM", () => {
  it("mid-simulation, into a directory holding an earlier run: stops, removes its staging, leaves the earlier run, ends by the signal", async () => {
    const out = join(tmp, "earlier");
    expect((await runCli("run", SHORT, "--out", out, "--quiet")).code).toBe(0);
    const before = snapshot(out);
    const r = await runAndSignal(LONG, out, "SIGINT", /^phase setup /);
    expect(r.signal).toBe("SIGINT");
    // Stopped inside the simulation: the phase after it never came.
    expect(r.stderr).not.toMatch(/^phase run /m);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("chokepoint:"))).toEqual([`chokepoint: interrupted by SIGINT — nothing written, ${out} left as it was`]);
    expect(snapshot(out)).toBe(before);
    expect(beside(out)).toEqual(["earlier"]);
  }, 120_000);

  it("mid-simulation, into a new directory: nothing is left, the directory nor its staging", async () => {
    const out = join(tmp, "fresh");
    const r = await runAndSignal(LONG, out, "SIGTERM", /^phase setup /);
    expect(r.signal).toBe("SIGTERM");
    expect(r.stderr).not.toMatch(/^phase run /m);
    expect(r.stderr).toContain(`chokepoint: interrupted by SIGTERM — nothing written, ${out} left as it was\n`);
    expect(beside(out)).toEqual([]);
  }, 120_000);

  it("while writing its reports: the files staged so far are removed and the earlier run stays", async () => {
    const out = join(tmp, "writing");
    cpSync(join(tmp, "earlier"), out, { recursive: true });
    const before = snapshot(out);
    // Each step of writing waits 300 ms: the signal comes after flows.csv, before the next file.
    const r = await runAndSignal(SHORT, out, "SIGINT", /^chokepoint-test-step wrote flows\.csv$/, { CHOKEPOINT_TEST_STEP_DELAY_MS: "300" });
    expect(r.signal).toBe("SIGINT");
    expect(r.stderr).toMatch(/^chokepoint-test-step wrote flows\.csv$/m);
    expect(r.stderr).not.toMatch(/^chokepoint-test-step ready$/m);
    expect(r.stderr).toContain(`chokepoint: interrupted by SIGINT — nothing written, ${out} left as it was\n`);
    expect(snapshot(out)).toBe(before);
    expect(beside(out)).toEqual(["writing"]);
    // The next run there writes its set as usual.
    expect((await runCli("run", SHORT, "--out", out, "--quiet")).code).toBe(0);
    expect(snapshot(out)).not.toBe(before);
  }, 120_000);
});

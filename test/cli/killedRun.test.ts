// A real `chokepoint run` killed with SIGKILL at every step of writing its reports, and at many moments between: --out always holds one complete report set.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { recoverDirectory } from "../../src/report/StagedDirectory.js";
import { bundledModuleUrl } from "../bundledModuleUrl.js";
import { runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-kill-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The earlier set is a training run (jobs.csv, collectives.csv); the new one a plain run that writes neither. */
const EARLIER_SCENARIO = "scenarios/ai/rudimentary-network.yaml";
const NEW_SCENARIO = "scenarios/two-hosts.yaml";

/** A report directory as comparable text: each file's bytes, run.json reduced to what is deterministic. */
function snapshot(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), "utf8");
      if (name !== "run.json") return `${name}\n${text}`;
      const info = JSON.parse(text) as Record<string, unknown>;
      return `${name}\n${info.scenario} ${info.scenario_file} ${info.seed}`;
    })
    .join("\n---\n");
}

interface Killed {
  /** Step lines the child printed before it died. */
  steps: string[];
  signal: NodeJS.Signals | null;
}

/**
 * Run the CLI in a child process and SIGKILL it when it reaches its `afterStep`-th step of
 * writing the reports (the child stops there until killed, so the kill lands exactly at
 * that step), or `delayMs` after its first step, each step then taking `stepDelayMs`.
 */
function runAndKill(out: string, when: { afterStep: number } | { delayMs: number; stepDelayMs: number }): Promise<Killed> {
  const hook = "afterStep" in when ? { CHOKEPOINT_TEST_STEP_PAUSE_AT: String(when.afterStep) } : { CHOKEPOINT_TEST_STEP_DELAY_MS: String(when.stepDelayMs) };
  const child = spawn(process.execPath, [fileURLToPath(bundledModuleUrl("main.js")), "run", NEW_SCENARIO, "--out", out, "--quiet"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...hook },
  });
  const steps: string[] = [];
  let buffered = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const step = /^chokepoint-test-step (.*)$/.exec(line);
      if (!step) continue;
      steps.push(step[1]);
      if ("afterStep" in when && steps.length === when.afterStep) child.kill("SIGKILL");
      if ("delayMs" in when && steps.length === 1) setTimeout(() => child.kill("SIGKILL"), when.delayMs);
    }
  });
  return new Promise((resolve) => child.on("exit", (_code, signal) => resolve({ steps: [...steps], signal })));
}

describe("a run killed with SIGKILL while writing its reports", () => {
  it("leaves --out with the earlier complete set or the new complete set, at every step and at many moments between", async () => {
    const earlierRef = join(tmp, "earlier-ref");
    const newRef = join(tmp, "new-ref");
    expect((await runCli("run", EARLIER_SCENARIO, "--out", earlierRef, "--quiet")).code).toBe(0);
    expect((await runCli("run", NEW_SCENARIO, "--out", newRef, "--quiet")).code).toBe(0);
    const EARLIER = snapshot(earlierRef)!;
    const NEW = snapshot(newRef)!;
    expect(EARLIER).toContain("jobs.csv");
    expect(NEW).not.toContain("jobs.csv");

    /** What a kill left: "earlier", "new", or "gap" (killed between the two renames: no --out, the new set complete beside it). */
    const stateOf = (out: string): string => {
      const now = snapshot(out);
      if (now === EARLIER) return "earlier";
      if (now === NEW) return "new";
      expect(now, `${out} holds a mixed or partial set`).toBeUndefined();
      const root = join(tmp, `.${out.slice(tmp.length + 1)}.staging`);
      const ready = readdirSync(root).filter((e) => e.startsWith("ready-"));
      expect(ready).toHaveLength(1);
      expect(snapshot(join(root, ready[0]))).toBe(NEW);
      return "gap";
    };

    /** After the kill: recovery finishes a gap, and the next run writes the new set and leaves no staging behind. */
    const recoverAndRerun = async (out: string, state: string) => {
      await recoverDirectory(out);
      expect(snapshot(out)).toBe(state === "earlier" ? EARLIER : NEW);
      expect((await runCli("run", NEW_SCENARIO, "--out", out, "--quiet")).code).toBe(0);
      expect(snapshot(out)).toBe(NEW);
      const name = out.slice(tmp.length + 1);
      expect(readdirSync(tmp).filter((e) => e.includes(name))).toEqual([name]);
    };

    // 1. Killed at each step: the steps of an uninterrupted run, then one child killed at each.
    const boundary = await runAndKill(join(tmp, "count"), { afterStep: 1000 });
    expect(boundary.signal).toBe(null);
    const steps = boundary.steps;
    expect(steps[0]).toBe("opened");
    expect(steps.slice(-4)).toEqual(["ready", "moved the earlier contents aside", "moved the new contents in", "removed the earlier contents"]);
    const expected = steps.map((s) => (s === "moved the earlier contents aside" ? "gap" : s.startsWith("moved the new") || s.startsWith("removed") ? "new" : "earlier"));
    const seen: string[] = [];
    for (let k = 1; k <= steps.length; k += 2) {
      const batch = [k, k + 1].filter((j) => j <= steps.length);
      const results = await Promise.all(
        batch.map(async (j) => {
          const out = join(tmp, `step-${j}`);
          cpSync(earlierRef, out, { recursive: true });
          const killed = await runAndKill(out, { afterStep: j });
          expect(killed.signal).toBe("SIGKILL");
          expect(killed.steps).toEqual(steps.slice(0, j));
          return [out, stateOf(out)] as const;
        }),
      );
      for (const [out, state] of results) {
        seen.push(state);
        await recoverAndRerun(out, state);
      }
    }
    expect(seen).toEqual(expected);

    // 2. Killed at many moments while files are written and swapped (25 ms per step): never anything but a complete set.
    const delaysMs = [0, 10, 40, 90, 160, 260];
    const states = new Set<string>();
    for (let k = 0; k < delaysMs.length; k += 2) {
      const results = await Promise.all(
        delaysMs.slice(k, k + 2).map(async (delayMs) => {
          const out = join(tmp, `moment-${delayMs}`);
          cpSync(earlierRef, out, { recursive: true });
          await runAndKill(out, { delayMs, stepDelayMs: 25 });
          return [out, stateOf(out)] as const;
        }),
      );
      for (const [out, state] of results) {
        states.add(state);
        await recoverAndRerun(out, state);
      }
    }
    expect(states.has("earlier")).toBe(true);
  }, 240_000);
});

// Tests of phaseMark: one stderr line per phase with CHOKEPOINT_PHASES set, nothing and no exit listener without it, one exit mark however many runs ask.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SOURCE = fileURLToPath(new URL("../../src/core/phaseMark.ts", import.meta.url));

/** Run, in a child under tsx with `env`, a program marking phases "a" and "b" and asking three times for the exit mark; its stderr and its exit listeners. */
function runMarks(env: Record<string, string | undefined>): { stderr: string; listeners: number } {
  const program =
    `const { phaseMark, phaseMarkAtExit } = await import(${JSON.stringify(SOURCE)});\n` +
    `const before = process.listenerCount("exit");\n` +
    `phaseMark("a"); phaseMark("b");\n` +
    `for (let i = 0; i < 3; i++) phaseMarkAtExit();\n` +
    `console.log(process.listenerCount("exit") - before);\n`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHOKEPOINT_PHASES: undefined, ...env },
  });
  expect(run.status, run.stderr).toBe(0);
  return { stderr: run.stderr, listeners: Number(run.stdout.trim()) };
}

describe("phaseMark", () => {
  it("writes one line per phase, and the exit phase once, when CHOKEPOINT_PHASES is set", () => {
    const { stderr, listeners } = runMarks({ CHOKEPOINT_PHASES: "1" });
    const names = stderr
      .trim()
      .split("\n")
      .map((line) => /^phase (\S+) +wall +[\d.]+ ms +cpu +[\d.]+ ms +faults +\d+ +heap [\d.]+ MiB$/.exec(line)?.[1]);
    expect(names).toEqual(["a", "b", "exit"]);
    expect(listeners).toBe(1);
  });

  it("writes nothing and adds no exit listener without it", () => {
    expect(runMarks({})).toEqual({ stderr: "", listeners: 0 });
    expect(runMarks({ CHOKEPOINT_PHASES: "" })).toEqual({ stderr: "", listeners: 0 });
  });
});

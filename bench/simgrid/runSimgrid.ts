// runSimgrid: replay a cross-check case in SimGrid 3.32 through run_simgrid.py and read back its finish times.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Python that can import SimGrid's binding (Debian's python3-simgrid installs it for /usr/bin/python3). */
export const SIMGRID_PYTHON = process.env.SIMGRID_PYTHON ?? "/usr/bin/python3";

/** Path of the SimGrid replay script. */
export const RUN_SIMGRID_SCRIPT = fileURLToPath(new URL("./run_simgrid.py", import.meta.url));

/** What {@link runSimgrid} measured. */
export interface SimgridRun {
  /** Finish time of every transfer, seconds, by transfer id. */
  finishS: Map<string, number>;
  /** Wall time of building the platform and running (Python start-up, import and JSON reading excluded), seconds. */
  wallS: number;
  /** Wall time of the whole Python process, seconds. */
  processWallS: number;
}

/**
 * Run the case file `casePath` in SimGrid via {@link RUN_SIMGRID_SCRIPT}: as plain max-min,
 * or with `native` as SimGrid's own CM02 sharing (1/latency weights; chokepoint's `maxmin-rtt`).
 *
 * @throws Error with the script's stderr when it fails (e.g. SimGrid cannot be imported).
 */
export function runSimgrid(casePath: string, python = SIMGRID_PYTHON, native = false): SimgridRun {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-simgrid-"));
  try {
    const out = join(dir, "finish.csv");
    const began = process.hrtime.bigint();
    const args = [RUN_SIMGRID_SCRIPT, casePath, out, ...(native ? ["--native"] : [])];
    const r = spawnSync(python, args, { encoding: "utf8", maxBuffer: 1 << 26 });
    const processWallS = Number(process.hrtime.bigint() - began) / 1e9;
    if (r.error) throw new Error(`cannot run ${python}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`run_simgrid.py failed (exit ${r.status}): ${r.stderr.trim()}`);
    return { ...readSimgridOutput(out), processWallS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether `python` can import SimGrid; returns null if so, else the reason. */
export function simgridUnavailable(python = SIMGRID_PYTHON): string | null {
  const r = spawnSync(python, ["-c", "import simgrid"], { encoding: "utf8" });
  if (r.error) return `cannot run ${python}: ${r.error.message}`;
  if (r.status !== 0) return `${python} cannot import simgrid (install Debian's python3-simgrid): ${r.stderr.trim()}`;
  return null;
}

/** Read the `id,finish_s` CSV that run_simgrid.py wrote at `csvPath` and the wall time from its `.json` sidecar. */
export function readSimgridOutput(csvPath: string): { finishS: Map<string, number>; wallS: number } {
  const finishS = new Map<string, number>();
  const lines = readFileSync(csvPath, "utf8").split("\n");
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const comma = lines[i].lastIndexOf(",");
    finishS.set(lines[i].slice(0, comma), Number(lines[i].slice(comma + 1)));
  }
  const stats = JSON.parse(readFileSync(`${csvPath}.json`, "utf8")) as { wall_s: number };
  return { finishS, wallS: stats.wall_s };
}

// phaseMark: with CHOKEPOINT_PHASES set, one stderr line per phase of a run (wall, CPU, minor page faults, heap) for measuring where the time goes.
import { cpuUsage, memoryUsage, resourceUsage } from "node:process";

/** Whether the environment sets CHOKEPOINT_PHASES, so that phase lines are written to stderr. */
export const phaseMarksOn: boolean = process.env.CHOKEPOINT_PHASES !== undefined && process.env.CHOKEPOINT_PHASES !== "";
let last: { wallMs: number; cpuMs: number; faults: number } | undefined;
let exitMarked = false;

/** Mark the end of the phase `name` (nothing unless the environment sets CHOKEPOINT_PHASES). */
export function phaseMark(name: string): void {
  if (!phaseMarksOn) return;
  const wallMs = performance.now();
  const c = cpuUsage();
  const cpuMs = (c.user + c.system) / 1000;
  const faults = resourceUsage().minorPageFault;
  const prev = last ?? { wallMs: 0, cpuMs: 0, faults: 0 };
  last = { wallMs, cpuMs, faults };
  const heapMiB = memoryUsage().heapUsed / 2 ** 20;
  process.stderr.write(
    `phase ${name.padEnd(10)} wall ${(wallMs - prev.wallMs).toFixed(1).padStart(7)} ms  cpu ${(cpuMs - prev.cpuMs).toFixed(1).padStart(7)} ms  faults ${String(faults - prev.faults).padStart(6)}  heap ${heapMiB.toFixed(1)} MiB\n`,
  );
}

/** Mark the phase `exit` when the process exits, once however often this is called (nothing unless CHOKEPOINT_PHASES is set: no listener is added). */
export function phaseMarkAtExit(): void {
  if (!phaseMarksOn || exitMarked) return;
  exitMarked = true;
  process.once("exit", () => phaseMark("exit"));
}

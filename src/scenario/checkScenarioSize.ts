// checkScenarioSize: refuses a scenario whose estimated size cannot fit in this process's memory, or whose events could not be simulated in any reasonable time.
import { getHeapStatistics } from "node:v8";
import { totalmem } from "node:os";
import { InputError } from "../core/InputError.js";
import { formatCount } from "./formatCount.js";
import type { ScenarioSize } from "./size/SizePart.js";

/** What a scenario may make. */
export interface SizeLimits {
  /** Memory a run may hold, bytes (default {@link memoryLimitBytes}). */
  memoryBytes: number;
  /** Simulation events a run may take (default {@link MAX_EVENTS}). */
  maxEvents: number;
}

/**
 * Most events a run may take: 10¹⁰. Runs process 10⁴–10⁶ events per second (the sharing
 * solver dominates), so this is hours to a year of wall time — generous for any real
 * study, and it stops a scenario whose events alone (decode steps, compute passes) would
 * never finish.
 */
export const MAX_EVENTS = 1e10;

/**
 * Memory a run of this process may hold: the smaller of V8's heap limit (node's
 * `--max-old-space-size`; by default about a quarter of physical memory, at most ~4 GiB —
 * raise it with `NODE_OPTIONS=--max-old-space-size=<MiB>`) and the machine's physical
 * memory. In a worker thread it is that worker's own heap limit. Read once per thread (neither
 * changes while it runs): `totalmem()` reads /proc/meminfo, and validating a study calls this for
 * each of its points.
 */
export function memoryLimitBytes(): number {
  return (limitBytes ??= Math.min(getHeapStatistics().heap_size_limit, totalmem()));
}
let limitBytes: number | undefined;

/** "1.23 GB" (decimal units, three significant digits; "infinite memory" for Infinity). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "infinite memory";
  const units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
  let u = 0;
  while (u < units.length - 1 && bytes >= 1000 ** (u + 1)) u++;
  if (u === 0) return `${Math.round(bytes)} B`;
  return `${(bytes / 1000 ** u).toPrecision(3)} ${units[u]}`;
}

/**
 * Throw one {@link InputError} sentence when `size` (from `estimateScenarioSize`) needs more
 * memory than `limits.memoryBytes` or more events than `limits.maxEvents`. The sentence
 * names the part of the file that contributes most (its key path), what it makes, the
 * estimate and the limit, e.g. `x.yaml: topology.fatTree: too large to simulate — k = 1000
 * gives 250,000,000 hosts: 251,250,000 nodes and 750,000,000 links need at least 275 GB,
 * more than the 4.34 GB this process may use (docs/scenarios.md, Limits)`.
 */
export function checkScenarioSize(file: string, size: ScenarioSize, limits: SizeLimits = { memoryBytes: memoryLimitBytes(), maxEvents: MAX_EVENTS }): void {
  const largest = (key: "bytes" | "events") => size.parts.reduce((a, p) => (p[key] > a[key] ? p : a));
  if (!(size.bytes <= limits.memoryBytes)) {
    const p = largest("bytes");
    const whole = size.bytes > p.bytes * 1.001 ? ` (${formatBytes(size.bytes)} for the whole scenario)` : "";
    throw new InputError(
      `${file}: ${p.keyPath}: too large to simulate — ${p.what} need at least ${formatBytes(p.bytes)}${whole}, ` +
        `more than the ${formatBytes(limits.memoryBytes)} this process may use (docs/scenarios.md, Limits)`,
    );
  }
  if (!(size.events <= limits.maxEvents)) {
    const p = largest("events");
    throw new InputError(
      `${file}: ${p.keyPath}: too long to simulate — ${p.what} take at least ${formatCount(p.events)} events, ` +
        `more than the ${formatCount(limits.maxEvents)} a run may take (docs/scenarios.md, Limits)`,
    );
  }
}

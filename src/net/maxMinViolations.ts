// maxMinViolations: checks a sharing solution against the max-min optimality conditions, with no reference solver.
import type { SharingProblem } from "./maxMinRates.js";

/** Tolerances of {@link maxMinViolations}. */
export interface MaxMinTolerance {
  /** Relative slack on every comparison (default 1e-9). */
  relative?: number;
  /** Absolute slack on rates and loads, bytes/s (default 1e-6). */
  absoluteBps?: number;
}

/**
 * Why `rateBps` (and, when given, `bottleneck`) is not the weighted max-min fair
 * allocation of `p` — an empty list when it is. The conditions (Bertsekas & Gallager,
 * *Data Networks*, §6.5.2, with weights and caps) are:
 *
 * 1. feasibility: no resource carries more than its capacity and no flow exceeds its cap;
 * 2. every flow is at its cap, or crosses a saturated resource on which no other flow has
 *    a larger weight-normalised rate (rate ÷ weight) — its bottleneck.
 *
 * An allocation meeting both is the unique max-min fair one. When `bottleneck` is given,
 * each id must name such a resource (or be -1 for a flow at its cap).
 */
export function maxMinViolations(
  p: SharingProblem,
  rateBps: Float64Array,
  bottleneck?: Int32Array,
  tolerance: MaxMinTolerance = {},
): string[] {
  const rel = tolerance.relative ?? 1e-9;
  const abs = tolerance.absoluteBps ?? 1e-6;
  const R = p.capacityBps.length;
  const F = p.flowCount;
  const { routeStart, routeResources } = p;
  const weightOf = (f: number) => (p.weight ? p.weight[f] : 1);
  const capOf = (f: number) => (p.capBps ? p.capBps[f] : Infinity);
  const out: string[] = [];
  const load = new Float64Array(R);
  const maxShare = new Float64Array(R);
  for (let f = 0; f < F; f++) {
    const rate = rateBps[f];
    if (!(rate >= 0) || !Number.isFinite(rate)) out.push(`flow ${f}: rate ${rate} is not a finite non-negative number`);
    if (rate > capOf(f) * (1 + rel) + abs) out.push(`flow ${f}: rate ${rate} exceeds its cap ${capOf(f)}`);
    for (let i = routeStart[f]; i < routeStart[f + 1]; i++) {
      const r = routeResources[i];
      load[r] += rate;
      maxShare[r] = Math.max(maxShare[r], rate / weightOf(f));
    }
  }
  const saturated = (r: number) => load[r] >= p.capacityBps[r] * (1 - rel) - abs;
  for (let r = 0; r < R; r++) {
    if (load[r] > p.capacityBps[r] * (1 + rel) + abs) {
      out.push(`resource ${r}: load ${load[r]} exceeds capacity ${p.capacityBps[r]}`);
    }
  }
  // Flow f is limited by r when r is saturated and no flow on r has a larger share than f.
  const limits = (f: number, r: number) => {
    const w = weightOf(f);
    const share = rateBps[f] / w;
    return saturated(r) && share >= maxShare[r] * (1 - rel) - abs / w;
  };
  const atCap = (f: number) => rateBps[f] >= capOf(f) * (1 - rel) - abs;
  for (let f = 0; f < F; f++) {
    let limited = atCap(f);
    for (let i = routeStart[f]; i < routeStart[f + 1] && !limited; i++) limited = limits(f, routeResources[i]);
    if (!limited) out.push(`flow ${f}: rate ${rateBps[f]} is below its cap and no resource on its route limits it`);
    if (!bottleneck) continue;
    const b = bottleneck[f];
    if (b === -1) {
      if (!atCap(f)) out.push(`flow ${f}: bottleneck -1 (own cap) but rate ${rateBps[f]} < cap ${capOf(f)}`);
      continue;
    }
    let onRoute = false;
    for (let i = routeStart[f]; i < routeStart[f + 1]; i++) onRoute ||= routeResources[i] === b;
    if (!onRoute) out.push(`flow ${f}: bottleneck ${b} is not on its route`);
    else if (!limits(f, b)) {
      out.push(
        `flow ${f}: bottleneck ${b} does not limit it (load ${load[b]} of ${p.capacityBps[b]}, ` +
          `share ${rateBps[f] / weightOf(f)} vs largest ${maxShare[b]})`,
      );
    }
  }
  return out;
}

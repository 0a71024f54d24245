// maxMinRates: weighted max-min fair rates by progressive filling — a pure function, no notion of time.
import { EventQueue } from "../core/EventQueue.js";

/**
 * A sharing problem in flat arrays. Flow f crosses resources
 * `routeResources[routeStart[f] … routeStart[f+1])`.
 */
export interface SharingProblem {
  /** Capacity of each resource, bytes/s. */
  capacityBps: Float64Array;
  /** Number of flows. */
  flowCount: number;
  /** CSR offsets into routeResources, length flowCount + 1. */
  routeStart: Int32Array;
  /** Resource ids of all routes, concatenated. */
  routeResources: Int32Array;
  /** Weight of each flow (default 1): on a shared bottleneck, rates are proportional to weights. */
  weight?: Float64Array;
  /** Rate cap of each flow in bytes/s (Infinity for none). */
  capBps?: Float64Array;
}

/** Rates and, for each flow, what froze it: a resource id, or -1 when its own cap binds. */
export interface SharingSolution {
  rateBps: Float64Array;
  bottleneck: Int32Array;
}

/**
 * Weighted max-min fair rates by progressive filling (Bertsekas & Gallager, *Data
 * Networks*, §6.5.2), with per-flow caps treated as private resources.
 *
 * Worked example: two flows share link L (capacity 10); flow 1 also crosses link M
 * (capacity 4). Filling raises both rates together; M saturates first at level 4, so
 * flow 1 freezes at 4 (bottleneck M); L has 10 − 4 = 6 left for flow 2 alone, which
 * freezes at 6 (bottleneck L). With weights, the "level" λ of a resource is its remaining
 * capacity over the weight of its unfrozen flows, and a flow frozen there gets w·λ.
 *
 * Levels live in an indexed heap (the event queue, keyed by level), so each step takes
 * the resource with the smallest level in O(log R) and only resources crossed by newly
 * frozen flows are re-keyed: O(Σ route length · log R) overall. Equal levels resolve in
 * the order the heap received them, so results (bottleneck ids included) are deterministic.
 * A resource leaves the heap when its last unfrozen flow freezes — counted, not inferred
 * from the weight sum, so tiny weights are never mistaken for "no flows left". A flow
 * that crosses no resource and has no cap is unconstrained: it is left at rate 0 with
 * bottleneck -1.
 */
export function maxMinRates(p: SharingProblem): SharingSolution {
  const R = p.capacityBps.length;
  const F = p.flowCount;
  const { routeStart, routeResources } = p;
  const weight = p.weight;
  const cap = p.capBps;
  const rateBps = new Float64Array(F);
  const bottleneck = new Int32Array(F).fill(-1);
  const frozen = new Uint8Array(F);
  const remaining = Float64Array.from(p.capacityBps);
  const weightSum = new Float64Array(R);
  const unfrozen = new Int32Array(R);
  // Resource → flows incidence (CSR), to freeze the flows of a saturated resource.
  const resStart = new Int32Array(R + 1);
  for (let i = 0; i < routeStart[F]; i++) resStart[routeResources[i] + 1]++;
  for (let r = 0; r < R; r++) resStart[r + 1] += resStart[r];
  const resFlows = new Int32Array(routeStart[F]);
  const fill = resStart.slice(0, R);
  for (let f = 0; f < F; f++) {
    const w = weight ? weight[f] : 1;
    for (let i = routeStart[f]; i < routeStart[f + 1]; i++) {
      const r = routeResources[i];
      resFlows[fill[r]++] = f;
      weightSum[r] += w;
      unfrozen[r]++;
    }
  }
  const heap = new EventQueue(R + 16);
  const handle = new Int32Array(R).fill(-1);
  for (let r = 0; r < R; r++) {
    if (unfrozen[r] > 0) handle[r] = heap.push(Math.max(0, remaining[r]) / weightSum[r], r);
  }
  if (cap) {
    for (let f = 0; f < F; f++) {
      if (cap[f] < Infinity) heap.push(cap[f] / (weight ? weight[f] : 1), R + f);
    }
  }

  const freeze = (f: number, rate: number, by: number) => {
    frozen[f] = 1;
    rateBps[f] = rate;
    bottleneck[f] = by;
    const w = weight ? weight[f] : 1;
    for (let i = routeStart[f]; i < routeStart[f + 1]; i++) {
      const r = routeResources[i];
      remaining[r] -= rate;
      weightSum[r] -= w;
      unfrozen[r]--;
      const h = handle[r];
      if (h < 0) continue;
      if (unfrozen[r] > 0) heap.update(h, Math.max(0, remaining[r]) / weightSum[r]);
      else {
        heap.remove(h);
        handle[r] = -1;
      }
    }
  };

  while (heap.size > 0) {
    const level = heap.peekTime();
    const id = heap.pop();
    if (id >= R) {
      const f = id - R;
      if (!frozen[f]) freeze(f, cap![f], -1);
      continue;
    }
    handle[id] = -1;
    for (let i = resStart[id]; i < resStart[id + 1]; i++) {
      const f = resFlows[i];
      if (!frozen[f]) freeze(f, (weight ? weight[f] : 1) * level, id);
    }
  }
  return { rateBps, bottleneck };
}

// scheduleArrivals: turns an ArrivalSpec into timed task arrivals (which agent, when) on a workload's clock.
import { exponential, type RandomStream } from "../../core/randomStream.js";
import type { WorkloadContext } from "../Workload.js";
import type { ArrivalSpec } from "./AgentsSpec.js";

/** Bounds of an arrival process: arrivals strictly before endS, at most maxArrivals. */
export interface ArrivalBounds {
  startS: number;
  endS: number;
  maxArrivals: number;
}

/**
 * Schedule the arrivals of `spec` for `count` agents on `ctx`, calling `onArrival(agent)`
 * at each. Times come from `times`, the agent of a pooled process (poisson, onOff, profile)
 * from `agents` (uniform); periodic arrivals come at startS + k·everyS, agent k mod count; pareto runs one renewal process per agent, each starting one gap
 * after startS. Each arrival schedules the next, so the event queue holds one pending
 * arrival per process (per agent for pareto).
 */
export function scheduleArrivals(
  spec: ArrivalSpec,
  count: number,
  ctx: WorkloadContext,
  times: RandomStream,
  agents: RandomStream,
  bounds: ArrivalBounds,
  onArrival: (agent: number) => void,
): void {
  let arrivals = 0;
  const { startS, endS, maxArrivals } = bounds;
  if (maxArrivals <= 0) return;
  if ("periodic" in spec) {
    const everyS = spec.periodic.everyS;
    const at = (k: number): void => {
      const atS = startS + k * everyS;
      if (!(atS < endS) || k >= maxArrivals) return;
      ctx.schedule(atS, () => {
        onArrival(k % count);
        at(k + 1);
      });
    };
    return at(0);
  }
  if ("pareto" in spec) {
    const { meanGapS, shape } = spec.pareto;
    const scaleS = (meanGapS * (shape - 1)) / shape;
    const gap = () => scaleS / Math.pow(1 - times(), 1 / shape);
    const next = (agent: number, fromS: number) => {
      const atS = fromS + gap();
      if (atS >= endS) return;
      ctx.schedule(atS, () => {
        if (arrivals >= maxArrivals) return;
        arrivals++;
        onArrival(agent);
        next(agent, atS);
      });
    };
    for (let a = 0; a < count; a++) next(a, startS);
    return;
  }
  const nextTime = pooledProcess(spec, times, startS);
  const step = (fromS: number) => {
    const atS = nextTime(fromS);
    if (!(atS < endS)) return;
    ctx.schedule(atS, () => {
      arrivals++;
      onArrival(Math.floor(agents() * count));
      if (arrivals < maxArrivals) step(atS);
    });
  };
  step(startS);
}

/** The next arrival time after `fromS` of a pooled process (Infinity when none comes). */
function pooledProcess(spec: Exclude<ArrivalSpec, { pareto: unknown } | { periodic: unknown }>, times: RandomStream, startS: number): (fromS: number) => number {
  if ("poisson" in spec) {
    const meanS = 1 / spec.poisson.ratePerS;
    return (fromS) => fromS + exponential(times, meanS);
  }
  if ("onOff" in spec) {
    // Poisson in "on-time" τ, mapped to real time: τ = k·on + r ↦ start + k·(on + off) + r.
    const { onS, offS, ratePerS } = spec.onOff;
    let tau = 0;
    return () => {
      tau += exponential(times, 1 / ratePerS);
      const k = Math.floor(tau / onS);
      return startS + k * (onS + offS) + (tau - k * onS);
    };
  }
  // Piecewise-constant rate: spend a unit exponential of integrated rate across the steps.
  const steps = spec.profile;
  return (fromS) => {
    let need = exponential(times, 1);
    let t = fromS - startS;
    let k = steps.length - 1;
    while (k >= 0 && steps[k].atS > t) k--;
    for (;;) {
      const rate = k >= 0 ? steps[k].ratePerS : 0;
      const endT = k + 1 < steps.length ? steps[k + 1].atS : Infinity;
      if (rate > 0 && t + need / rate < endT) return startS + t + need / rate;
      if (endT === Infinity) return Infinity;
      need -= rate * (endT - t);
      t = endT;
      k++;
    }
  };
}

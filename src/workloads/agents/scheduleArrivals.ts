// scheduleArrivals: turns an ArrivalSpec into timed task arrivals (which agent, when) on a workload's clock.
import { exponential, type RandomStream } from "../../core/randomStream.js";
import type { WorkloadContext } from "../Workload.js";
import type { ArrivalSpec } from "./AgentsSpec.js";
import { TimeWarp } from "./TimeWarp.js";

/** Bounds of an arrival process: arrivals strictly before endS, at most maxArrivals. */
export interface ArrivalBounds {
  startS: number;
  endS: number;
  maxArrivals: number;
}

/** Handle on a running arrival process. */
export interface ArrivalControl {
  /** Multiply the arrival rate by `factor` (> 0) from now on, relative to the configured rate (see {@link TimeWarp}). */
  setRateFactor(factor: number): void;
}

/**
 * Schedule the arrivals of `spec` for `count` agents on `ctx`, calling `onArrival(agent)`
 * at each. Times come from `times`, the agent of a pooled process (poisson, onOff, profile)
 * from `agents` (uniform); periodic arrivals come at startS + k·everyS, agent k mod count; pareto runs one renewal process per agent, each starting one gap
 * after startS. Each arrival schedules the next, so the event queue holds one pending
 * arrival per process (per agent for pareto).
 *
 * Times are planned on the process's own clock, a {@link TimeWarp} that the returned
 * control speeds up or slows down: a change moves every pending arrival to the real time
 * its base time now maps to (a superseded timer stays queued and does nothing), with no
 * extra random draws — a run without surges draws and fires exactly as before. `endS` is
 * real time: a pending arrival planned past it is kept and fires if a surge brings it
 * before endS.
 */
export function scheduleArrivals(
  spec: ArrivalSpec,
  count: number,
  ctx: WorkloadContext,
  times: RandomStream,
  agents: RandomStream,
  bounds: ArrivalBounds,
  onArrival: (agent: number) => void,
  initialFactor = 1,
): ArrivalControl {
  let arrivals = 0;
  const { startS, endS, maxArrivals } = bounds;
  const warp = new TimeWarp(startS);
  if (initialFactor !== 1) warp.setFactor(ctx.nowS(), initialFactor);
  const processes = "pareto" in spec ? count : 1;
  /** Per process: base time of its pending arrival (NaN when none), its action, its timer generation. */
  const pendingBaseS = new Float64Array(processes).fill(NaN);
  const actions: Array<() => void> = new Array<() => void>(processes);
  const generation = new Uint32Array(processes);
  const plan = (p: number) => {
    const atS = warp.realAt(pendingBaseS[p]);
    if (!(atS < endS)) return;
    const gen = ++generation[p];
    ctx.schedule(Math.max(atS, ctx.nowS()), () => {
      if (gen !== generation[p]) return;
      pendingBaseS[p] = NaN;
      actions[p]();
    });
  };
  /** Make `action` process p's pending arrival at base time `baseS`. */
  const pend = (p: number, baseS: number, action: () => void) => {
    pendingBaseS[p] = baseS;
    actions[p] = action;
    plan(p);
  };
  const control: ArrivalControl = {
    setRateFactor(factor) {
      if (!(Number.isFinite(factor) && factor > 0)) throw new Error(`scheduleArrivals.setRateFactor: factor must be > 0, found ${factor}`);
      warp.setFactor(ctx.nowS(), factor);
      for (let p = 0; p < processes; p++) if (!Number.isNaN(pendingBaseS[p])) plan(p);
    },
  };
  if (maxArrivals <= 0) return control;
  if ("periodic" in spec) {
    const everyS = spec.periodic.everyS;
    const at = (k: number): void => {
      if (k >= maxArrivals) return;
      pend(0, startS + k * everyS, () => {
        onArrival(k % count);
        at(k + 1);
      });
    };
    at(0);
    return control;
  }
  if ("pareto" in spec) {
    const { meanGapS, shape } = spec.pareto;
    const scaleS = (meanGapS * (shape - 1)) / shape;
    const gap = () => scaleS / Math.pow(1 - times(), 1 / shape);
    const next = (agent: number, fromS: number) => {
      const atS = fromS + gap();
      pend(agent, atS, () => {
        if (arrivals >= maxArrivals) return;
        arrivals++;
        onArrival(agent);
        next(agent, atS);
      });
    };
    for (let a = 0; a < count; a++) next(a, startS);
    return control;
  }
  const nextTime = pooledProcess(spec, times, startS);
  const step = (fromS: number) => {
    const atS = nextTime(fromS);
    if (atS === Infinity) return;
    pend(0, atS, () => {
      arrivals++;
      onArrival(Math.floor(agents() * count));
      if (arrivals < maxArrivals) step(atS);
    });
  };
  step(startS);
  return control;
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

// TrafficWorkload: Poisson arrivals of flows between hosts (uniform, permutation, incast, all-to-all).
import { InputError } from "../core/InputError.js";
import { exponential, type RandomStream } from "../core/randomStream.js";
import { randomDerangement } from "./randomDerangement.js";
import { sampleDistinct } from "./sampleDistinct.js";
import type { CdfPoint } from "./empiricalCdf.js";
import { loadCdf } from "./loadCdf.js";
import { sizeSampler, type SizeSampler } from "./sizeSampler.js";
import { TRAFFIC_PATTERNS, type TrafficSpec } from "./specs.js";
import type { Workload, WorkloadContext } from "./Workload.js";

/**
 * Synthetic datacenter traffic. Arrivals form a Poisson process of rate
 * `arrivalRatePerS` starting at `startS`, kept while strictly before startS + durationS
 * and up to `flows` arrivals. Each arrival starts, by pattern:
 *
 * - uniform: one flow, source uniform over the hosts, destination uniform over the others;
 * - permutation: one flow from a uniform source to its image under a random derangement
 *   of the hosts, drawn once at start;
 * - incast: `fanIn` flows from distinct random senders to one random receiver;
 * - all-to-all: n(n−1) flows, one from every host to every other host.
 *
 * Flow ids are `<name>-<n>`, n counting flows from 0. Arrival times, endpoints and sizes
 * come from three separate streams ("arrivals", "pairs", "sizes"), so changing the
 * pattern or the size distribution leaves the arrival times unchanged.
 *
 * Surges ({@link setRateFactor}): the arrival rate is piecewise constant, λ·k(t). A change
 * of k at time t rescales the wait for the pending arrival: its remaining time shrinks or
 * stretches by k_old/k_new. By memorylessness that leftover wait is again exponential at
 * the new rate, so the arrivals stay an exact Poisson process of the new rate, with no
 * extra random draws: the n-th arrival happens at Λ⁻¹(Λ₀(s_n)), where s_n is its time
 * without surges and Λ the integrated rate. In particular, k over [t1, t2) packs the
 * arrivals that would have come in [t1, t1 + k·(t2 − t1)) into [t1, t2), and shifts later
 * ones earlier by (k − 1)·(t2 − t1). A superseded timer stays queued and does nothing.
 */
export class TrafficWorkload implements Workload {
  readonly name: string;
  /** Mean flow size of `spec.size`, in bytes (before rounding to whole bytes). */
  readonly meanFlowBytes: number;
  private readonly cdfPoints: CdfPoint[] | undefined;
  private factor = 1;
  /** Applies a new rate factor to the running arrival process (set by start). */
  private rescale: ((factor: number) => void) | undefined;

  /**
   * Validates the spec and loads its CDF file, if any, so mistakes surface before the run.
   *
   * @throws InputError on an invalid size distribution or CDF file, fewer than two hosts, a rate that is not positive, neither
   * durationS nor flows given, or an incast fanIn outside 1..hosts−1.
   */
  constructor(readonly spec: TrafficSpec) {
    this.name = spec.name;
    const where = `traffic "${spec.name}"`;
    const n = spec.hosts.length;
    if (!TRAFFIC_PATTERNS.includes(spec.pattern)) {
      throw new InputError(`${where}: unknown pattern "${spec.pattern}" — use ${TRAFFIC_PATTERNS.join(", ")}`);
    }
    if (n < 2) throw new InputError(`${where}: needs at least 2 hosts, found ${n}`);
    if (new Set(spec.hosts).size !== n) throw new InputError(`${where}: hosts must be distinct`);
    if (!(Number.isFinite(spec.arrivalRatePerS) && spec.arrivalRatePerS > 0)) {
      throw new InputError(`${where}: arrival rate must be > 0 per second, found ${spec.arrivalRatePerS}`);
    }
    if (!(Number.isFinite(spec.startS) && spec.startS >= 0)) {
      throw new InputError(`${where}: startS must be ≥ 0, found ${spec.startS}`);
    }
    if (spec.durationS === undefined && spec.flows === undefined) {
      throw new InputError(`${where}: give durationS or flows, or it never stops`);
    }
    if (spec.durationS !== undefined && !(spec.durationS >= 0)) {
      throw new InputError(`${where}: durationS must be ≥ 0, found ${spec.durationS}`);
    }
    if (spec.flows !== undefined && !(Number.isInteger(spec.flows) && spec.flows >= 0)) {
      throw new InputError(`${where}: flows must be a whole number ≥ 0, found ${spec.flows}`);
    }
    if (spec.pattern === "incast") {
      const f = spec.fanIn;
      if (f === undefined || !Number.isInteger(f) || f < 1 || f > n - 1) {
        throw new InputError(`${where}: incast fanIn must be a whole number from 1 to ${n - 1} (hosts − 1), found ${f}`);
      }
    }
    const size = spec.size;
    try {
      this.cdfPoints = "cdf" in size ? loadCdf(size.cdf) : undefined;
      this.meanFlowBytes = sizeSampler(size, () => 0.5, () => this.cdfPoints!).meanBytes;
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${where}: ${err.message}`);
      throw err;
    }
  }

  start(ctx: WorkloadContext): void {
    const s = this.spec;
    const hosts = s.hosts;
    const n = hosts.length;
    // Node numbers looked up once, so no arrival looks a name up.
    const nodes = hosts.map((h) => ctx.node(h));
    const arrivals = ctx.random("arrivals");
    const pairs = ctx.random("pairs");
    const sizes: SizeSampler = sizeSampler(s.size, ctx.random("sizes"), () => this.cdfPoints!);
    const perm = s.pattern === "permutation" ? randomDerangement(n, pairs) : undefined;
    const endS = s.durationS === undefined ? Infinity : s.startS + s.durationS;
    const maxArrivals = s.flows ?? Infinity;
    const meanGapS = 1 / s.arrivalRatePerS;
    let flowCount = 0;
    let arrivalCount = 0;
    /** Time of the pending arrival (Infinity when none), and the generation of its timer. */
    let nextAtS = Infinity;
    let generation = 0;

    const send = (src: number, dst: number) => {
      ctx.startTransfer({ id: `${this.name}-${flowCount++}`, src: hosts[src], dst: hosts[dst], srcNode: nodes[src], dstNode: nodes[dst], sizeBytes: sizes.sample() });
    };
    /** The arrival timer's callback, made once: its tag is the generation it was planned in. */
    const arrive = (gen: number) => {
      if (gen !== generation) return;
      arrivalCount++;
      nextAtS = Infinity;
      emit(s.pattern, n, pairs, perm, s.fanIn ?? 0, send);
      scheduleNext(ctx.nowS());
    };
    const plan = () => {
      const gen = ++generation;
      if (nextAtS < endS) ctx.schedule(nextAtS, arrive, gen);
    };
    const scheduleNext = (fromS: number) => {
      if (arrivalCount >= maxArrivals) return;
      // Division by 1 is exact, so a run without surges draws exactly the times it always did.
      nextAtS = fromS + exponential(arrivals, meanGapS) / this.factor;
      plan();
    };
    scheduleNext(s.startS);
    this.rescale = (factor) => {
      // Past endS the process is over; before it, a pending arrival (even one planned past endS) moves.
      if (nextAtS !== Infinity && ctx.nowS() < endS) {
        // Arrivals run from startS: before it, the wait has not begun to elapse.
        const fromS = Math.max(ctx.nowS(), s.startS);
        nextAtS = fromS + ((nextAtS - fromS) * this.factor) / factor;
        plan();
      }
      this.factor = factor;
    };
  }

  /** Multiply the arrival rate by `factor` from now on (see the class doc); 1 restores the configured rate. */
  setRateFactor(factor: number): void {
    if (!(Number.isFinite(factor) && factor > 0)) throw new Error(`TrafficWorkload.setRateFactor: factor must be > 0, found ${factor}`);
    if (this.rescale) this.rescale(factor);
    else this.factor = factor;
  }
}

/** Start the flows of one arrival of `pattern` among hosts 0..n−1. */
function emit(
  pattern: TrafficSpec["pattern"],
  n: number,
  pairs: RandomStream,
  perm: Int32Array | undefined,
  fanIn: number,
  send: (src: number, dst: number) => void,
): void {
  switch (pattern) {
    case "uniform": {
      const src = Math.floor(pairs() * n);
      const d = Math.floor(pairs() * (n - 1));
      send(src, d >= src ? d + 1 : d);
      return;
    }
    case "permutation": {
      const src = Math.floor(pairs() * n);
      send(src, perm![src]);
      return;
    }
    case "incast": {
      const receiver = Math.floor(pairs() * n);
      // Senders are drawn among the n−1 other hosts, numbered skipping the receiver.
      for (const k of sampleDistinct(n - 1, fanIn, pairs)) send(k >= receiver ? k + 1 : k, receiver);
      return;
    }
    case "all-to-all":
      for (let src = 0; src < n; src++) for (let dst = 0; dst < n; dst++) if (dst !== src) send(src, dst);
      return;
  }
}

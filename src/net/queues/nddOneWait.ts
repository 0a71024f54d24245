// nddOneWait: the work an outside packet finds at a port fed by N periodic sources of random phases (the N·D/D/1 queue, Beneš / Roberts–Virtamo), its law and a draw by inversion.
import type { RandomStream } from "../../core/randomStream.js";

/** ln k! for k = 0 … length − 1, grown on demand (each entry a compensated sum of logs; keyed by the integer alone, so exact to reuse). */
let lnFactorials = Float64Array.of(0);

function lnFactorial(k: number): number {
  if (k >= lnFactorials.length) {
    const old = lnFactorials;
    const next = new Float64Array(Math.max(k + 1, 2 * old.length));
    next.set(old);
    // Neumaier-compensated running sum, restarted from the exact sum of logs so far.
    let sum = 0;
    let carry = 0;
    for (let i = 2; i < next.length; i++) {
      const term = Math.log(i);
      const t = sum + term;
      carry += Math.abs(sum) >= term ? sum - t + term : term - t + sum;
      sum = t;
      if (i >= old.length) next[i] = sum + carry;
    }
    lnFactorials = next;
  }
  return lnFactorials[k];
}

/** What {@link nddOneLaw} writes: P(W > x) and its derivative in x. */
interface LawPoint {
  ccdf: number;
  slope: number;
}

/**
 * P(W > x) of the N·D/D/1 queue and its derivative, added (times `weight`) into `into`:
 * `sources` = N ≥ 1 periodic sources of period D = N/ρ service times each, one packet of one
 * service time per period, independent uniform phases; W the unfinished work at a random
 * instant, x in service times, 0 ≤ x. The Beneš form (Roberts & Virtamo 1991):
 * P(W > x) = Σ_{n=⌊x⌋+1}^{N} C(N,n) ((n−x)/D)^n (1 − (n−x)/D)^{N−n} (D − N + x)/(D − n + x),
 * each term computed as the exponential of its logarithm (no overflow of C(N,n) at large N).
 */
function nddOneLaw(x: number, sources: number, rho: number, weight: number, into: LawPoint): void {
  const n0 = Math.floor(x) + 1;
  if (n0 > sources) return;
  const d = sources / rho;
  const ballot = d - sources + x;
  const lnHead = lnFactorial(sources) + Math.log(ballot) - sources * Math.log(d);
  let ccdf = 0;
  let slope = 0;
  for (let n = n0; n <= sources; n++) {
    // T_n = C(N,n) a^n b^(N−n−1) (D − N + x) / D^N with a = n − x, b = D − n + x.
    const a = n - x;
    const b = d - n + x;
    const term = Math.exp(lnHead - lnFactorial(n) - lnFactorial(sources - n) + n * Math.log(a) + (sources - n - 1) * Math.log(b));
    ccdf += term;
    slope += term * (-n / a + (sources - n - 1) / b + 1 / ballot);
  }
  into.ccdf += weight * ccdf;
  into.slope += weight * slope;
}

/** One record {@link nddOneCcdf} and the draw write into (not reentrant; the simulator is single-threaded). */
const point: LawPoint = { ccdf: 0, slope: 0 };

/**
 * P(W > x) at a port of utilisation `rho` (0 < ρ < 1) fed by `sources` periodic sources, x in
 * service times. An integer N ≥ 1 is the N·D/D/1 law ({@link nddOneLaw}); a real N ≥ 1 between
 * two integers is the mixture of their laws weighted by its distance to each (so the law moves
 * continuously with N; P(W > 0) = ρ either way).
 */
export function nddOneCcdf(x: number, sources: number, rho: number): number {
  lawAt(x, sources, rho);
  return point.ccdf;
}

function lawAt(x: number, sources: number, rho: number): void {
  point.ccdf = 0;
  point.slope = 0;
  const low = Math.floor(sources);
  const high = low + 1;
  const f = sources - low;
  if (f < 1) nddOneLaw(x, low, rho, 1 - f, point);
  if (f > 0) nddOneLaw(x, high, rho, f, point);
}

/** Relative precision of a drawn wait (in service times) at which Newton's iteration stops. */
const X_TOLERANCE = 1e-12;

/**
 * One packet's wait, seconds, at a port of utilisation `rho` fed by `sources` (≥ 1) periodic
 * sources ({@link nddOneCcdf}) serving packets in `serviceS` each: from one uniform u of `random`,
 * none where u ≥ ρ (P(W > 0) = ρ), else the x with P(W > x) = u — in closed form up to 2 sources
 * (a line or a parabola on each unit interval), else by search (the integer interval found by
 * doubling then bisection on integers, then safeguarded Newton within it) — capped at the
 * buffer's `bufferPackets` × s. One draw per packet; none at ρ ≤ 0.
 */
export function nddOneDrawWaitS(rho: number, sources: number, serviceS: number, bufferPackets: number, random: RandomStream): number {
  if (!(rho > 0)) return 0;
  const u = random();
  if (u >= rho) return 0;
  const x = sources <= 2 ? fewSourcesInverse(u, sources, rho) : inverse(u, sources, rho);
  const wait = x * serviceS;
  const most = bufferPackets * serviceS;
  return wait < most ? wait : most;
}

/**
 * The x with P(W > x) = u (0 < u < ρ) for 1 ≤ `sources` ≤ 2, in closed form: the mixture of the
 * N = 1 law, (1 − x)/D₁ on [0, 1), weight w₁ = 2 − N, and the N = 2 law, weight w₂ = N − 1
 * (D₂ = 2/ρ): ((2 − x)/D₂)² on [1, 2), and 2y/D₂ − y²/D₂² + 1/D₂² with y = 1 − x on [0, 1).
 * Above P(W > 1) = w₂/D₂² the root is below 1, where A·y² − B·y + (u − A) = 0 with A = w₂/D₂²,
 * B = w₁/D₁ + 2w₂/D₂: its root in (0, 1], in the form without cancellation.
 */
function fewSourcesInverse(u: number, sources: number, rho: number): number {
  const w2 = sources - 1;
  const w1 = 1 - w2;
  const d2 = 2 / rho;
  const a = w2 / (d2 * d2);
  if (u <= a) return 2 - d2 * Math.sqrt(u / w2);
  const b = w1 * rho + (2 * w2) / d2;
  const c = u - a;
  return 1 - (2 * c) / (b + Math.sqrt(b * b - 4 * a * c));
}

/** The x with P(W > x) = u (0 < u < ρ) for any `sources` ≥ 1, by search: see {@link nddOneDrawWaitS}. */
function inverse(u: number, sources: number, rho: number): number {
  const top = Math.ceil(sources);
  // Integers lo < hi with P(W > lo) > u ≥ P(W > hi); P(W > top) = 0.
  let lo = 0;
  let hi = 1;
  let qHi = hi >= top ? 0 : nddOneCcdf(hi, sources, rho);
  while (qHi > u) {
    lo = hi;
    hi = Math.min(2 * hi, top);
    qHi = hi >= top ? 0 : nddOneCcdf(hi, sources, rho);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    const q = nddOneCcdf(mid, sources, rho);
    if (q > u) lo = mid;
    else {
      hi = mid;
      qHi = q;
    }
  }
  // On [lo, lo + 1] the law is smooth: Newton from the chord's root, kept inside the bracket.
  const qLo = lo === 0 ? rho : nddOneCcdf(lo, sources, rho);
  let a = lo;
  let b = hi;
  let x = lo + (qLo - u) / (qLo - qHi);
  for (let i = 0; i < 100; i++) {
    lawAt(x, sources, rho);
    const g = point.ccdf - u;
    if (g === 0) break;
    if (g > 0) a = x;
    else b = x;
    const next = point.slope < 0 ? x - g / point.slope : NaN;
    if (next >= a && next <= b && Math.abs(next - x) <= X_TOLERANCE * (1 + x)) {
      x = next;
      break;
    }
    x = next > a && next < b ? next : 0.5 * (a + b);
    if (b - a <= X_TOLERANCE * (1 + a)) break;
  }
  return x;
}

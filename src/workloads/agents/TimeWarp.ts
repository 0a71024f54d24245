// TimeWarp: maps an arrival process's own ("base") clock to simulated time under a piecewise-constant rate factor.

/**
 * The clock of an arrival process that a surge speeds up: base time u advances at k(t)
 * base seconds per simulated second from `startS` on (before it, the process has not
 * started and u = t). An arrival planned at base time u happens at the real time t with
 * U(t) = u, so a factor k packs k times as many arrivals into each real second — the
 * analogue of TrafficWorkload's rescaled waits for any arrival process. Exact for Poisson
 * (a time-changed Poisson process of rate λ is a Poisson process of rate λ·k); for a
 * periodic process the gap becomes everyS/k; for onOff, profile and pareto the whole
 * process (bursts, steps, gaps) runs k times faster while the factor holds.
 */
export class TimeWarp {
  /** Anchor: at real time realS the base clock read baseS; since then it runs at `factor`. */
  private realS: number;
  private baseS: number;
  private factor = 1;

  constructor(startS: number) {
    this.realS = startS;
    this.baseS = startS;
  }

  /** Base time reached at real time `t` (t ≥ the start and the last change). */
  baseAt(t: number): number {
    return t <= this.realS ? this.baseS : this.baseS + (t - this.realS) * this.factor;
  }

  /** Real time at which the base clock reaches `u` (Infinity stays Infinity). */
  realAt(u: number): number {
    // With no surge so far the clock is the identity: return u exactly, so unsurged runs keep their bits.
    if (this.factor === 1 && this.realS === this.baseS) return u;
    if (u <= this.baseS) return this.realS;
    return this.realS + (u - this.baseS) / this.factor;
  }

  /** From real time `nowS` on, run the base clock at `factor` (> 0) base seconds per second. */
  setFactor(nowS: number, factor: number): void {
    if (nowS > this.realS) {
      this.baseS = this.baseAt(nowS);
      this.realS = nowS;
    }
    this.factor = factor;
  }
}

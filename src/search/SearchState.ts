// SearchState: the search for the cheapest design that meets the targets — which simulations to run next, and what their results decide.
import { meetsTarget } from "../report/html/meetsTarget.js";
import { formatValues } from "../sweep/expandStudy.js";
import type { StudyPoint, SweepValue } from "../sweep/Study.js";
import { summarizeReplications, type ReplicationSummary } from "../sweep/summarizeReplications.js";
import type { SearchSpec, SearchTarget } from "./SearchSpec.js";

/** One simulation the search asks for: a point at one repetition (its seed is the study's seed of that repetition). */
export interface SearchTask {
  point: number;
  repetition: number;
}

/** Whether a design meets every target: measured (or inferred from a monotone neighbour), or not known yet. */
export type Feasibility = "yes" | "no" | "unknown";

/** What the search knows of one design (a point of the study). */
export interface DesignState {
  point: StudyPoint;
  /** Replications recorded (0 when never simulated). */
  replications: number;
  /** Each metric's value per replication, NaN where a run failed or lacked it. */
  samples: Map<string, number[]>;
  /** Whether one of its runs failed. */
  failedRun: boolean;
  feasible: Feasibility;
  /** Why the search stopped looking at it, once it has (a sentence fragment). */
  stopped?: string;
}

/** What a finished search found. */
export interface SearchResult {
  /** The cheapest design that meets every target, if one does. */
  chosen?: DesignState;
  /** Simulations recorded, reused ones included. */
  simulations: number;
  /** The full grid: points × repeat. */
  grid: number;
  /** True when the budget ran out before the search had decided. */
  budgetReached: boolean;
  /** Every design, in point order. */
  designs: DesignState[];
}

/** A target's verdict on a design's replications so far. */
type Verdict = "pass" | "fail" | "open";

/** Whether `value` satisfies `op bound` (the comparison page's rule: never for NaN). */
export function satisfies(value: number, target: Pick<SearchTarget, "op" | "bound">): boolean {
  return meetsTarget(value, target);
}

/**
 * The search: racing over replications on the study's grid, pruned by the monotone
 * variables the file declares. Works in rounds: {@link next} returns the simulations of
 * the next round (none when the search is over), the caller runs them and hands each
 * result to {@link record}; everything is decided between rounds, in point order, so the
 * search depends only on the results, never on the order runs finish in.
 *
 * - A design is first simulated `min(2, repeat)` times; each round adds one replication to
 *   every design still undecided, up to `repeat`.
 * - A target is met when the 95 % Student-t interval of its replications lies within the
 *   bound, missed when it lies outside; at `repeat` replications the mean decides, as for
 *   the full grid. A design fails when it misses one target (or a run failed), meets them
 *   when it meets all.
 * - Cost: the cheapest design that meets the targets (lowest mean of `minimize`) is the
 *   incumbent; a design whose cost interval lies above the incumbent's is dropped whatever
 *   its feasibility; two that overlap get more replications, and at `repeat` the means decide.
 * - Monotone variables (`up`: a larger value is more resources — every target no worse,
 *   cost no lower): design a ≤ b when they agree on every other variable and b has at least
 *   a's resources in each monotone one. A design that fails rules out every a ≤ it
 *   unsimulated; one that meets the targets, or one dropped as too costly, rules out every
 *   b ≥ it (they cannot be cheaper). Designs fall into lines along the last monotone
 *   variable; each line is bisected — one new design per line per round, the middle of its
 *   undecided designs — so a line of m designs costs about log₂ m first looks.
 * - Without monotone variables every design is a line of one: all get a first look, and the
 *   races decide.
 */
export class SearchState {
  private readonly designs: DesignState[];
  private readonly repeat: number;
  private readonly first: number;
  private readonly metrics: string[];
  private readonly lines: number[][];
  /** Per design: the values of its non-monotone variables (designs compare only within one group). */
  private readonly group: string[];
  /** Per design: its resources in each monotone variable, oriented so larger is more. */
  private readonly rank: number[][];
  /** With monotone variables, lines are bisected one after the other so each profits from what the others ruled out. */
  private readonly oneLineAtATime: boolean;
  private simulations = 0;
  private budgetReached = false;

  constructor(
    points: readonly StudyPoint[],
    /** The study's zip groups: a variable zipped with a monotone one moves with it. */
    zip: readonly string[][],
    repeat: number,
    private readonly spec: SearchSpec,
    private readonly budget = points.length * repeat,
  ) {
    this.repeat = repeat;
    this.first = Math.min(2, repeat);
    this.metrics = [...new Set([...spec.targets.map((t) => t.metric), spec.minimize])];
    this.designs = points.map((point) => ({
      point,
      replications: 0,
      samples: new Map(this.metrics.map((m) => [m, []])),
      failedRun: false,
      feasible: "unknown" as Feasibility,
    }));
    const monotone = Object.keys(spec.monotone);
    const moving = new Set(monotone);
    for (const g of zip) if (g.some((n) => moving.has(n))) for (const n of g) moving.add(n);
    const fixed = (values: Record<string, SweepValue>) =>
      JSON.stringify(Object.keys(values).filter((n) => !moving.has(n)).map((n) => values[n]));
    this.group = points.map((p) => fixed(p.values));
    this.rank = points.map((p) => monotone.map((n) => (spec.monotone[n] === "up" ? 1 : -1) * (p.values[n] as number)));
    // Lines: same group, same resources in every monotone variable but the last; ordered by it.
    const byLine = new Map<string, number[]>();
    for (const p of points) {
      const key = monotone.length === 0 ? String(p.index) : JSON.stringify([this.group[p.index], this.rank[p.index].slice(0, -1)]);
      const line = byLine.get(key);
      if (line) line.push(p.index);
      else byLine.set(key, [p.index]);
    }
    const last = monotone.length - 1;
    this.lines = [...byLine.values()].map((line) => (last < 0 ? line : line.sort((a, b) => this.rank[a][last] - this.rank[b][last] || a - b)));
    // The line with the most resources first (within a group of the other variables): its bisection rules out,
    // by monotonicity, the designs below its threshold in every line with fewer resources.
    const groupOrder = new Map<string, number>();
    for (const p of points) if (!groupOrder.has(this.group[p.index])) groupOrder.set(this.group[p.index], groupOrder.size);
    const richer = (a: number[], b: number[]) => {
      const ra = this.rank[a[0]];
      const rb = this.rank[b[0]];
      for (let i = 0; i < last; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
      return 0;
    };
    this.lines.sort((a, b) => groupOrder.get(this.group[a[0]])! - groupOrder.get(this.group[b[0]])! || richer(a, b) || a[0] - b[0]);
    this.oneLineAtATime = last >= 0;
  }

  /** The metrics a run must report: each target's, then the objective. */
  get metricNames(): readonly string[] {
    return this.metrics;
  }

  /** True when design a has at most b's resources (a ≤ b; see the class comment). */
  private atMost(a: number, b: number): boolean {
    if (this.group[a] !== this.group[b]) return false;
    if (this.rank[a].length === 0) return a === b;
    return this.rank[a].every((r, i) => r <= this.rank[b][i]);
  }

  /**
   * Record one simulation: the run's metrics by name (compare.csv's names), or undefined
   * when the run failed. Repetitions of one design must come in order.
   */
  record(task: SearchTask, metrics: ReadonlyMap<string, number> | undefined): void {
    const d = this.designs[task.point];
    if (task.repetition !== d.replications) throw new Error(`SearchState: p${task.point} repetition ${task.repetition} recorded after ${d.replications}`);
    d.replications++;
    this.simulations++;
    if (metrics === undefined) d.failedRun = true;
    for (const m of this.metrics) d.samples.get(m)!.push(metrics?.get(m) ?? NaN);
  }

  /** The summary of one metric of a design. */
  summary(d: DesignState, metric: string): ReplicationSummary {
    return summarizeReplications(d.samples.get(metric)!);
  }

  /** A target's verdict: the interval decides before `repeat` replications, the mean at `repeat`. */
  private verdict(d: DesignState, t: SearchTarget): Verdict {
    const s = this.summary(d, t.metric);
    if (s.excluded > 0) return "fail"; // a replication without a value: the design cannot be shown to meet it
    if (d.replications >= this.repeat) return satisfies(s.mean, t) ? "pass" : "fail";
    if (s.n < 2) return "open";
    const upper = t.op === "<=" || t.op === "<";
    const [near, far] = upper ? [s.ciHigh, s.ciLow] : [s.ciLow, s.ciHigh];
    if (satisfies(near, t)) return "pass";
    if (!satisfies(far, t)) return "fail";
    return "open";
  }

  /** Decide what the results so far decide (in point order), then propagate by monotonicity. */
  private decide(): void {
    for (const d of this.designs) {
      if (d.replications === 0 || d.stopped !== undefined || d.feasible !== "unknown") continue;
      if (d.failedRun) {
        d.feasible = "no";
        this.stop(d, "a run failed");
        continue;
      }
      const verdicts = this.spec.targets.map((t) => this.verdict(d, t));
      const missed = verdicts.indexOf("fail");
      if (missed >= 0) {
        d.feasible = "no";
        this.stop(d, `misses ${this.spec.targets[missed].text}`);
      } else if (verdicts.every((v) => v === "pass")) {
        d.feasible = "yes";
      }
    }
    // Monotonicity: a failure rules out every design with fewer resources, a success every design with more.
    for (const d of this.designs) {
      if (d.replications === 0) continue;
      const i = d.point.index;
      if (d.feasible === "no") {
        for (const q of this.designs) {
          if (q !== d && q.feasible === "unknown" && this.atMost(q.point.index, i)) {
            q.feasible = "no";
            this.stop(q, `fewer resources than p${i}, which misses the targets`);
          }
        }
      } else if (d.feasible === "yes" && d.stopped === undefined) {
        for (const q of this.designs) {
          if (q !== d && q.stopped === undefined && this.atMost(i, q.point.index)) {
            if (q.feasible === "unknown") q.feasible = "yes";
            this.stop(q, `more resources than p${i}, which meets the targets`);
          }
        }
      }
    }
    this.raceCosts();
  }

  /** The incumbent: the design that meets the targets, still in the running, with the lowest mean cost (then the lowest index). */
  private incumbent(): DesignState | undefined {
    let best: DesignState | undefined;
    let bestMean = Infinity;
    for (const d of this.designs) {
      if (d.feasible !== "yes" || d.stopped !== undefined || d.replications === 0) continue;
      const m = this.summary(d, this.spec.minimize).mean;
      if (m < bestMean) [best, bestMean] = [d, m];
    }
    return best;
  }

  /** Drop the designs that cost clearly more than the incumbent, and every design with more resources than one dropped. */
  private raceCosts(): void {
    const best = this.incumbent();
    if (best === undefined) return;
    const b = this.summary(best, this.spec.minimize);
    const bestAtFull = best.replications >= this.repeat;
    for (const d of this.designs) {
      if (d === best || d.replications === 0 || d.stopped !== undefined || d.feasible === "no") continue;
      const s = this.summary(d, this.spec.minimize);
      const apart = s.n >= 2 && b.n >= 2 && s.ciLow > b.ciHigh;
      const byMeans = bestAtFull && d.replications >= this.repeat && d.feasible === "yes";
      if (apart || byMeans) this.stop(d, `costlier than p${best.point.index}`);
    }
    for (const d of this.designs) {
      if (d.stopped !== `costlier than p${best.point.index}`) continue;
      for (const q of this.designs) {
        if (q !== d && q.stopped === undefined && q !== best && this.atMost(d.point.index, q.point.index)) {
          this.stop(q, `more resources than p${d.point.index}, which is costlier than p${best.point.index}`);
        }
      }
    }
  }

  private stop(d: DesignState, why: string): void {
    if (d.stopped === undefined) d.stopped = why;
  }

  /**
   * The simulations of the next round, after deciding what the results so far decide:
   * one more replication of every design still racing (undecided targets, or a cost that
   * overlaps the incumbent's), then a first look at the middle undecided design of every
   * line with none racing. Empty when the search is over (or the budget is spent).
   */
  next(): SearchTask[] {
    this.decide();
    if (this.simulations >= this.budget) {
      this.budgetReached = this.designs.some((d) => this.open(d));
      return [];
    }
    const best = this.incumbent();
    // Replications that decide feasibility come first; a race on cost waits until every line is bisected,
    // since a cheaper design found later often settles it without more replications.
    const deciding: SearchTask[] = [];
    for (const d of this.designs) {
      if (d.replications > 0 && d.stopped === undefined && d.feasible === "unknown" && d.replications < this.repeat) {
        deciding.push({ point: d.point.index, repetition: d.replications });
      }
    }
    const fresh: SearchTask[] = [];
    for (const line of this.lines) {
      const racing = line.some((i) => {
        const d = this.designs[i];
        return d.replications > 0 && d.stopped === undefined && d.feasible === "unknown";
      });
      if (racing) {
        if (this.oneLineAtATime) break;
        continue;
      }
      const untried = line.filter((i) => this.designs[i].replications === 0 && this.designs[i].stopped === undefined && this.designs[i].feasible === "unknown");
      if (untried.length === 0) continue;
      // Just above a design known to fail, walk up (the staircase: a poorer line's threshold is usually at or
      // just above a richer line's); otherwise bisect.
      const below = line.indexOf(untried[0]) - 1;
      const pick = below >= 0 && this.designs[line[below]].feasible === "no" ? untried[0] : untried[Math.floor((untried.length - 1) / 2)];
      for (let r = 0; r < this.first; r++) fresh.push({ point: pick, repetition: r });
      if (this.oneLineAtATime) break;
    }
    const more: SearchTask[] = [];
    if (deciding.length === 0 && fresh.length === 0) {
      let rival = false;
      for (const d of this.designs) {
        if (d === best || d.feasible !== "yes" || d.stopped !== undefined || d.replications === 0) continue;
        rival = true;
        if (d.replications < this.repeat) more.push({ point: d.point.index, repetition: d.replications });
      }
      if (best && rival && best.replications < this.repeat) more.push({ point: best.point.index, repetition: best.replications });
      more.sort((a, b) => a.point - b.point);
    }
    const tasks = [...deciding, ...more, ...fresh];
    const room = this.budget - this.simulations;
    if (tasks.length > room) {
      this.budgetReached = true;
      return tasks.slice(0, room);
    }
    return tasks;
  }

  /** True while a design could still change the answer. */
  private open(d: DesignState): boolean {
    return d.stopped === undefined && (d.feasible === "unknown" || (d.feasible === "yes" && d.replications < this.repeat && d !== this.incumbent()));
  }

  /** What the search found (call once {@link next} returned no task). */
  result(): SearchResult {
    return {
      chosen: this.incumbent(),
      simulations: this.simulations,
      grid: this.designs.length * this.repeat,
      budgetReached: this.budgetReached,
      designs: this.designs,
    };
  }

  /** A design in words: `p7 (linkGbps=100, oversub=2)`. */
  static label(d: DesignState): string {
    return `p${d.point.index} (${formatValues(d.point.values)})`;
  }
}

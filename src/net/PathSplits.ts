// PathSplits: the weighted splits (WCMP) a traffic-engineering controller installs per pair of endpoints, and the smooth weighted round-robin that deals new flows over them.
import type { Path } from "./kShortestPaths.js";

/** One installed split: candidate paths between two endpoints and their weights. */
interface Split {
  paths: Path[];
  weights: number[];
  /** Smooth weighted round-robin state, one entry per path. */
  current: number[];
}

/**
 * The splits installed for pairs of traffic-engineering endpoints (site borders), keyed by
 * `a × nodeCount + b`. Written only by the controller ({@link set}); read by the run when it
 * routes a new flow or reroutes one after a failure ({@link pick}). So the split in force
 * has one owner, and a flow's current route has another (FlowNetwork.routeOf).
 *
 * New flows are dealt by smooth weighted round-robin (the algorithm of nginx's upstream
 * balancer): each pick adds every usable path's weight to its counter, takes the path with
 * the largest counter (ties: the lower index, i.e. the shorter path) and subtracts the
 * usable weights' sum from it. Over any run of picks each path's share is within one flow
 * of weight ÷ Σ weights, deterministically and without random draws. A path crossing a
 * channel the router treats as failed is skipped (its weight spread over the others, as a
 * switch prunes a dead member of a WCMP group) until the controller installs a new split.
 */
export class PathSplits {
  private readonly splits = new Map<number, Split>();

  /** Number of pairs with a split. */
  get size(): number {
    return this.splits.size;
  }

  /** Install `weights` (≥ 0, same length as `paths`) for the pair `key`; restarts its round-robin. */
  set(key: number, paths: Path[], weights: number[]): void {
    this.splits.set(key, { paths, weights: weights.slice(), current: weights.map(() => 0) });
  }

  /** Remove the pair's split (its new flows take their ECMP route again). */
  delete(key: number): void {
    this.splits.delete(key);
  }

  /** The pair's installed paths and weights, or undefined. */
  get(key: number): { paths: readonly Path[]; weights: readonly number[] } | undefined {
    return this.splits.get(key);
  }

  /**
   * The path the pair's next flow takes, or null when the pair has no split or no usable
   * path with a weight > 0. `usable(path)` says whether every channel of a path is up.
   */
  pick(key: number, usable: (path: Path) => boolean): Path | null {
    const s = this.splits.get(key);
    if (!s) return null;
    let total = 0;
    let best = -1;
    for (let i = 0; i < s.paths.length; i++) {
      if (!(s.weights[i] > 0) || !usable(s.paths[i])) continue;
      s.current[i] += s.weights[i];
      total += s.weights[i];
      if (best < 0 || s.current[i] > s.current[best]) best = i;
    }
    if (best < 0) return null;
    s.current[best] -= total;
    return s.paths[best];
  }
}

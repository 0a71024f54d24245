// FlowBounds: per flow, which bottleneck bound it for how long, kept from the network's rate changes (FlowRecorder's, in the simulation's thread or a recorder worker).
import { grown } from "../core/grown.js";
import type { RateChanges } from "../net/RateChanges.js";
import { BoundTimeLists } from "./BoundTimeLists.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";

/** Layout of a flow's values in `state`: since when its current bottleneck binds (s), first bound-time entry. */
const SINCE_S = 0;
const TIMES = 1;
const STRIDE = 2;

/** What {@link FlowBounds.ratesChanged} asks of the network: a flow's cap in force (only whether it is 0 matters). */
export interface FlowCaps {
  capOf(flow: number): number;
}

/** A FlowBounds' state as plain typed arrays ({@link FlowBounds.state}, {@link FlowBounds.from}), to hand it from one thread to another. */
export interface FlowBoundsState {
  current: Int32Array;
  state: Float64Array;
  entries: Float64Array;
  entryCount: number;
}

/**
 * The bottleneck part of {@link FlowRecorder}: for every flow, the bottleneck binding it now and
 * since when, and, for the flows bound by more than one in turn, the seconds each bound it
 * ({@link BoundTimeLists}). The time between two rate changes of a flow goes to the bottleneck
 * reported at the first of them; the final r → 0 change with no bottleneck at completion closes
 * the flow's last interval (unless a zero cap really binds).
 *
 * Cost: 4 bytes (current bottleneck) and 16 (since-time and first bound-time entry side by
 * side) per flow, and 24 bytes per (flow, bottleneck) for the flows ever bound by more than one,
 * reserved three at a time. Two thirds of rate changes leave a flow's bottleneck as it was
 * (k=16 fat-tree, web-search) and read only the 4 bytes of {@link current}.
 */
export class FlowBounds {
  /** Per flow, its current (or only) bottleneck (NEVER_ACTIVE before its first rate). */
  private current: Int32Array;
  /** Per flow, {@link STRIDE} doubles: when its current bottleneck started binding (s), its first bound-time entry (−1 while bound by one only). */
  private state: Float64Array;
  private readonly lists: BoundTimeLists;

  constructor(from?: FlowBoundsState) {
    this.current = from ? from.current : new Int32Array(1024);
    this.state = from ? from.state : new Float64Array(1024 * STRIDE);
    this.lists = from ? BoundTimeLists.from(from.entries, from.entryCount) : new BoundTimeLists();
  }

  /** Make room for flows 0 … `n` − 1 (doubling). */
  private reserve(n: number): void {
    if (n > this.current.length) {
      const size = Math.max(n, 2 * this.current.length);
      this.current = grown(this.current, size);
      this.state = grown(this.state, size * STRIDE);
    }
  }

  /** Flow `flow` starts at `nowS`: not active yet. */
  started(flow: number, nowS: number): void {
    this.reserve(flow + 1);
    const o = flow * STRIDE;
    this.current[flow] = NEVER_ACTIVE;
    this.state[o + SINCE_S] = nowS;
    this.state[o + TIMES] = -1;
  }

  /** Account one batch of rate changes (every flow in it started). */
  ratesChanged(changes: RateChanges, caps: FlowCaps): void {
    const nowS = changes.nowS;
    const { flows, newRatesBps, bottlenecks } = changes;
    const st = this.state;
    const cur = this.current;
    for (let k = 0, n = changes.count; k < n; k++) {
      const flow = flows[k];
      const bottleneck = bottlenecks[k];
      const current = cur[flow];
      // The same bottleneck as before (never NEVER_ACTIVE), and not an r → 0 that may be the completion: nothing to record.
      if (bottleneck === current && (bottleneck !== CAP_BOUND || newRatesBps[k] !== 0)) continue;
      // r → 0 with no bottleneck is the completion (unless a zero cap really binds).
      const completing = newRatesBps[k] === 0 && bottleneck === CAP_BOUND && caps.capOf(flow) !== 0;
      const o = flow * STRIDE;
      if (current === NEVER_ACTIVE) {
        if (completing) continue;
        cur[flow] = bottleneck;
        st[o + SINCE_S] = nowS;
        continue;
      }
      const times = st[o + TIMES];
      if (completing) {
        // A flow bound by one bottleneck keeps its since-time: it was bound from then to its finish.
        if (times >= 0) {
          this.lists.add(times, current, nowS - st[o + SINCE_S]);
          st[o + SINCE_S] = nowS;
        }
        continue;
      }
      if (bottleneck === current) continue;
      const boundS = nowS - st[o + SINCE_S];
      if (times >= 0) this.lists.add(times, current, boundS);
      else if (boundS > 0) st[o + TIMES] = this.lists.create(current, boundS);
      cur[flow] = bottleneck;
      st[o + SINCE_S] = nowS;
    }
  }

  /**
   * The bottleneck that bound a flow longest: a resource id, {@link CAP_BOUND}, or
   * {@link NEVER_ACTIVE}; ties go to the one that bound it first. `finishS`: when it finished
   * (NaN while unfinished, then bound by its current one until `horizonS`).
   */
  bottleneckOf(flow: number, finishS: number, horizonS: number): number {
    const o = flow * STRIDE;
    const times = this.state[o + TIMES];
    const current = this.current[flow];
    if (times < 0) return current;
    const open = Number.isNaN(finishS) ? Math.max(0, horizonS - this.state[o + SINCE_S]) : 0;
    return this.lists.longest(times, current, open, NEVER_ACTIVE);
  }

  /** Call `fn(bottleneck, seconds)` for every bottleneck that bound `flow`, as FlowRecorder.forEachBound. */
  forEachBound(flow: number, finishS: number, horizonS: number, fn: (bottleneck: number, seconds: number) => void): void {
    const o = flow * STRIDE;
    const current = this.current[flow];
    if (current === NEVER_ACTIVE) return;
    const open = Math.max(0, (Number.isNaN(finishS) ? horizonS : finishS) - this.state[o + SINCE_S]);
    const times = this.state[o + TIMES];
    if (times < 0) {
      fn(current, open);
      return;
    }
    this.lists.forEach(times, current, Number.isNaN(finishS), open, fn);
  }

  /** Its state as typed arrays (shared, not copied: hand them over, then stop using this). */
  get handOver(): FlowBoundsState {
    return { current: this.current, state: this.state, entries: this.lists.entryArray, entryCount: this.lists.entriesUsed };
  }
}

// RateChanges: the rate changes of one instant handed to observers at once — flows, old and new rates and bottlenecks side by side in typed arrays.
import { grown } from "../core/grown.js";

/**
 * The rate changes a {@link FlowNetwork} reports to its observers (`FlowObserver.rateChanged`
 * one at a time, `FlowObserver.ratesChanged` all of a solve's at once): change `i < count` is
 * flow `flows[i]` going from `oldRatesBps[i]` to `newRatesBps[i]` with bottleneck
 * `bottlenecks[i]` (a resource id, or -1 for none: at its own cap, or stopped), at time `nowS`,
 * in the order the network applied them. Observers get this object and an index, never the
 * numbers themselves: a call that V8 does not inline passes each double as a new heap number,
 * and the 20,000-flow k=16 run makes ~275,000 changes (14 MB of them when the rates and the
 * time were arguments).
 *
 * Each of a flow's changes starts from the rate its last one went to (0 before its first, and
 * again after one to 0: it stopped, failed or left its route), so an observer can tell a flow's
 * first change after a stop by its old rate alone (OffloadedResourceRecorder does).
 *
 * The arrays are the network's and are overwritten by its next report: read them during the
 * call only.
 */
export class RateChanges {
  /** Changes held (the first `count` entries of each array). */
  count = 0;
  /** When they happened, seconds. */
  nowS = 0;
  flows = new Int32Array(0);
  oldRatesBps = new Float64Array(0);
  newRatesBps = new Float64Array(0);
  bottlenecks = new Int32Array(0);

  constructor(room = 16) {
    this.reserve(room);
  }

  /** Room for `n` changes (kept when already there). */
  reserve(n: number): void {
    if (n <= this.flows.length) return;
    const size = Math.max(n, 2 * this.flows.length);
    this.flows = grown(this.flows, size);
    this.oldRatesBps = grown(this.oldRatesBps, size);
    this.newRatesBps = grown(this.newRatesBps, size);
    this.bottlenecks = grown(this.bottlenecks, size);
  }
}

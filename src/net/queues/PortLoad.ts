// PortLoad: the max-min rates of the queue-building flows crossing each resource now (their number, sum and sum of squares), kept as their rates change.
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../FlowNetwork.js";

/**
 * Per resource, the rates of {@link QueueState}'s registered flows crossing it now, summed
 * (bytes/s): its load under the max-min allocation, bound there or elsewhere. Each rate change
 * moves the flow's rate on every resource of its route (a rerouted flow's rate goes to 0 on
 * its old route before the new one is in force, so the route read at each change is the one
 * the rate was on).
 */
export class PortLoad {
  /** Per flow: the rate it adds now to every resource of its route, bytes/s. */
  private rateOf = new Float64Array(0);
  /** Per resource: the rates crossing it, summed, bytes/s. */
  private readonly load: Float64Array;
  /** Per resource: the squares of the rates crossing it, summed, (bytes/s)². */
  private readonly squares: Float64Array;
  /** Per resource: how many flows of rate > 0 cross it. */
  private readonly flows: Int32Array;

  constructor(
    private readonly network: FlowNetwork,
    resourceCount: number,
  ) {
    this.load = new Float64Array(resourceCount);
    this.squares = new Float64Array(resourceCount);
    this.flows = new Int32Array(resourceCount);
  }

  /** Make room for flows 0 … `n` − 1. */
  growFlows(n: number): void {
    this.rateOf = grown(this.rateOf, n);
  }

  /** Flow `flow` now drains at `rateBps` (0: stopped) on its route. */
  move(flow: number, rateBps: number): void {
    const rate = rateBps > 0 ? rateBps : 0;
    const old = this.rateOf[flow];
    const delta = rate - old;
    if (delta === 0) return;
    this.rateOf[flow] = rate;
    const deltaSquare = rate * rate - old * old;
    const counted = (rate > 0 ? 1 : 0) - (old > 0 ? 1 : 0);
    const res = this.network.routeOf(flow).resources;
    const load = this.load;
    const squares = this.squares;
    const flows = this.flows;
    for (let i = 0; i < res.length; i++) {
      const r = res[i];
      const n = (flows[r] += counted);
      // The last flow leaving takes its own rate back off: what rounding leaves is no load.
      const l = load[r] + delta;
      load[r] = n > 0 && l > 1e-3 ? l : 0;
      squares[r] = n > 0 ? squares[r] + deltaSquare : 0;
    }
  }

  /** The rates crossing resource `r` now, summed, bytes/s. */
  loadBps(r: number): number {
    return this.load[r];
  }

  /** How many flows of rate > 0 cross resource `r` now. */
  flowCount(r: number): number {
    return this.flows[r];
  }

  /**
   * The number of equal-rate flows whose arrivals at `r` vary as its flows' do: (Σr)² / Σr²
   * (between 1 and {@link flowCount}; equal to it where the rates are equal; 0 where none
   * crosses). In a window shorter than each flow's packet interval, flow i of packet rate r_i
   * brings a packet with probability r_i·t: the count's mean is Σr_i·t and its variance
   * Σr_i·t − t²Σr_i²; N equal flows of the same sum give Σr·t − t²(Σr)²/N, the same at N = (Σr)²/Σr².
   */
  equivalentFlows(r: number): number {
    const n = this.flows[r];
    if (n <= 1) return n;
    const l = this.load[r];
    const q = this.squares[r];
    const e = q > 0 ? (l * l) / q : n;
    return e < 1 ? 1 : e > n ? n : e;
  }
}

// SharingEngine: the stateful contract between the flow network and a max-min solver.

/**
 * Keeps the active flows and their rates; the flow network tells it what changed and asks
 * it to re-solve. Flows are identified by caller-chosen small integers.
 */
export interface SharingEngine {
  /** Add a flow crossing `resources` with a max-min `weight` and a rate cap (Infinity for none). */
  addFlow(flow: number, resources: Int32Array, weight: number, capBps: number): void;
  /** Remove an active flow. */
  removeFlow(flow: number): void;
  /** Change a resource's capacity (a link upgrade, degradation or failure at 0). */
  setCapacity(resource: number, capacityBps: number): void;
  /** The capacity in force of a resource: the one given at construction or by the last {@link setCapacity}, bytes/s. */
  capacityOf(resource: number): number;
  /**
   * Change a flow's rate cap (Infinity for none). Returns whether the change may move a rate
   * that the next {@link solve} would not otherwise recompute: false lets the caller skip a
   * solve it would ask for only on this change's account (the cap is kept all the same).
   */
  setFlowCap(flow: number, capBps: number): boolean;
  /** Change a flow's weight. */
  setFlowWeight(flow: number, weight: number): void;
  /**
   * Bring rates up to date with every change since the last call. Returns how many active
   * flows now have a different rate; their ids are `changedFlows()[0 … n)`.
   */
  solve(): number;
  /** Ids of the flows whose rate changed in the last {@link solve}. */
  changedFlows(): Int32Array;
  /**
   * {@link rateBps} of `changedFlows()[i]`, for `i` below the last {@link solve}'s count
   * and while that flow stays active: the engine finds it by its place in the list, where
   * rateBps finds it by its id (at 10⁶ flows a load from a table as long as the ids).
   */
  changedRateBps(i: number): number;
  /** {@link bottleneck} of `changedFlows()[i]`, on the terms of {@link changedRateBps}. */
  changedBottleneck(i: number): number;
  /** Current rate of an active flow, bytes/s. */
  rateBps(flow: number): number;
  /** The resource that limits an active flow, or -1 when its own cap does. */
  bottleneck(flow: number): number;
}

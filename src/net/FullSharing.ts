// FullSharing: a SharingEngine that re-solves every active flow from scratch — the simple reference.
import { bottleneckAmongTies } from "./bottleneckAmongTies.js";
import { maxMinRates } from "./maxMinRates.js";
import { reportedRateMoved } from "./reportedRateMoved.js";
import { saturatedShare } from "./saturatedShare.js";
import type { SharingEngine } from "./SharingEngine.js";

/**
 * Recomputes all rates with {@link maxMinRates} on every solve. Exact and simple; cost
 * grows with the number of active flows, so it serves as the oracle for the incremental
 * engine and as a fallback for small runs.
 */
export class FullSharing implements SharingEngine {
  private readonly capacity: Float64Array;
  private readonly active: number[] = [];
  private readonly position = new Map<number, number>();
  private readonly routes = new Map<number, Int32Array>();
  private readonly weights = new Map<number, number>();
  private readonly caps = new Map<number, number>();
  private readonly rates = new Map<number, number>();
  private readonly bottlenecks = new Map<number, number>();
  private changed = new Int32Array(16);
  private dirty = false;

  constructor(capacityBps: Float64Array) {
    this.capacity = Float64Array.from(capacityBps);
  }

  addFlow(flow: number, resources: Int32Array, weight: number, capBps: number): void {
    if (this.position.has(flow)) throw new Error(`FullSharing.addFlow: flow ${flow} is already active`);
    for (const r of resources) {
      if (!(r >= 0 && r < this.capacity.length)) {
        throw new Error(`FullSharing.addFlow: flow ${flow} crosses resource ${r}, expected 0 … ${this.capacity.length - 1}`);
      }
    }
    this.position.set(flow, this.active.length);
    this.active.push(flow);
    this.routes.set(flow, resources);
    this.weights.set(flow, weight);
    this.caps.set(flow, capBps);
    this.rates.set(flow, 0);
    this.bottlenecks.set(flow, -1);
    this.dirty = true;
  }

  removeFlow(flow: number): void {
    const i = this.position.get(flow);
    if (i === undefined) throw new Error(`FullSharing.removeFlow: flow ${flow} is not active`);
    const last = this.active.pop()!;
    if (last !== flow) {
      this.active[i] = last;
      this.position.set(last, i);
    }
    for (const m of [this.position, this.routes, this.weights, this.caps, this.rates, this.bottlenecks]) m.delete(flow);
    this.dirty = true;
  }

  setCapacity(resource: number, capacityBps: number): void {
    this.capacity[resource] = capacityBps;
    this.dirty = true;
  }

  capacityOf(resource: number): number {
    return this.capacity[resource];
  }

  setFlowCap(flow: number, capBps: number): boolean {
    if (!this.position.has(flow)) throw new Error(`FullSharing.setFlowCap: flow ${flow} is not active`);
    this.caps.set(flow, capBps);
    this.dirty = true;
    return true;
  }

  setFlowWeight(flow: number, weight: number): void {
    if (!this.position.has(flow)) throw new Error(`FullSharing.setFlowWeight: flow ${flow} is not active`);
    this.weights.set(flow, weight);
    this.dirty = true;
  }

  solve(): number {
    if (!this.dirty) return 0;
    this.dirty = false;
    const F = this.active.length;
    const routeStart = new Int32Array(F + 1);
    for (let i = 0; i < F; i++) routeStart[i + 1] = routeStart[i] + this.routes.get(this.active[i])!.length;
    const routeResources = new Int32Array(routeStart[F]);
    const weight = new Float64Array(F);
    const capBps = new Float64Array(F);
    for (let i = 0; i < F; i++) {
      const f = this.active[i];
      routeResources.set(this.routes.get(f)!, routeStart[i]);
      weight[i] = this.weights.get(f)!;
      capBps[i] = this.caps.get(f)!;
    }
    const sol = maxMinRates({ capacityBps: this.capacity, flowCount: F, routeStart, routeResources, weight, capBps });
    if (this.changed.length < F) this.changed = new Int32Array(F * 2);
    // Ties between bottlenecks go to the first binding resource along the route (bottleneckAmongTies).
    const R = this.capacity.length;
    const load = new Float64Array(R);
    const top = new Float64Array(R);
    for (let i = 0; i < F; i++) {
      const x = sol.rateBps[i] / weight[i];
      for (let k = routeStart[i]; k < routeStart[i + 1]; k++) {
        const r = routeResources[k];
        load[r] += sol.rateBps[i];
        if (x > top[r]) top[r] = x;
      }
    }
    for (let r = 0; r < R; r++) top[r] = saturatedShare(load[r], this.capacity[r], top[r]);
    let n = 0;
    for (let i = 0; i < F; i++) {
      const f = this.active[i];
      const rate = sol.rateBps[i];
      const b = bottleneckAmongTies(routeResources, routeStart[i], routeStart[i + 1] - routeStart[i], rate / weight[i], rate, capBps[i], top, sol.bottleneck[i]);
      this.bottlenecks.set(f, b);
      // Reported as changed, with its bottleneck, by IncrementalSharing's rule: the same reports from both engines.
      const old = this.rates.get(f);
      if (old === undefined || reportedRateMoved(old, rate)) {
        this.rates.set(f, rate);
        this.changed[n++] = f;
      }
    }
    return n;
  }

  changedFlows(): Int32Array {
    return this.changed;
  }

  changedRateBps(i: number): number {
    return this.rateBps(this.changed[i]);
  }

  changedBottleneck(i: number): number {
    return this.bottleneck(this.changed[i]);
  }

  rateBps(flow: number): number {
    return this.rates.get(flow) ?? 0;
  }

  /** The flow's bottleneck; among tied ones, the first along its route ({@link bottleneckAmongTies}). */
  bottleneck(flow: number): number {
    return this.bottlenecks.get(flow) ?? -1;
  }
}

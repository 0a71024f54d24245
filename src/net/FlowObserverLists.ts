// FlowObserverLists: a FlowNetwork's observers sorted by the callbacks they have, and the rate changes it tells them.
import { RateChanges } from "./RateChanges.js";
import type { FlowObserver } from "./FlowObserver.js";

/**
 * The observers of one {@link FlowNetwork}, each callback kind in a list of its own in
 * subscription order, so the network's per-event loops call only those that have it; and the
 * {@link RateChanges} it hands them. The network reads the lists directly in its loops (no
 * call per event is added by keeping them here).
 */
export class FlowObserverLists {
  /** Every observer, for the rare callbacks (capacityChanged, flowRerouted, flowFailed): looked up as optional methods. */
  readonly all: FlowObserver[] = [];
  /**
   * The observers that take each rate change (`rateChanged`), in subscription order: called for
   * every rate change of every solve (hundreds of thousands in a 20,000-flow run), as methods of
   * these few (the queues, a transport's flows: at most a class or two, whose methods the
   * compiler can inline here), not as bound functions (each call a trip through the bound
   * function's trampoline) or as methods looked up among observers of many classes (a
   * megamorphic load).
   */
  readonly rate: Array<Required<Pick<FlowObserver, "rateChanged">>> = [];
  /** The observers' ratesChanged, flowActivated and solved, bound, in subscription order. */
  readonly batch: Array<NonNullable<FlowObserver["ratesChanged"]>> = [];
  readonly activated: Array<NonNullable<FlowObserver["flowActivated"]>> = [];
  readonly solved: Array<NonNullable<FlowObserver["solved"]>> = [];
  /**
   * The observers' flowStarted and flowCompleted, bound, in subscription order: called once per
   * flow each, where a loop over every observer's optional method was a megamorphic lookup per
   * observer (the queues, the recorders and a transport's flows are each of their own class).
   */
  readonly started: Array<NonNullable<FlowObserver["flowStarted"]>> = [];
  readonly completed: Array<NonNullable<FlowObserver["flowCompleted"]>> = [];
  /** A solve's changes for {@link batch} (room for every active flow: it grows when a flow activates, not in solve). */
  readonly changes = new RateChanges();
  /** The one change of a completion, failure or reroute (apart from {@link changes}: one may come while a solve's are gathered). */
  private readonly change = new RateChanges(1);

  /** Subscribe `observer` to each callback it has. */
  add(observer: FlowObserver): void {
    this.all.push(observer);
    if (observer.rateChanged) this.rate.push(observer as Required<Pick<FlowObserver, "rateChanged">>);
    if (observer.ratesChanged) this.batch.push(observer.ratesChanged.bind(observer));
    if (observer.flowActivated) this.activated.push(observer.flowActivated.bind(observer));
    if (observer.flowStarted) this.started.push(observer.flowStarted.bind(observer));
    if (observer.flowCompleted) this.completed.push(observer.flowCompleted.bind(observer));
    if (observer.solved) this.solved.push(observer.solved.bind(observer));
  }

  /** Hand the solve's changes gathered so far to the observers taking batches, and empty them. */
  tellChanges(): void {
    const batch = this.batch;
    for (let i = 0; i < batch.length; i++) batch[i](this.changes);
    this.changes.count = 0;
  }

  /** Tell every observer that flow `f`'s rate changed, outside a solve (those taking each change first, then those taking batches). */
  tellRate(f: number, oldRateBps: number, newRateBps: number, bottleneck: number, nowS: number): void {
    // Called from an observer during a solve (none does so today): the solve's changes so far go first.
    if (this.changes.count > 0) this.tellChanges();
    const change = this.change;
    change.flows[0] = f;
    change.oldRatesBps[0] = oldRateBps;
    change.newRatesBps[0] = newRateBps;
    change.bottlenecks[0] = bottleneck;
    change.count = 1;
    change.nowS = nowS;
    const observers = this.rate;
    for (let i = 0; i < observers.length; i++) observers[i].rateChanged(change, 0);
    const batch = this.batch;
    for (let i = 0; i < batch.length; i++) batch[i](change);
  }
}

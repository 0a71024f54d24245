// FlowObserver: what watches a FlowNetwork's flows without driving them (reports, time series, transports' bookkeeping).
import type { FlowNetwork } from "./FlowNetwork.js";
import type { RateChanges } from "./RateChanges.js";
import type { Route } from "./Router.js";

/** Watches flows without driving them (reports, time series). */
export interface FlowObserver {
  /** A flow was started (request time). */
  flowStarted?(flow: number, nowS: number): void;
  /**
   * A flow's first byte arrived: it drains from now on (it has joined the sharing engine and a
   * solve at this instant is asked for, not yet run). Called within the activation's event, so
   * what an observer does here comes before any other event of the instant, as an event it had
   * scheduled for this time right behind the activation would (a transport's first flight).
   */
  flowActivated?(flow: number, nowS: number): void;
  /**
   * A flow's rate changed (including 0 → r when it becomes active and r → 0 when it completes):
   * change `i` of `changes` ({@link RateChanges}: the flow, its old and new rate, its bottleneck,
   * the time), called once per change as the network applies it. For observers that act on the
   * run (a transport scheduling its next round, whose events take their order from the call);
   * an observer that only records implements {@link ratesChanged} instead.
   */
  rateChanged?(changes: RateChanges, i: number): void;
  /**
   * The same changes as {@link rateChanged}, handed over at once: all of one solve's (its
   * `changes.count`), after the network has applied them and before `solved`, or the one
   * change of a completion, failure or reroute. For observers that only record (the reports):
   * they must not change the network. Read `changes` during the call only.
   */
  ratesChanged?(changes: RateChanges): void;
  /** A flow's last byte was delivered. */
  flowCompleted?(flow: number, nowS: number): void;
  /** A flow was given up ({@link FlowNetwork.fail}); its rate was already reported as 0. */
  flowFailed?(flow: number, nowS: number): void;
  /**
   * A flow moved to another route ({@link FlowNetwork.reroute}): its rate was already
   * reported as r → 0 on `oldRoute`, and `routeOf` now returns the new one.
   */
  flowRerouted?(flow: number, oldRoute: Route, nowS: number): void;
  /**
   * A resource's capacity changed ({@link FlowNetwork.setCapacity}) from `oldCapacityBps`
   * to `newCapacityBps`; `capacityOf` already returns the new value.
   */
  capacityChanged?(resource: number, oldCapacityBps: number, newCapacityBps: number, nowS: number): void;
  /** A solve ended: every rate change of this instant has been reported. */
  solved?(nowS: number): void;
}

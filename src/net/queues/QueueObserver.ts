// QueueObserver: what a report watching the queues of QueueState is told (a standing queue changed, all of an instant's changes made, packets dropped or marked).
import type { Sawtooth } from "./Sawtooth.js";

/** Watches the queues (reports). */
export interface QueueObserver {
  /** Resource `resource`'s standing queue changed to `sawtooth` at `nowS`. */
  queueChanged(resource: number, sawtooth: Sawtooth, nowS: number): void;
  /** `packets` packets were dropped at `resource` (buffer overflow) at `nowS`. */
  dropped?(resource: number, packets: number, nowS: number): void;
  /** `packets` packets were marked at `resource` by a transient burst (beyond a sawtooth's steady marking) at `nowS`. */
  marked?(resource: number, packets: number, nowS: number): void;
  /**
   * Every queue changed since the last call has been recomputed and told ({@link queueChanged}):
   * at the end of a solve's recomputations, or right after one queue set outside a solve (a
   * DCTCP α, a flight, a tracked window). An observer that acts on the queues of several
   * resources together reads them here, all in their new state, not half way.
   */
  queuesSettled?(nowS: number): void;
}

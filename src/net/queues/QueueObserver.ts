// QueueObserver: what a report watching the queues of QueueState is told (a standing queue changed, packets dropped or marked).
import type { Sawtooth } from "./Sawtooth.js";

/** Watches the queues (reports). */
export interface QueueObserver {
  /** Resource `resource`'s standing queue changed to `sawtooth` at `nowS`. */
  queueChanged(resource: number, sawtooth: Sawtooth, nowS: number): void;
  /** `packets` packets were dropped at `resource` (buffer overflow) at `nowS`. */
  dropped?(resource: number, packets: number, nowS: number): void;
  /** `packets` packets were marked at `resource` by a transient burst (beyond a sawtooth's steady marking) at `nowS`. */
  marked?(resource: number, packets: number, nowS: number): void;
}

// TransferTracker: starts a job's transfers and measures the wall time during which at least one is in progress.
import type { TransferRequest, TransferResult, WorkloadContext } from "../Workload.js";

/**
 * Every transfer of one job goes through here, so the job knows its communication time:
 * the union of the intervals [request, last byte delivered] of its transfers.
 */
export class TransferTracker {
  private active = 0;
  private busySinceS = 0;
  private busyTotalS = 0;

  constructor(readonly ctx: WorkloadContext) {}

  /** Start `request` now, push its flow number onto `flows`, call `onDone` when its last byte is delivered. */
  start(request: TransferRequest, flows: number[], onDone: () => void): void {
    this.began();
    const flow = this.ctx.startTransfer(request, () => {
      this.ended();
      onDone();
    });
    flows.push(flow);
  }

  /**
   * A completion callback for many transfers, for {@link startShared}: it counts each
   * transfer's end, then calls `onDone`, which tells them apart by `result.flow`. Make it
   * once per caller (a ring), so no function is made per transfer.
   */
  sharedCallback(onDone: (result: TransferResult) => void): (result: TransferResult) => void {
    return (result) => {
      this.ended();
      onDone(result);
    };
  }

  /** {@link start} with a callback made by {@link sharedCallback}; returns the flow number (also pushed onto `flows`). */
  startShared(request: TransferRequest, flows: number[], done: (result: TransferResult) => void): number {
    this.began();
    const flow = this.ctx.startTransfer(request, done);
    flows.push(flow);
    return flow;
  }

  /** Seconds so far during which at least one transfer was in progress (the current spell counted up to now). */
  busyS(): number {
    return this.busyTotalS + (this.active > 0 ? this.ctx.nowS() - this.busySinceS : 0);
  }

  private began(): void {
    if (this.active++ === 0) this.busySinceS = this.ctx.nowS();
  }

  private ended(): void {
    if (--this.active === 0) this.busyTotalS += this.ctx.nowS() - this.busySinceS;
  }
}

// TransferTracker: starts a job's transfers and measures the wall time during which at least one is in progress.
import type { TransferRequest, WorkloadContext } from "../Workload.js";

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
    if (this.active++ === 0) this.busySinceS = this.ctx.nowS();
    const flow = this.ctx.startTransfer(request, () => {
      if (--this.active === 0) this.busyTotalS += this.ctx.nowS() - this.busySinceS;
      onDone();
    });
    flows.push(flow);
  }

  /** Seconds so far during which at least one transfer was in progress (the current spell counted up to now). */
  busyS(): number {
    return this.busyTotalS + (this.active > 0 ? this.ctx.nowS() - this.busySinceS : 0);
  }
}

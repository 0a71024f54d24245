// TransferWorkload: one bulk transfer at a given time, optionally repeated at a fixed period.
import { InputError } from "../core/InputError.js";
import type { TransferRequest, Workload, WorkloadContext } from "./Workload.js";
import type { TransferSpec } from "./specs.js";

/**
 * Starts `spec`'s transfer at `startS`, and if `repeat` is given `repeat.count` times in
 * all, at startS + k·everyS for k = 0..count−1. The flow id is `spec.id`, or
 * `transfer<index>` without one; the k-th repeat (k ≥ 1) is `<id>#<k>`.
 */
export class TransferWorkload implements Workload {
  /** The base flow id, also the workload's name. */
  readonly name: string;

  /**
   * @param spec the transfer, in engine units.
   * @param index the workload's position in the scenario, naming it when `spec.id` is absent.
   * @throws InputError on a negative start, a size ≤ 0, or a repeat count below 1 or a
   * negative period.
   */
  constructor(
    readonly spec: TransferSpec,
    index: number,
  ) {
    this.name = spec.id ?? `transfer${index}`;
    if (!(Number.isFinite(spec.startS) && spec.startS >= 0)) {
      throw new InputError(`transfer ${this.name}: startS must be ≥ 0, found ${spec.startS}`);
    }
    if (!(Number.isFinite(spec.sizeBytes) && spec.sizeBytes >= 0)) {
      throw new InputError(`transfer ${this.name}: size must be ≥ 0 bytes, found ${spec.sizeBytes}`);
    }
    const r = spec.repeat;
    if (r && !(Number.isInteger(r.count) && r.count >= 1)) {
      throw new InputError(`transfer ${this.name}: repeat.count must be a whole number ≥ 1, found ${r.count}`);
    }
    if (r && !(Number.isFinite(r.everyS) && r.everyS >= 0)) {
      throw new InputError(`transfer ${this.name}: repeat.everyS must be ≥ 0, found ${r.everyS}`);
    }
  }

  start(ctx: WorkloadContext): void {
    const count = this.spec.repeat?.count ?? 1;
    const everyS = this.spec.repeat?.everyS ?? 0;
    // Each start schedules the next, so a long repeat keeps one pending event, not count.
    const fire = (k: number) => {
      ctx.startTransfer(this.request(k));
      if (k + 1 < count) ctx.schedule(this.spec.startS + (k + 1) * everyS, () => fire(k + 1));
    };
    ctx.schedule(this.spec.startS, () => fire(0));
  }

  private request(k: number): TransferRequest {
    const s = this.spec;
    const req: TransferRequest = { id: k === 0 ? this.name : `${this.name}#${k}`, src: s.src, dst: s.dst, sizeBytes: s.sizeBytes };
    if (s.path !== undefined) req.path = s.path;
    if (s.weight !== undefined) req.weight = s.weight;
    if (s.capBps !== undefined) req.capBps = s.capBps;
    return req;
  }
}

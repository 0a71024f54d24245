// TransferWorkload: one bulk transfer at a given time, optionally repeated at a fixed period.
import { InputError } from "../core/InputError.js";
import type { TransferRequest, Workload, WorkloadContext } from "./Workload.js";
import type { TransferSpec } from "./specs.js";

/** The node numbers of pinned paths by workload index, resolved before the run (scenario's PinnedHops). */
export interface ResolvedPaths {
  of(index: number): ArrayLike<number> | undefined;
}

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
   * @param pinned where checkScenario put the node numbers of `spec.path` (at `index`), if it did.
   * @throws InputError on a negative start, a size ≤ 0, or a repeat count below 1 or a
   * negative period.
   */
  constructor(
    readonly spec: TransferSpec,
    private readonly index: number,
    private readonly pinned?: ResolvedPaths,
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
    ctx.schedule(this.spec.startS, () => this.fire(ctx, 0));
  }

  /** Start the k-th transfer; each start schedules the next, so a long repeat keeps one pending event, not count. */
  private fire(ctx: WorkloadContext, k: number): void {
    ctx.startTransfer(this.request(k));
    const r = this.spec.repeat;
    if (r && k + 1 < r.count) ctx.schedule(this.spec.startS + (k + 1) * r.everyS, () => this.fire(ctx, k + 1));
  }

  private request(k: number): TransferRequest {
    const s = this.spec;
    const req: TransferRequest = { id: k === 0 ? this.name : `${this.name}#${k}`, src: s.src, dst: s.dst, sizeBytes: s.sizeBytes };
    if (s.path !== undefined) {
      req.path = s.path;
      const hops = this.pinned?.of(this.index);
      if (hops) req.pathNodes = hops;
    }
    if (s.weight !== undefined) req.weight = s.weight;
    if (s.capBps !== undefined) req.capBps = s.capBps;
    return req;
  }
}

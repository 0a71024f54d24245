// A fake WorkloadContext for workload tests: a tiny clock that runs callbacks in time order and records transfers.
import { randomStream, type RandomStream } from "../../src/core/randomStream.js";
import type { PathInfo, TransferFailure, TransferRequest, TransferResult, WorkloadContext } from "../../src/workloads/Workload.js";

/** A transfer the workload started, with the time it started. */
export interface RecordedTransfer extends TransferRequest {
  atS: number;
}

/**
 * A clock without a network: `schedule` queues callbacks (its handle is the callback's
 * insertion number, which `cancel` takes), `run` fires them in (time, insertion) order with
 * their tags, `startTransfer` records the request (transfers never complete). `node(name)`
 * numbers names in order of first use, and a request's `srcNode`/`dstNode`, when given, must
 * be its names' numbers (the recorded request keeps the names only). `random(name)` derives from the seed, the workload name and `name`,
 * like the engine.
 */
export class FakeContext implements WorkloadContext {
  readonly transfers: RecordedTransfer[] = [];
  /** Names passed to `random`, in call order. */
  readonly streams: string[] = [];
  private now = 0;
  private seq = 0;
  private readonly pending: Array<{ atS: number; seq: number; fn: (tag: number) => void; tag: number }> = [];
  private readonly nodes = new Map<string, number>();

  constructor(
    readonly seed: number,
    readonly workloadName: string,
    /** Route costs by "src→dst"; pairs not listed are 0 s and 1 hop. */
    readonly paths: Record<string, PathInfo> = {},
  ) {}

  pathInfo(src: string, dst: string): PathInfo {
    return this.paths[`${src}→${dst}`] ?? { latencyS: 0, hops: 1 };
  }

  nowS(): number {
    return this.now;
  }

  schedule(atS: number, fn: (tag: number) => void, tag = 0): number {
    if (!(atS >= this.now)) throw new Error(`FakeContext.schedule: ${atS} is before now (${this.now})`);
    const item = { atS, seq: this.seq++, fn, tag };
    // Insert after every item with an earlier or equal time: equal times keep insertion order.
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pending[mid].atS <= atS) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, item);
    return item.seq;
  }

  cancel(handle: number): boolean {
    const i = this.pending.findIndex((p) => p.seq === handle);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  node(name: string): number {
    let n = this.nodes.get(name);
    if (n === undefined) this.nodes.set(name, (n = this.nodes.size));
    return n;
  }

  /** Records the request; returns its position in `transfers` as the flow number. */
  startTransfer(request: TransferRequest, _onComplete?: (result: TransferResult) => void, _onFailed?: (failure: TransferFailure) => void): number {
    for (const [name, n] of [[request.src, request.srcNode], [request.dst, request.dstNode]] as const) {
      if (n !== undefined && n !== this.node(name)) throw new Error(`FakeContext.startTransfer: node "${name}" is ${this.node(name)}, not ${n}`);
    }
    // Recorded by names only: the numbers, checked above, say nothing more.
    const { srcNode: _s, dstNode: _d, ...named } = request;
    return this.transfers.push({ ...named, atS: this.now }) - 1;
  }

  random(name: string): RandomStream {
    this.streams.push(name);
    return randomStream(this.seed, `${this.workloadName}/${name}`);
  }

  /** Fire every pending callback in time order (callbacks may schedule more). */
  run(): void {
    for (;;) {
      const next = this.pending.shift();
      if (!next) return;
      this.now = next.atS;
      next.fn(next.tag);
    }
  }
}

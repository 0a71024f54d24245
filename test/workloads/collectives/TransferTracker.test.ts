// Tests of TransferTracker: the job's communication time, and transfers completed through one shared callback.
import { describe, expect, it } from "vitest";
import { TransferTracker } from "../../../src/workloads/collectives/TransferTracker.js";
import type { TransferRequest, TransferResult, WorkloadContext } from "../../../src/workloads/Workload.js";

/** A context whose transfers complete when the test says, at the time it sets. */
function manualContext() {
  let now = 0;
  const callbacks: Array<((r: TransferResult) => void) | undefined> = [];
  const ids: string[] = [];
  const ctx: WorkloadContext = {
    nowS: () => now,
    schedule: () => 0,
    cancel: () => false,
    startTransfer: (request: TransferRequest, onComplete) => {
      ids.push(request.id);
      return callbacks.push(onComplete) - 1;
    },
    random: () => {
      throw new Error("unused");
    },
    pathInfo: () => ({ latencyS: 0, hops: 1 }),
    node: () => 0,
  };
  const complete = (flow: number, atS: number) => {
    now = atS;
    callbacks[flow]!({ id: ids[flow], startS: 0, finishS: atS, flow });
  };
  return { ctx, complete, setNow: (t: number) => (now = t) };
}

describe("TransferTracker", () => {
  it("serves many transfers with one callback, which tells them apart by flow number", () => {
    const { ctx, complete } = manualContext();
    const tracker = new TransferTracker(ctx);
    const seen: Array<[number, string]> = [];
    const done = tracker.sharedCallback((r) => seen.push([r.flow, r.id]));
    const flows: number[] = [];
    const a = tracker.startShared({ id: "a", src: "x", dst: "y", sizeBytes: 1 }, flows, done);
    const b = tracker.startShared({ id: "b", src: "y", dst: "x", sizeBytes: 1 }, flows, done);
    expect(flows).toEqual([a, b]);
    complete(b, 2);
    complete(a, 3);
    expect(seen).toEqual([
      [b, "b"],
      [a, "a"],
    ]);
    // Busy from 0 (first start) to 3 (last end).
    expect(tracker.busyS()).toBe(3);
  });

  it("counts the union of the intervals with a transfer in progress, whichever way they were started", () => {
    const { ctx, complete, setNow } = manualContext();
    const tracker = new TransferTracker(ctx);
    const flows: number[] = [];
    const done = tracker.sharedCallback(() => {});
    setNow(1);
    tracker.start({ id: "a", src: "x", dst: "y", sizeBytes: 1 }, flows, () => {});
    complete(0, 2);
    setNow(5);
    tracker.startShared({ id: "b", src: "x", dst: "y", sizeBytes: 1 }, flows, done);
    setNow(6);
    expect(tracker.busyS()).toBe(2);
    complete(1, 7.5);
    expect(tracker.busyS()).toBe(3.5);
  });
});

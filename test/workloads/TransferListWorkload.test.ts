// TransferListWorkload starts each row at its time (ties in list order), with its pinned path, keeping one timer pending.
import { describe, expect, it } from "vitest";
import type { TransferList } from "../../src/workloads/specs.js";
import type { TransferRequest } from "../../src/workloads/Workload.js";
import { TransferListWorkload } from "../../src/workloads/TransferListWorkload.js";
import { FakeContext } from "./fakeContext.js";

/** A FakeContext that counts the timers pending at once. */
class CountingContext extends FakeContext {
  waiting = 0;
  maxPending = 0;
  override schedule(atS: number, fn: (tag: number) => void, tag = 0): number {
    this.maxPending = Math.max(this.maxPending, ++this.waiting);
    return super.schedule(atS, () => {
      this.waiting--;
      fn(tag);
    });
  }
}

function list(rows: Array<[id: string, src: number, dst: number, sizeBytes: number, startS: number, path?: number[]]>): TransferList {
  const pathStart = new Int32Array(rows.length + 1);
  const hops: number[] = [];
  rows.forEach((r, i) => {
    hops.push(...(r[5] ?? []));
    pathStart[i + 1] = hops.length;
  });
  return {
    count: rows.length,
    ids: rows.map((r) => r[0]),
    nodes: ["a", "b", "s"],
    src: Int32Array.from(rows, (r) => r[1]),
    dst: Int32Array.from(rows, (r) => r[2]),
    sizeBytes: Float64Array.from(rows, (r) => r[3]),
    startS: Float64Array.from(rows, (r) => r[4]),
    ...(hops.length > 0 && { pathStart, pathNodes: Int32Array.from(hops) }),
  };
}

describe("TransferListWorkload", () => {
  it("starts rows in time order, rows of one instant in list order, each with its size and pinned path", () => {
    const ctx = new CountingContext(1, "trace");
    const w = new TransferListWorkload({
      kind: "transfers",
      name: "trace",
      list: list([
        ["late", 0, 1, 10, 2],
        ["first", 1, 0, 20, 0.5],
        ["tie1", 0, 1, 30, 1, [0, 2, 1]],
        ["tie2", 1, 0, 40, 1],
        ["zero", 0, 1, 0, 0],
      ]),
    });
    w.start(ctx);
    ctx.run();
    expect(ctx.transfers).toEqual([
      { id: "zero", src: "a", dst: "b", sizeBytes: 0, atS: 0 },
      { id: "first", src: "b", dst: "a", sizeBytes: 20, atS: 0.5 },
      { id: "tie1", src: "a", dst: "b", sizeBytes: 30, path: ["a", "s", "b"], atS: 1 },
      { id: "tie2", src: "b", dst: "a", sizeBytes: 40, atS: 1 },
      { id: "late", src: "a", dst: "b", sizeBytes: 10, atS: 2 },
    ]);
    // Four instants, one timer at a time.
    expect(ctx.maxPending).toBe(1);
  });

  it("keeps one timer pending for ten thousand rows in file order", () => {
    const ctx = new CountingContext(1, "trace");
    const rows = Array.from({ length: 10_000 }, (_, i): [string, number, number, number, number] => [`f${i}`, i % 2, 1 - (i % 2), 1, i * 1e-3]);
    new TransferListWorkload({ kind: "transfers", name: "trace", list: list(rows) }).start(ctx);
    ctx.run();
    expect(ctx.transfers.map((t) => t.id)).toEqual(rows.map((r) => r[0]));
    expect(ctx.maxPending).toBe(1);
  });

  it("numbers the list's nodes once, at start, and passes every row its node numbers", () => {
    const asked: string[] = [];
    const seen: Array<[number | undefined, number | undefined]> = [];
    const ctx = new (class extends FakeContext {
      override node(name: string): number {
        asked.push(name);
        // Numbered unlike the list (which numbers a, b, s as 0, 1, 2), so a list index passed as is shows.
        return { a: 7, b: 5, s: 9 }[name]!;
      }
      override startTransfer(request: TransferRequest): number {
        seen.push([request.srcNode, request.dstNode]);
        return super.startTransfer({ ...request, srcNode: undefined, dstNode: undefined });
      }
    })(1, "trace");
    new TransferListWorkload({ kind: "transfers", name: "trace", list: list([["f0", 0, 1, 1, 0], ["f1", 1, 0, 1, 1], ["f2", 1, 0, 1, 1]]) }).start(ctx);
    expect(asked).toEqual(["a", "b", "s"]);
    ctx.run();
    expect(asked.length).toBe(3);
    expect(seen).toEqual([[7, 5], [5, 7], [5, 7]]);
  });
});

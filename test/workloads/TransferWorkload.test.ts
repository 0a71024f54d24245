// Tests of TransferWorkload: start time, repeats, ids and the fields passed to the network.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { TransferWorkload } from "../../src/workloads/TransferWorkload.js";
import type { TransferSpec } from "../../src/workloads/specs.js";
import { FakeContext } from "./fakeContext.js";

const base: TransferSpec = { kind: "transfer", src: "a", dst: "b", sizeBytes: 1e9, startS: 2.5 };

function run(w: TransferWorkload): FakeContext {
  const ctx = new FakeContext(1, w.name);
  w.start(ctx);
  ctx.run();
  return ctx;
}

describe("TransferWorkload", () => {
  it("starts one transfer at startS with the spec's id, endpoints and size", () => {
    const ctx = run(new TransferWorkload({ ...base, id: "backup" }, 0));
    expect(ctx.transfers).toEqual([{ id: "backup", src: "a", dst: "b", sizeBytes: 1e9, atS: 2.5 }]);
  });

  it("names a transfer without id transfer<index>", () => {
    const w = new TransferWorkload(base, 7);
    expect(w.name).toBe("transfer7");
    expect(run(w).transfers.map((t) => t.id)).toEqual(["transfer7"]);
  });

  it("repeats count times every everyS, the k-th repeat named <id>#<k>", () => {
    const ctx = run(new TransferWorkload({ ...base, id: "ckpt", startS: 1, repeat: { count: 4, everyS: 0.5 } }, 0));
    expect(ctx.transfers.map((t) => [t.id, t.atS])).toEqual([
      ["ckpt", 1],
      ["ckpt#1", 1.5],
      ["ckpt#2", 2],
      ["ckpt#3", 2.5],
    ]);
  });

  it("computes repeat times as startS + k·everyS, without accumulating rounding error", () => {
    const ctx = run(new TransferWorkload({ ...base, startS: 0, repeat: { count: 11, everyS: 0.1 } }, 0));
    expect(ctx.transfers[10].atS).toBe(10 * 0.1);
  });

  it("passes path, weight and cap through and omits them when absent", () => {
    const pinned = run(new TransferWorkload({ ...base, path: ["a", "s", "b"], weight: 2, capBps: 1e8 }, 0));
    expect(pinned.transfers[0]).toMatchObject({ path: ["a", "s", "b"], weight: 2, capBps: 1e8 });
    const plain = run(new TransferWorkload(base, 0)).transfers[0];
    expect("path" in plain || "weight" in plain || "capBps" in plain).toBe(false);
  });

  it("rejects a repeat count below 1, a negative period, a negative start and a negative size", () => {
    expect(() => new TransferWorkload({ ...base, repeat: { count: 0, everyS: 1 } }, 0)).toThrow(InputError);
    expect(() => new TransferWorkload({ ...base, repeat: { count: 2, everyS: -1 } }, 0)).toThrow(/everyS/);
    expect(() => new TransferWorkload({ ...base, startS: -1 }, 0)).toThrow(/startS/);
    expect(() => new TransferWorkload({ ...base, sizeBytes: -1 }, 0)).toThrow(/size must be ≥ 0/);
  });

  it("accepts a zero-byte transfer (it completes after the route latency)", () => {
    expect(run(new TransferWorkload({ ...base, sizeBytes: 0 }, 0)).transfers[0]).toMatchObject({ sizeBytes: 0 });
  });
});

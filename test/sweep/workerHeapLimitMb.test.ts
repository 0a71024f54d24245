// Tests of workerHeapLimitMb: each worker's share of the machine, capped at V8's default heap.
import { describe, expect, it } from "vitest";
import { workerHeapLimitMb } from "../../src/sweep/workerHeapLimitMb.js";

const GiB = 2 ** 30;

describe("workerHeapLimitMb", () => {
  it("gives each worker three quarters of the memory divided by the jobs", () => {
    expect(workerHeapLimitMb(64, 64 * GiB, 4 * GiB)).toBe(768);
    expect(workerHeapLimitMb(8, 16 * GiB, 4 * GiB)).toBe(1536);
  });

  it("never raises the heap above V8's default, nor below 64 MiB", () => {
    expect(workerHeapLimitMb(2, 24 * GiB, 4 * GiB)).toBe(4096);
    expect(workerHeapLimitMb(256, 8 * GiB, 4 * GiB)).toBe(64);
  });
});

// ConstantQueue: a one-sample queue equal to the record it replaces, its samples made at each read.
import { describe, expect, it } from "vitest";
import { ConstantQueue } from "../../../src/net/queues/ConstantQueue.js";
import { sampleCountOf } from "../../../src/net/queues/LinearSawtooth.js";

describe("ConstantQueue", () => {
  it("is the one-sample record { samples: [bytes], meanBytes: bytes, maxBytes: bytes, markFraction: 0 }", () => {
    const q = new ConstantQueue(45_123.5);
    const { samples, meanBytes, maxBytes, markFraction } = q;
    expect({ samples, meanBytes, maxBytes, markFraction }).toEqual({ samples: [45_123.5], meanBytes: 45_123.5, maxBytes: 45_123.5, markFraction: 0 });
    expect(sampleCountOf(q)).toBe(1);
  });

  it("makes its samples anew at each read: a reader's array is its own", () => {
    const q = new ConstantQueue(7);
    const a = q.samples as number[];
    expect(q.samples).not.toBe(a);
    a[0] = 8;
    expect(q.samples).toEqual([7]);
    expect(q.meanBytes).toBe(7);
  });
});

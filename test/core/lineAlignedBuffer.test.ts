import { describe, expect, it } from "vitest";
import { lineAlignedBuffer } from "../../src/core/lineAlignedBuffer.js";

describe("lineAlignedBuffer", () => {
  it("is zeroed, at least as long as asked, in whole 64 KB pages, and a fresh buffer each time", () => {
    for (const n of [0, 1, 32 * 6144, 65536, 65537]) {
      const b = lineAlignedBuffer(n);
      expect(b.byteLength).toBeGreaterThanOrEqual(Math.max(n, 1));
      expect(b.byteLength % 65536).toBe(0);
      expect(new Uint8Array(b).every((x) => x === 0)).toBe(true);
    }
    const a = lineAlignedBuffer(64);
    const c = lineAlignedBuffer(64);
    new Float64Array(a, 0, 8)[0] = 1.5;
    expect(new Float64Array(c, 0, 8)[0]).toBe(0);
  });

  it("takes views of records that read back what was written", () => {
    const b = lineAlignedBuffer(32 * 3);
    const num = new Float64Array(b, 0, 4 * 3);
    const int = new Int32Array(b, 0, 8 * 3);
    num[4 * 2] = 7.25;
    int[8 * 2 + 4] = -3;
    expect([num[8], int[20], num.length, int.length]).toEqual([7.25, -3, 12, 24]);
  });
});

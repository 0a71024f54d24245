import { describe, expect, it, vi } from "vitest";
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

  it("falls back to a plain zeroed buffer of the asked length, from then on, where no WebAssembly memory can be had (ulimit -v)", async () => {
    // V8 reserves ~10 GB of address space a WebAssembly memory; under `ulimit -v 4000000` the constructor throws
    // "WebAssembly.Memory(): could not allocate memory" (seen on this machine), which this stub stands for.
    let tries = 0;
    vi.stubGlobal("WebAssembly", {
      Memory: class {
        constructor() {
          tries++;
          throw new RangeError("WebAssembly.Memory(): could not allocate memory");
        }
      },
    });
    try {
      vi.resetModules();
      const fresh = (await import("../../src/core/lineAlignedBuffer.js")).lineAlignedBuffer;
      const a = fresh(100);
      const b = fresh(0);
      expect([a.byteLength, b.byteLength, new Uint8Array(a).every((x) => x === 0), tries]).toEqual([100, 1, true, 1]);
      // The solver's records on such buffers: the hand-derived rates (a on X and Y, b on Y, c on X; X 6, Y 10).
      const { IncrementalSharing } = await import("../../src/net/IncrementalSharing.js");
      const e = new IncrementalSharing(Float64Array.of(6, 10));
      e.addFlow(0, Int32Array.of(0, 1), 1, Infinity);
      e.addFlow(1, Int32Array.of(1), 1, Infinity);
      e.addFlow(2, Int32Array.of(0), 1, Infinity);
      for (let f = 3; f < 70; f++) e.addFlow(f, Int32Array.of(1), 0.001, 0); // past the first 64 slots: a second buffer, the records copied over
      e.solve();
      expect([e.rateBps(0), e.rateBps(1), e.rateBps(2)]).toEqual([3, 7, 3]);
      expect(tries).toBe(1);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

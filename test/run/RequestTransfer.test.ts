// Tests of RequestTransfer: a request's fields as its transport sees them, and the connection key built on first read only.
import { describe, expect, it } from "vitest";
import { RequestTransfer } from "../../src/run/RequestTransfer.js";

describe("RequestTransfer", () => {
  it("carries the request's id, size, weight, cap, latencies and connection, with reply false unless true", () => {
    const handle = {};
    const t = new RequestTransfer({ id: "w.1", src: "a", dst: "b", sizeBytes: 1000, weight: 2, capBps: 5e8, extraLatencies: 3, connection: { handle, opens: true } });
    expect([t.id, t.sizeBytes, t.weight, t.capBps, t.extraLatencies, t.reply]).toEqual(["w.1", 1000, 2, 5e8, 3, false]);
    expect(t.connection).toEqual({ handle, opens: true });
    expect(new RequestTransfer({ id: "r", src: "b", dst: "a", sizeBytes: 1, reply: true }).reply).toBe(true);
  });

  it("keys connections by ordered endpoints, and by the pinned path when there is one", () => {
    expect(new RequestTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1 }).pairKey).toBe("a\u0000b");
    expect(new RequestTransfer({ id: "x", src: "b", dst: "a", sizeBytes: 1 }).pairKey).toBe("b\u0000a");
    expect(new RequestTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1, path: ["a", "s", "b"] }).pairKey).toBe("a\u0000b\u0000a\u0000s\u0000b");
  });

  it("reads the request's endpoints only when the key is first asked for, and then keeps it", () => {
    let reads = 0;
    const request = { id: "x", sizeBytes: 1, get src() { reads++; return "a"; }, dst: "b" };
    const t = new RequestTransfer(request);
    expect(reads).toBe(0);
    expect(t.pairKey).toBe("a\u0000b");
    expect(t.pairKey).toBe("a\u0000b");
    expect(reads).toBe(1);
  });
});

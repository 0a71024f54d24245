// ringOrder: host blocks in rank order, every other host reversed.
import { describe, expect, it } from "vitest";
import { ringOrder } from "../../../src/workloads/collectives/ringOrder.js";

describe("ringOrder", () => {
  it("snakes through 3 hosts × 3 GPUs", () => {
    const p = ["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2"].map((id) => ({ id, host: "abc".indexOf(id[0]) }));
    expect(ringOrder(p)).toEqual(["a0", "a1", "a2", "b2", "b1", "b0", "c0", "c1", "c2"]);
  });
  it("keeps rank order with one GPU per host", () => {
    const p = [0, 1, 2, 3].map((h) => ({ id: `h${h}g0`, host: h }));
    expect(ringOrder(p)).toEqual(["h0g0", "h1g0", "h2g0", "h3g0"]);
  });
});

// BoundFlows: per resource, the bound flows counted by class and summed; a flow taken off with the values it has leaves every count and sum as before it came.
import { describe, expect, it } from "vitest";
import { BoundFlows } from "../../../src/net/queues/BoundFlows.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";

describe("BoundFlows", () => {
  it("counts each class apart, sums α for DCTCP flows only, and flights for the limited ones only", () => {
    const b = new BoundFlows(3);
    b.add(1, QueueClass.Dctcp, 10e-6, 1500, 0.25, Infinity);
    b.add(1, QueueClass.Cubic, 20e-6, 9000, 0.75, 30_000);
    b.add(1, QueueClass.Lossless, 5e-6, 1000, 0.5, Infinity);
    expect([QueueClass.Dctcp, QueueClass.NewReno, QueueClass.Cubic, QueueClass.Lossless].map((c) => b.count(1, c))).toEqual([1, 0, 1, 1]);
    // Lossless rdma flows fill no window-driven queue.
    expect(b.windowed(1)).toBe(2);
    expect(b.rttSumS(1)).toBeCloseTo(35e-6, 15);
    expect(b.packetSumBytes(1)).toBe(11_500);
    expect(b.alphaSum(1)).toBe(0.25);
    expect(b.limited(1)).toBe(1);
    expect(b.limitedSumBytes(1)).toBe(30_000);
    // Other resources are untouched.
    expect(b.windowed(0) + b.windowed(2) + b.packetSumBytes(0) + b.packetSumBytes(2)).toBe(0);
  });

  it("moves α and flights in place, and remove with the values moved to empties the resource", () => {
    const b = new BoundFlows(2);
    b.add(0, QueueClass.Dctcp, 8e-6, 1500, 1, Infinity);
    b.moveAlpha(0, 0.125 - 1);
    b.moveFlight(0, Infinity, 4500);
    expect(b.alphaSum(0)).toBe(0.125);
    expect(b.limited(0)).toBe(1);
    b.moveFlight(0, 4500, 6000);
    expect(b.limitedSumBytes(0)).toBe(6000);
    b.moveFlight(0, 6000, Infinity);
    expect(b.limited(0)).toBe(0);
    expect(b.limitedSumBytes(0)).toBe(0);
    b.remove(0, QueueClass.Dctcp, 8e-6, 1500, 0.125, Infinity);
    expect([b.windowed(0), b.count(0, QueueClass.Dctcp), b.rttSumS(0), b.packetSumBytes(0), b.alphaSum(0)]).toEqual([0, 0, 0, 0, 0]);
  });
});

// Tests of EventQueue: unit behaviours, and a property test against @js-sdsl/priority-queue.
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/core/EventQueue.js";
import { randomStream } from "../../src/core/randomStream.js";
import { popAll, runAgainstReference } from "./queueReference.js";

describe("EventQueue", () => {
  it("pops in time order", () => {
    const q = new EventQueue();
    [5, 1, 4, 2, 3].forEach((t) => q.push(t, t * 10));
    expect(popAll(q)).toEqual([10, 20, 30, 40, 50]);
  });

  it("pops equal times in insertion order", () => {
    const q = new EventQueue();
    for (let i = 0; i < 50; i++) q.push(i % 2 === 0 ? 7 : 3, i);
    const odd = Array.from({ length: 25 }, (_, k) => 2 * k + 1);
    const even = Array.from({ length: 25 }, (_, k) => 2 * k);
    expect(popAll(q)).toEqual([...odd, ...even]);
  });

  it("reports an empty queue through size, peekTime and peekHandle, and pop throws", () => {
    const q = new EventQueue();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.peekHandle()).toBe(-1);
    expect(() => q.pop()).toThrow(/empty/);
  });

  it("peeks at the earliest event without removing it", () => {
    const q = new EventQueue();
    q.push(2, 20);
    const h = q.push(1, 10);
    expect([q.peekTime(), q.peekPayload(), q.peekHandle(), q.size]).toEqual([1, 10, h, 2]);
  });

  it("update moves an event earlier", () => {
    const q = new EventQueue();
    q.push(1, 1);
    q.push(2, 2);
    const h = q.push(3, 3);
    q.update(h, 0.5);
    expect(q.timeOf(h)).toBe(0.5);
    expect(popAll(q)).toEqual([3, 1, 2]);
  });

  it("update moves an event later", () => {
    const q = new EventQueue();
    const h = q.push(1, 1);
    q.push(2, 2);
    q.push(3, 3);
    q.update(h, 2.5);
    expect(popAll(q)).toEqual([2, 1, 3]);
  });

  it("update gives a fresh sequence: an event moved to another's time pops after it", () => {
    const q = new EventQueue();
    const a = q.push(1, 1);
    q.push(5, 2);
    q.update(a, 5);
    expect(popAll(q)).toEqual([2, 1]);
  });

  it("update to the same time sends an event behind its equals", () => {
    const q = new EventQueue();
    const a = q.push(4, 1);
    q.push(4, 2);
    q.push(4, 3);
    q.update(a, 4);
    expect(popAll(q)).toEqual([2, 3, 1]);
  });

  it("update of a handle that is not pending throws", () => {
    const q = new EventQueue();
    const h = q.push(1, 1);
    q.pop();
    expect(() => q.update(h, 2)).toThrow(/not pending/);
    expect(() => q.update(-1, 2)).toThrow(/not pending/);
    expect(() => q.update(1_000_000, 2)).toThrow(/not pending/);
    expect(q.size).toBe(0);
  });

  it("remove cancels a pending event and returns true", () => {
    const q = new EventQueue();
    q.push(1, 1);
    const h = q.push(2, 2);
    q.push(3, 3);
    expect(q.remove(h)).toBe(true);
    expect(q.has(h)).toBe(false);
    expect(popAll(q)).toEqual([1, 3]);
  });

  it("remove of a popped, removed or never-issued handle returns false", () => {
    const q = new EventQueue();
    const a = q.push(1, 1);
    const b = q.push(2, 2);
    q.pop();
    expect(q.remove(a)).toBe(false);
    expect(q.remove(b)).toBe(true);
    expect(q.remove(b)).toBe(false);
    expect(q.remove(-1)).toBe(false);
    expect(q.remove(12345)).toBe(false);
  });

  it("grows beyond its initial capacity and keeps order", () => {
    const q = new EventQueue(4);
    const n = 1000;
    const handles = [];
    for (let i = 0; i < n; i++) handles.push(q.push(n - i, i));
    expect(q.size).toBe(n);
    expect(new Set(handles).size).toBe(n);
    expect(handles.every((h, i) => q.payloadOf(h) === i && q.timeOf(h) === n - i)).toBe(true);
    expect(popAll(q)).toEqual(Array.from({ length: n }, (_, k) => n - 1 - k));
  });

  it("reuses the handle of a popped event for a later push", () => {
    const q = new EventQueue();
    const a = q.push(1, 1);
    q.pop();
    const b = q.push(2, 2);
    expect(b).toBe(a);
    expect([q.has(b), q.payloadOf(b), q.timeOf(b)]).toEqual([true, 2, 2]);
  });

  it("carries payloads up to 2^53", () => {
    const q = new EventQueue();
    q.push(1, 2 ** 53);
    expect(q.pop()).toBe(2 ** 53);
  });

  it("clear drops every pending event and stays usable", () => {
    const q = new EventQueue();
    const hs = [q.push(1, 1), q.push(2, 2)];
    q.clear();
    expect(q.size).toBe(0);
    expect(hs.map((h) => q.has(h))).toEqual([false, false]);
    q.push(3, 3);
    expect(popAll(q)).toEqual([3]);
  });
});

describe("EventQueue against @js-sdsl/priority-queue", () => {
  it("agrees on every pop, peek, update, remove and has over random operation sequences", () => {
    for (let seed = 1; seed <= 40; seed++) {
      runAgainstReference(new EventQueue(4), randomStream(seed, "EventQueue property test"), 5000);
    }
  });

  it("agrees on a long run that grows the queue far beyond its initial capacity", () => {
    runAgainstReference(new EventQueue(4), randomStream(99, "EventQueue long run"), 60_000);
  });
});

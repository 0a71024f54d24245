// queueReference: drive an event queue and @js-sdsl/priority-queue through the same random operations.
import { PriorityQueue } from "@js-sdsl/priority-queue";
import { expect } from "vitest";
import type { RandomStream } from "../../src/core/randomStream.js";

/** What EventQueue and LadderQueue both offer. */
export interface IndexedEventQueue {
  readonly size: number;
  push(timeS: number, payload: number): number;
  peekTime(): number;
  peekPayload(): number;
  peekHandle(): number;
  pop(): number;
  has(handle: number): boolean;
  timeOf(handle: number): number;
  payloadOf(handle: number): number;
  update(handle: number, timeS: number): void;
  remove(handle: number): boolean;
  clear(): void;
}

export function popAll(q: IndexedEventQueue): number[] {
  const out: number[] = [];
  while (q.size > 0) out.push(q.pop());
  return out;
}

/** An event of the reference queue: ordered by (time, seq). */
interface RefEvent {
  time: number;
  seq: number;
  payload: number;
}

const byTimeThenSeq = (a: RefEvent, b: RefEvent) =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.seq - b.seq;

/**
 * Drive `q` and the reference through the same random operations and compare every
 * observable result. Times come from `drawTime` (given the time of the last pop), by
 * default a set of 8 values so ties are frequent; `pushShare` is the share of pushes.
 */
export function runAgainstReference(
  q: IndexedEventQueue,
  rng: RandomStream,
  ops: number,
  drawTime: (nowS: number) => number = () => Math.floor(rng() * 8) * 0.25,
  pushShare = 0.4,
): void {
  const ref = new PriorityQueue<RefEvent>([], byTimeThenSeq);
  let refSeq = 0;
  let nextPayload = 0;
  const pending: number[] = []; // handles of pending events
  const eventOf = new Map<number, RefEvent>(); // handle → reference event
  let maxHandle = 0;
  let nowS = 0;
  const pick = () => Math.floor(rng() * pending.length);
  const forget = (k: number) => {
    const h = pending[k];
    pending[k] = pending[pending.length - 1];
    pending.pop();
    eventOf.delete(h);
  };

  let step = 0;
  // Plain checks rather than expect(): hundreds of thousands of them run per test.
  const same = (actual: unknown, expected: unknown, what: string) => {
    if (!Object.is(actual, expected)) {
      throw new Error(`step ${step}: ${what}: got ${String(actual)}, reference says ${String(expected)}`);
    }
  };
  for (; step < ops; step++) {
    const r = rng();
    if (r < pushShare) {
      const time = drawTime(nowS);
      const payload = nextPayload++;
      const h = q.push(time, payload);
      same(eventOf.has(h), false, `push returned the pending handle ${h}`);
      const e = { time, seq: refSeq++, payload };
      ref.push(e);
      pending.push(h);
      eventOf.set(h, e);
      maxHandle = Math.max(maxHandle, h);
    } else if (r < pushShare + 0.25) {
      if (pending.length === 0) {
        expect(() => q.pop()).toThrow(/empty/);
        continue;
      }
      const top = ref.top()!;
      const h = q.peekHandle();
      same(eventOf.get(h), top, "peekHandle");
      if (top.time < Infinity) nowS = top.time;
      same(q.pop(), ref.pop()!.payload, "pop");
      forget(pending.indexOf(h));
    } else if (r < pushShare + 0.4) {
      if (pending.length === 0) continue;
      const h = pending[pick()];
      const e = eventOf.get(h)!;
      const time = drawTime(nowS);
      q.update(h, time);
      e.time = time;
      e.seq = refSeq++;
      ref.updateItem(e);
      same(q.timeOf(h), time, "timeOf after update");
    } else if (r < pushShare + 0.5) {
      if (pending.length === 0) continue;
      const k = pick();
      const h = pending[k];
      same(q.remove(h), true, "remove of a pending handle");
      ref.remove(eventOf.get(h)!);
      forget(k);
    } else if (r < pushShare + 0.57) {
      // A handle that may or may not be pending (popped, removed, reused or never issued).
      const h = Math.floor(rng() * (maxHandle + 3)) - 1;
      const expected = eventOf.has(h);
      same(q.has(h), expected, `has(${h})`);
      if (rng() < 0.5) {
        same(q.remove(h), expected, `remove(${h})`);
        if (expected) {
          ref.remove(eventOf.get(h)!);
          forget(pending.indexOf(h));
        }
      }
    } else if (r < pushShare + 0.5995) {
      for (let k = 0; k < 3 && k < pending.length; k++) {
        const h = pending[pick()];
        same(q.timeOf(h), eventOf.get(h)!.time, `timeOf(${h})`);
        same(q.payloadOf(h), eventOf.get(h)!.payload, `payloadOf(${h})`);
      }
    } else {
      q.clear();
      ref.clear();
      pending.length = 0;
      eventOf.clear();
    }
    same(q.size, ref.size(), "size");
    same(q.peekTime(), ref.empty() ? Infinity : ref.top()!.time, "peekTime");
    if (!ref.empty()) same(q.peekPayload(), ref.top()!.payload, "peekPayload");
  }
  const rest: number[] = [];
  while (!ref.empty()) rest.push(ref.pop()!.payload);
  expect(popAll(q)).toEqual(rest);
}


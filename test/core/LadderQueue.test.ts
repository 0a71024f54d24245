// Tests of LadderQueue: its rungs' edge cases, and property tests against @js-sdsl/priority-queue.
import { describe, expect, it } from "vitest";
import { LadderQueue } from "../../src/core/LadderQueue.js";
import { exponential, randomStream, type RandomStream } from "../../src/core/randomStream.js";
import { popAll, runAgainstReference } from "./queueReference.js";

/** Payloads in the order (time, push index) — what any correct queue pops for pushes only. */
function sortedPayloads(times: number[]): number[] {
  return times
    .map((t, i) => [t, i])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((p) => p[1]);
}

function pushAll(q: LadderQueue, times: number[]): number[] {
  return times.map((t, i) => q.push(t, i));
}

describe("LadderQueue", () => {
  it("pops in time order, and reports an empty queue as EventQueue does", () => {
    const q = new LadderQueue();
    expect([q.size, q.peekTime(), q.peekHandle()]).toEqual([0, Infinity, -1]);
    expect(() => q.pop()).toThrow(/empty/);
    [5, 1, 4, 2, 3].forEach((t) => q.push(t, t * 10));
    expect(popAll(q)).toEqual([10, 20, 30, 40, 50]);
  });

  it("pops 1,000 equal times in insertion order (Top cannot be spread over a rung)", () => {
    const q = new LadderQueue(4);
    pushAll(q, new Array(1000).fill(7));
    expect(popAll(q)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("keeps insertion order among ties that fill buckets beyond the split threshold", () => {
    // 4,000 events on 8 distinct times: every non-empty bucket of the first rung holds ~500
    // equal times, more than 50, which it cannot split either.
    const rng = randomStream(3, "ladder ties");
    const times = Array.from({ length: 4000 }, () => Math.floor(rng() * 8) * 0.25);
    const q = new LadderQueue(4);
    pushAll(q, times);
    expect(popAll(q)).toEqual(sortedPayloads(times));
  });

  it("splits crowded buckets into finer rungs and still pops in order", () => {
    // A dense cluster inside a wide range: the first rung puts the cluster in a few buckets
    // of thousands of events each, which are split again (rungs 2 and 3).
    const rng = randomStream(4, "ladder rungs");
    const times = Array.from({ length: 20_000 }, (_, i) =>
      i % 10 === 0 ? rng() * 1000 : 500 + rng() * 1e-3 + (i % 3 === 0 ? 1e-9 * Math.floor(rng() * 4) : 0),
    );
    const q = new LadderQueue(4);
    pushAll(q, times);
    expect(popAll(q)).toEqual(sortedPayloads(times));
  });

  it("pops 200,000 hold-model times in order", () => {
    const rng = randomStream(5, "ladder large");
    const times = Array.from({ length: 200_000 }, () => exponential(rng, 1));
    const q = new LadderQueue(16);
    pushAll(q, times);
    expect(popAll(q)).toEqual(sortedPayloads(times));
  });

  it("places a time past a split bucket's last event below its rung once that rung's last bucket is emptied", () => {
    // Top spreads over 101 buckets of ~0.99 s; bucket 0 holds 100 events in [0, 0.099] and is
    // split over a finer rung of 100 buckets. When that rung's last bucket has gone to
    // Bottom, a push at 0.5 is in the first rung's bucket 0 but past the finer rung's end.
    const q = new LadderQueue();
    for (let i = 0; i < 100; i++) q.push(i * 0.001, i);
    q.push(100, 100);
    for (let i = 0; i < 99; i++) q.pop();
    expect(q.peekTime()).toBe(0.099);
    q.push(0.5, 101);
    expect(popAll(q)).toEqual([99, 101, 100]);
  });

  it("orders far-future outliers (1e9 s) after every near event without losing the near order", () => {
    const rng = randomStream(6, "ladder outliers");
    const times = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 7 ? 1e9 + i : rng() * 10));
    const q = new LadderQueue();
    pushAll(q, times);
    expect(popAll(q)).toEqual(sortedPayloads(times));
  });

  it("pops events at +Infinity last, in insertion order, and takes finite times again after them", () => {
    const q = new LadderQueue();
    q.push(Infinity, 1);
    q.push(5, 2);
    q.push(Infinity, 3);
    expect(q.pop()).toBe(2);
    // Only +Infinity is pending: Bottom holds both; a finite push must still come first.
    expect(q.peekTime()).toBe(Infinity);
    q.push(6, 4);
    q.push(Infinity, 5);
    expect(popAll(q)).toEqual([4, 1, 3, 5]);
    // Again, but an event at +Infinity in Bottom is moved to a finite time, then another pushed.
    const a = q.push(Infinity, 6);
    q.push(Infinity, 7);
    expect(q.peekTime()).toBe(Infinity);
    q.update(a, 9);
    q.push(8, 8);
    q.push(10, 9);
    expect(popAll(q)).toEqual([8, 6, 9, 7]);
  });

  it("pops an event pushed at the current time before later ones, after its equals", () => {
    const q = new LadderQueue();
    const times = Array.from({ length: 500 }, (_, i) => 1 + (i % 50) * 0.01);
    pushAll(q, times);
    const out: number[] = [];
    let pushed = 0;
    while (q.size > 0) {
      const t = q.peekTime();
      const p = q.pop();
      out.push(p);
      if (p < 500 && pushed < 200) q.push(t, 1000 + pushed++); // "now": after its equals, before anything later
    }
    // Rebuild the expected order: each "now" push goes right after the remaining events at t.
    const expected: number[] = [];
    const byTime = new Map<number, number[]>();
    times.forEach((t, i) => byTime.set(t, [...(byTime.get(t) ?? []), i]));
    let k = 0;
    for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
      const queue = [...byTime.get(t)!];
      while (queue.length > 0) {
        const p = queue.shift()!;
        expected.push(p);
        if (p < 500 && k < 200) queue.push(1000 + k++);
      }
    }
    expect(out).toEqual(expected);
  });

  it("update moves events across buckets, rungs, Top and Bottom, each taking a fresh sequence", () => {
    const rng = randomStream(7, "ladder update");
    const times = Array.from({ length: 5000 }, () => rng() * 100);
    const q = new LadderQueue();
    const handles = pushAll(q, times);
    const expected = new Map(times.map((t, i) => [i, { t, seq: i }]));
    let seq = times.length;
    // Pop a few so a rung exists and some buckets are behind the dequeue point.
    const popped: number[] = [];
    for (let i = 0; i < 300; i++) {
      const p = q.pop();
      popped.push(p);
      expected.delete(p);
    }
    const now = q.peekTime();
    for (let i = 0; i < 2000; i++) {
      const p = Math.floor(rng() * times.length);
      if (!expected.has(p)) continue;
      const u = rng();
      // Into Bottom (now), an emptied region's neighbour, the same bucket, far later (Top), equal to another.
      const t = u < 0.2 ? now : u < 0.4 ? now + rng() * 0.5 : u < 0.6 ? q.timeOf(handles[p]) : u < 0.8 ? 200 + rng() * 100 : times[Math.floor(rng() * times.length)];
      q.update(handles[p], t);
      expect(q.timeOf(handles[p])).toBe(t);
      expected.set(p, { t, seq: seq++ });
    }
    const order = [...expected.entries()].sort((a, b) => a[1].t - b[1].t || a[1].seq - b[1].seq).map((e) => e[0]);
    expect(popAll(q)).toEqual(order);
  });

  it("remove cancels events wherever they wait (Top, a rung's bucket, Bottom)", () => {
    const rng = randomStream(8, "ladder remove");
    const times = Array.from({ length: 3000 }, () => rng() * 10);
    const q = new LadderQueue();
    const handles = pushAll(q, times);
    q.pop(); // spreads Top over a rung and fills Bottom
    const later = q.push(50, 9000); // Top
    const gone = new Set<number>([q.payloadOf(q.peekHandle())]);
    expect(q.remove(q.peekHandle())).toBe(true); // Bottom
    expect(q.remove(later)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      const p = Math.floor(rng() * times.length);
      const h = handles[p];
      if (gone.has(p) || !q.has(h) || q.payloadOf(h) !== p) continue;
      expect(q.remove(h)).toBe(true);
      expect(q.remove(h)).toBe(false);
      gone.add(p);
    }
    const rest = popAll(q);
    const first = sortedPayloads(times)[0];
    expect(rest).toEqual(sortedPayloads(times).filter((p) => p !== first && !gone.has(p)));
  });

  it("clear empties every level and stays usable", () => {
    const q = new LadderQueue(4);
    const hs = pushAll(q, Array.from({ length: 300 }, (_, i) => i % 17));
    q.pop();
    q.clear();
    expect([q.size, q.peekTime(), hs.some((h) => q.has(h))]).toEqual([0, Infinity, false]);
    pushAll(q, [3, 1, 2]);
    expect(popAll(q)).toEqual([1, 2, 0]);
  });

  it("spreads new rungs over buckets that old rungs left full, after clear and after growing", () => {
    // Rung buckets are emptied only when a rung is spread over them (the constructor and clear
    // empty Top and +Infinity alone): here the second batch's rungs reuse the first's buckets,
    // still holding events when clear dropped them, and a queue of 4 grows its buckets.
    const rng = randomStream(6, "ladder reuse");
    const q = new LadderQueue(4);
    pushAll(q, Array.from({ length: 5000 }, () => rng() * 100));
    for (let i = 0; i < 10; i++) q.pop();
    q.clear();
    const times = Array.from({ length: 3000 }, () => 50 + rng() * 10);
    pushAll(q, times);
    expect(popAll(q)).toEqual(sortedPayloads(times));
  });
});

/** Time draws for the property tests, given the time of the last pop. */
const draws: Record<string, (rng: RandomStream) => (nowS: number) => number> = {
  "8 tied values, pushed in any order": (rng) => () => Math.floor(rng() * 8) * 0.25,
  "hold model, Exp(1) after now": (rng) => (now) => now + exponential(rng, 1),
  "now, 1e9 s outliers, +Infinity and near times": (rng) => (now) => {
    const u = rng();
    return u < 0.3 ? now : u < 0.35 ? now + 1e9 : u < 0.37 ? Infinity : now + rng() * 1e-3;
  },
  "microsecond ties and heavy-tailed delays": (rng) => (now) =>
    rng() < 0.5 ? now + Math.floor(rng() * 4) * 1e-6 : now + 1e-6 / (1e-6 + rng() ** 3),
  "before now as well as after": (rng) => (now) => (rng() < 0.5 ? rng() * 100 : now + rng()),
};

describe("LadderQueue against @js-sdsl/priority-queue", () => {
  for (const [name, draw] of Object.entries(draws)) {
    it(`agrees on every pop, peek, update, remove and has: ${name}`, () => {
      for (let seed = 1; seed <= 8; seed++) {
        const rng = randomStream(seed, `LadderQueue property test ${name}`);
        // 0.45 pushes: the queue grows to thousands of events, so rungs are spread and split.
        runAgainstReference(new LadderQueue(4), rng, 8000, draw(rng), seed % 2 === 0 ? 0.45 : 0.4);
      }
    });
  }
});

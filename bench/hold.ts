// hold: the classic hold-model benchmark of the simulation's event queue (LadderQueue) against @js-sdsl/priority-queue.
import { fileURLToPath } from "node:url";
import { PriorityQueue } from "@js-sdsl/priority-queue";
import { EventQueue } from "../src/core/EventQueue.js";
import { LadderQueue } from "../src/core/LadderQueue.js";
import { exponential, randomStream } from "../src/core/randomStream.js";
import { benchTable } from "./benchTable.js";

/*
 * The hold model (Vaucher & Duval 1975; Jones 1986): keep N events pending, then repeat
 * "pop the earliest event at t, push a new one at t + Exp(1)". All queues are filled with
 * the same times and fed the same pre-drawn increments, so they walk identical
 * trajectories (checked through a checksum of popped times); drawing the increments ahead
 * keeps the random generator out of the timed loop. The baseline stores one object
 * {time, seq, payload} per event ordered by (time, seq) and reuses the popped object for
 * its successor, its cheapest correct use. "ours" is LadderQueue, Simulation's queue;
 * beside it run EventQueue, the indexed 4-ary heap with the same interface (the solver's
 * and Dijkstra's queue, Simulation's before), and a plain typed heap without update/remove
 * (PlainHeap), the bound on what a heap gains by dropping event handles.
 * Repetitions rotate between the queues (which goes first rotates too) after a warm-up,
 * and the median is reported.
 */

const PENDING = [1_000, 100_000, 1_000_000];
const HOLD_OPS = 2_000_000;
const WARMUP_OPS = 500_000;
const REPETITIONS = 5;
const INCREMENT_COUNT = 1 << 20;
const CSV_PATH = fileURLToPath(new URL("../results/bench/hold.csv", import.meta.url));

interface BaselineEvent {
  time: number;
  seq: number;
  payload: number;
}

const rng = randomStream(1, "bench/hold");
const increments = new Float64Array(INCREMENT_COUNT);
for (let i = 0; i < INCREMENT_COUNT; i++) increments[i] = exponential(rng, 1);

/** A queue under test: fill once, then run hold operations, returning a checksum of popped times. */
interface HoldSubject {
  hold(ops: number): number;
}

// Each subject has its own copy of the hold loop on purpose: one loop shared through an
// interface would see four queue classes at its call sites (megamorphic), and time the
// dispatch rather than the queues.
function oursSubject(initialTimes: Float64Array): HoldSubject {
  const q = new LadderQueue(initialTimes.length);
  for (let i = 0; i < initialTimes.length; i++) q.push(initialTimes[i], i);
  let k = 0;
  return {
    hold(ops: number): number {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const t = q.peekTime();
        const payload = q.pop();
        q.push(t + increments[k], payload);
        k = (k + 1) & (INCREMENT_COUNT - 1);
        sum += t;
      }
      return sum;
    },
  };
}

function heapSubject(initialTimes: Float64Array): HoldSubject {
  const q = new EventQueue(initialTimes.length);
  for (let i = 0; i < initialTimes.length; i++) q.push(initialTimes[i], i);
  let k = 0;
  return {
    hold(ops: number): number {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const t = q.peekTime();
        const payload = q.pop();
        q.push(t + increments[k], payload);
        k = (k + 1) & (INCREMENT_COUNT - 1);
        sum += t;
      }
      return sum;
    },
  };
}

/**
 * For a heap, the bound on what keeping update/remove costs: a plain 4-ary heap on typed arrays
 * ordered by (time, sequence) like EventQueue, but moving time, sequence and payload
 * together and keeping no position per event, so it can neither move nor cancel one.
 */
class PlainHeap {
  private readonly time: Float64Array;
  private readonly seq: Float64Array;
  private readonly payload: Float64Array;
  private count = 0;
  private nextSeq = 0;
  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.payload = new Float64Array(capacity);
  }
  peekTime(): number {
    return this.count > 0 ? this.time[0] : Infinity;
  }
  push(t: number, payload: number): void {
    const { time, seq, payload: pl } = this;
    const s = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (t > time[p] || (t === time[p] && s > seq[p])) break;
      time[i] = time[p];
      seq[i] = seq[p];
      pl[i] = pl[p];
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    pl[i] = payload;
  }
  pop(): number {
    const { time, seq, payload: pl } = this;
    const out = pl[0];
    const n = --this.count;
    const t = time[n], s = seq[n], x = pl[n];
    let i = 0;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        if (time[c] < time[best] || (time[c] === time[best] && seq[c] < seq[best])) best = c;
      }
      if (t < time[best] || (t === time[best] && s < seq[best])) break;
      time[i] = time[best];
      seq[i] = seq[best];
      pl[i] = pl[best];
      i = best;
    }
    time[i] = t;
    seq[i] = s;
    pl[i] = x;
    return out;
  }
}

function plainSubject(initialTimes: Float64Array): HoldSubject {
  const q = new PlainHeap(initialTimes.length);
  for (let i = 0; i < initialTimes.length; i++) q.push(initialTimes[i], i);
  let k = 0;
  return {
    hold(ops: number): number {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const t = q.peekTime();
        const payload = q.pop();
        q.push(t + increments[k], payload);
        k = (k + 1) & (INCREMENT_COUNT - 1);
        sum += t;
      }
      return sum;
    },
  };
}

function baselineSubject(initialTimes: Float64Array): HoldSubject {
  const cmp = (a: BaselineEvent, b: BaselineEvent) =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : a.seq - b.seq;
  const events: BaselineEvent[] = [];
  for (let i = 0; i < initialTimes.length; i++) events.push({ time: initialTimes[i], seq: i, payload: i });
  const q = new PriorityQueue<BaselineEvent>(events, cmp, false);
  let seq = initialTimes.length;
  let k = 0;
  return {
    hold(ops: number): number {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const e = q.pop()!;
        sum += e.time;
        e.time += increments[k];
        e.seq = seq++;
        q.push(e);
        k = (k + 1) & (INCREMENT_COUNT - 1);
      }
      return sum;
    },
  };
}

function timedMops(subject: HoldSubject, ops: number): { mops: number; checksum: number } {
  const start = performance.now();
  const checksum = subject.hold(ops);
  const elapsedS = (performance.now() - start) / 1000;
  return { mops: ops / elapsedS / 1e6, checksum };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const rows = [];
for (const pending of PENDING) {
  const fillRng = randomStream(pending, "bench/hold/fill");
  const initialTimes = new Float64Array(pending);
  for (let i = 0; i < pending; i++) initialTimes[i] = exponential(fillRng, 1);
  const ours = oursSubject(initialTimes);
  const baseline = baselineSubject(initialTimes);
  const heap = heapSubject(initialTimes);
  const plain = plainSubject(initialTimes);
  const warm = [ours, baseline, heap, plain].map((s) => s.hold(WARMUP_OPS));
  if (new Set(warm).size !== 1) throw new Error(`hold: queues diverged during warm-up at ${pending} pending`);
  const subjects = [ours, baseline, heap, plain];
  const mops: number[][] = [[], [], [], []];
  for (let r = 0; r < REPETITIONS; r++) {
    // Rotate which queue goes first.
    const checksums: number[] = [];
    for (let j = 0; j < subjects.length; j++) {
      const which = (r + j) % subjects.length;
      const t = timedMops(subjects[which], HOLD_OPS);
      mops[which].push(t.mops);
      checksums.push(t.checksum);
    }
    if (new Set(checksums).size !== 1) throw new Error(`hold: queues diverged at ${pending} pending`);
  }
  const [oursMedian, baselineMedian, heapMedian, plainMedian] = mops.map(median);
  rows.push({
    pending,
    ours_mops: oursMedian.toFixed(3),
    baseline_mops: baselineMedian.toFixed(3),
    ratio: (oursMedian / baselineMedian).toFixed(2),
    heap_mops: heapMedian.toFixed(3),
    heap_ratio: (heapMedian / baselineMedian).toFixed(2),
    plain_heap_mops: plainMedian.toFixed(3),
    plain_heap_ratio: (plainMedian / baselineMedian).toFixed(2),
  });
}

console.log(
  `hold model: ${HOLD_OPS} hold operations per repetition, median of ${REPETITIONS}, Node ${process.version}`,
);
benchTable(
  ["pending", "ours_mops", "baseline_mops", "ratio", "heap_mops", "heap_ratio", "plain_heap_mops", "plain_heap_ratio"],
  rows,
  CSV_PATH,
);
console.log(`wrote ${CSV_PATH}`);

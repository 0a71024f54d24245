// hold: the classic hold-model benchmark of EventQueue against @js-sdsl/priority-queue.
import { fileURLToPath } from "node:url";
import { PriorityQueue } from "@js-sdsl/priority-queue";
import { EventQueue } from "../src/core/EventQueue.js";
import { exponential, randomStream } from "../src/core/randomStream.js";
import { benchTable } from "./benchTable.js";

/*
 * The hold model (Vaucher & Duval 1975; Jones 1986): keep N events pending, then repeat
 * "pop the earliest event at t, push a new one at t + Exp(1)". Both queues are filled with
 * the same times and fed the same pre-drawn increments, so they walk identical
 * trajectories (checked through a checksum of popped times); drawing the increments ahead
 * keeps the random generator out of the timed loop. The baseline stores one object
 * {time, seq, payload} per event ordered by (time, seq) and reuses the popped object for
 * its successor, its cheapest correct use. Repetitions alternate between the two queues
 * (which goes first alternates too) after a warm-up, and the median is reported.
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

function oursSubject(initialTimes: Float64Array): HoldSubject {
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
  if (ours.hold(WARMUP_OPS) !== baseline.hold(WARMUP_OPS)) {
    throw new Error(`hold: queues diverged during warm-up at ${pending} pending`);
  }
  const oursMops: number[] = [];
  const baselineMops: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const order = r % 2 === 0 ? [ours, baseline] : [baseline, ours];
    const [first, second] = order.map((s) => timedMops(s, HOLD_OPS));
    const [o, b] = r % 2 === 0 ? [first, second] : [second, first];
    if (o.checksum !== b.checksum) throw new Error(`hold: queues diverged at ${pending} pending`);
    oursMops.push(o.mops);
    baselineMops.push(b.mops);
  }
  const oursMedian = median(oursMops);
  const baselineMedian = median(baselineMops);
  rows.push({
    pending,
    ours_mops: oursMedian.toFixed(3),
    baseline_mops: baselineMedian.toFixed(3),
    ratio: (oursMedian / baselineMedian).toFixed(2),
  });
}

console.log(
  `hold model: ${HOLD_OPS} hold operations per repetition, median of ${REPETITIONS}, Node ${process.version}`,
);
benchTable(["pending", "ours_mops", "baseline_mops", "ratio"], rows, CSV_PATH);
console.log(`wrote ${CSV_PATH}`);

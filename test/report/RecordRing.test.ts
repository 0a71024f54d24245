import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { RecordRing } from "../../src/report/RecordRing.js";

describe("RecordRing", () => {
  it("hands a reader in the same thread what fits, in order, across the wrap", () => {
    const memory = RecordRing.allocate(8);
    const writer = new RecordRing(memory);
    const reader = new RecordRing(memory);
    const got: number[] = [];
    for (let round = 0; round < 5; round++) {
      // The reader tells what it has read when it has caught up (at its next next()): the writer never waits here.
      writer.send(Float64Array.of(round, round + 0.5, -round, 1 / 3), 4);
      for (let i = 0; i < 4; i++) got.push(reader.next());
      writer.send(Float64Array.of(7, 8, 9), 2);
      for (let i = 0; i < 2; i++) got.push(reader.next());
    }
    expect(got).toEqual([0, 0.5, -0, 1 / 3, 7, 8, 1, 1.5, -1, 1 / 3, 7, 8, 2, 2.5, -2, 1 / 3, 7, 8, 3, 3.5, -3, 1 / 3, 7, 8, 4, 4.5, -4, 1 / 3, 7, 8]);
  });

  it("passes a stream many times its size to a reading thread, waiting while full", async () => {
    const memory = RecordRing.allocate(16);
    const n = 20_000;
    const tsx = import.meta.resolve("tsx/esm/api");
    const ringUrl = new URL("../../src/report/RecordRing.ts", import.meta.url).href;
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ringUrl)}); }).then(({ RecordRing }) => {
        const ring = new RecordRing(workerData);
        let sum = 0, last = -1, ordered = true;
        for (let i = 0; i < ${n}; i++) {
          const v = ring.next();
          if (v !== last + 1) ordered = false;
          last = v;
          sum += v;
        }
        parentPort.postMessage({ sum, ordered });
      });`;
    const worker = new Worker(source, { eval: true, workerData: memory });
    const done = new Promise<{ sum: number; ordered: boolean }>((resolve) => worker.once("message", resolve));
    const writer = new RecordRing(memory);
    const block = new Float64Array(37);
    for (let v = 0; v < n; ) {
      const k = Math.min(block.length, n - v);
      for (let i = 0; i < k; i++) block[i] = v + i;
      writer.send(block, k);
      v += k;
    }
    expect(await done).toEqual({ sum: (n * (n - 1)) / 2, ordered: true });
    await worker.terminate();
  });

  it("wakes the reader once a quarter of the ring is published, and before waiting for an answer, not per block", () => {
    // A 64-value ring read in the same thread after each block (so the writer never waits for room).
    const memory = RecordRing.allocate(64);
    const writer = new RecordRing(memory);
    const reader = new RecordRing(memory);
    let sum = 0;
    for (let b = 0; b < 1000; b++) {
      writer.send(Float64Array.of(1, 2, 3, 4, 5), 5);
      for (let i = 0; i < 5; i++) sum += reader.next();
    }
    expect(sum).toBe(1000 * 15);
    // One wake per 16 values or more published since the last: every fourth block of 5.
    expect(writer.wakes).toBe(250);
    // A tail shorter than a quarter is not woken for by send; awaitAnswer wakes the reader for it first.
    writer.send(Float64Array.of(7), 1);
    expect(writer.wakes).toBe(250);
    expect(reader.next()).toBe(7);
    const seen = writer.answers();
    reader.answer();
    writer.awaitAnswer(seen);
    expect(writer.wakes).toBe(251);
  });

  it("gives a writer room as the reader works through a full ring, a quarter at a time, before it has caught up", () => {
    const memory = RecordRing.allocate(16);
    // A short stall time: a writer that got no room would throw within a second instead of returning.
    const writer = new RecordRing(memory, 300);
    const reader = new RecordRing(memory);
    writer.send(Float64Array.from({ length: 16 }, (_, i) => i), 16);
    // Five values read of sixteen: the reader is behind, and has published the first quarter it read.
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push(reader.next());
    writer.send(Float64Array.of(16, 17, 18, 19), 4);
    for (let i = 5; i < 20; i++) got.push(reader.next());
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("waits for the second answer after `seen` when asked for seen + 1", async () => {
    const memory = RecordRing.allocate(16);
    const writer = new RecordRing(memory);
    const seen = writer.answers();
    // The reader answers twice, 150 ms apart, in another thread.
    const source = `
      const { workerData } = require("node:worker_threads");
      const control = new Int32Array(workerData.control);
      const answer = () => { Atomics.add(control, 4, 1); Atomics.add(control, 2, 1); Atomics.notify(control, 2); };
      const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      pause(150); answer(); pause(150); answer();`;
    const worker = new Worker(source, { eval: true, workerData: memory });
    const started = performance.now();
    // Neither answer is there yet: this waits through the first to the second.
    writer.awaitAnswer(seen + 1);
    expect(writer.answers()).toBe(seen + 2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await worker.terminate();
  });

  it("throws in the writer when the reader has failed, or is silent past the stall time", () => {
    const failed = RecordRing.allocate(4);
    new RecordRing(failed).fail();
    expect(() => new RecordRing(failed).send(new Float64Array(8), 8)).toThrow(/failed/);
    const silent = new RecordRing(RecordRing.allocate(4), 300);
    expect(() => silent.send(new Float64Array(8), 8)).toThrow(/not answered/);
    expect(() => silent.awaitAnswer(silent.answers())).toThrow(/not answered/);
  });
});

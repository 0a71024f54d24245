// Tests of QueueRecorder: the 99th percentile of a port's occupancy read from its held closes and logged additions equals the one read from histograms added to directly.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import type { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { ConstantQueue } from "../../src/net/queues/ConstantQueue.js";
import type { QueueState } from "../../src/net/queues/QueueState.js";
import { LinearSawtooth } from "../../src/net/queues/LinearSawtooth.js";
import { sawtoothOf, type Sawtooth } from "../../src/net/queues/Sawtooth.js";
import type { Topology } from "../../src/net/Topology.js";
import { QueueRecorder } from "../../src/report/QueueRecorder.js";

/** Just what QueueRecorder asks of a QueueState, a FlowNetwork and a Topology: `ports` ports with their buffers and capacities. */
function recorder(ports: number, logEntries?: number, closesHeld?: number): QueueRecorder {
  const bufferBytes = Float64Array.from({ length: ports }, (_, r) => 100_000 + 37_000 * r);
  const queues = { settings: { bufferBytes }, anyRegistered: true, observe() {} } as unknown as QueueState;
  const network = { capacityOf: (r: number) => 1.25e9 * (1 + (r % 3)) } as unknown as FlowNetwork;
  const topology = { resourceCount: ports, channelCount: ports } as unknown as Topology;
  return new QueueRecorder(queues, network, topology, undefined, logEntries, closesHeld);
}

describe("QueueRecorder", () => {
  it("reads the same p99s from the log's pending additions as from histograms folded at every addition, after each finish", () => {
    // Six ports, 400 random sawtooth changes each (each cycle's 32 samples an addition):
    // `logged` holds every close (every p99 from the held closes), `direct` logs each close at
    // once and folds at each addition (every p99 from its histogram), `mixed` logs every 7
    // closes and folds every 1,000 additions (a histogram, pending additions and held closes),
    // `unheld` logs each close at once and never folds (every p99 from the log).
    const ports = 6;
    const logged = recorder(ports);
    const direct = recorder(ports, 1, 1);
    const mixed = recorder(ports, 1000, 7);
    const unheld = recorder(ports, undefined, 1);
    const recorders = [logged, direct, mixed, unheld];
    // The reference: every close's samples added straight into a dense histogram per port, in order.
    const reference = referenceP99s(ports);
    const random = randomStream(23, "queue p99 from the log");
    const change = (t: number) => {
      const r = Math.floor(random() * ports);
      const top = random() * (100_000 + 37_000 * r) * (random() < 0.1 ? 1.5 : 1);
      const samples = Float64Array.from({ length: 32 }, (_, i) => (top * (i + 1)) / 32);
      // DCTCP's sawtooths are LinearSawtooths (held as their four numbers), the others arrays of samples.
      const packet = 1500;
      const qMax = top / packet;
      const linear = new LinearSawtooth(qMax * (1 - 2 * random()), qMax, (100_000 + 37_000 * r) / packet, packet, random() * 0.1);
      // A queue that does not cycle has one sample (held as its bytes), as a record or as QueueModel makes it.
      const constant: Sawtooth = { samples: [top], meanBytes: top, maxBytes: top, markFraction: 0 };
      const u = random();
      const s = u < 0.2 ? sawtoothOf(new Float64Array(32)) : u < 0.5 ? linear : u < 0.6 ? constant : u < 0.7 ? new ConstantQueue(top) : sawtoothOf(samples, random() * 0.1);
      for (const rec of recorders) rec.queueChanged(r, s, t);
      reference.queueChanged(r, s, t);
    };
    const p99s = (rec: QueueRecorder) => Array.from({ length: ports }, (_, ch) => rec.cells(ch)[1]);
    let t = 0;
    for (let k = 0; k < 1200; k++) change((t += random() * 1e-3));
    for (const rec of recorders) rec.finish(t);
    const early = p99s(logged);
    expect(reference.p99s(t)).toEqual(early);
    expect(p99s(direct)).toEqual(early);
    expect(p99s(mixed)).toEqual(early);
    expect(p99s(unheld)).toEqual(early);
    for (let k = 0; k < 1200; k++) change((t += random() * 1e-3));
    for (const rec of recorders) rec.finish(t);
    const late = p99s(logged);
    expect(reference.p99s(t)).toEqual(late);
    expect(p99s(direct)).toEqual(late);
    expect(p99s(mixed)).toEqual(late);
    expect(p99s(unheld)).toEqual(late);
    expect(new Set(late).size).toBeGreaterThan(3);
    expect(late).not.toEqual(early);
    // A longer horizon (idle time added): the p99s are read anew, some lower.
    for (const rec of recorders) rec.finish(t * 50);
    expect(p99s(direct)).toEqual(p99s(logged));
    expect(p99s(mixed)).toEqual(p99s(logged));
    expect(p99s(unheld)).toEqual(p99s(logged));
    expect(p99s(logged)).not.toEqual(late);
    expect(reference.p99s(t * 50)).toEqual(p99s(logged));
  });
});

describe("QueueRecorder: the queue per interval of timeseries.csv", () => {
  it("splits a queue at interval boundaries a float quotient puts below the interval's start (0.29 / 0.01 = 28.999999999999996)", () => {
    // One port of 1.25e9 B/s, intervals of 10 ms: a constant queue of 1,000 B from 0.25 s, of
    // 3,000 B from 0.29 s, gone at 0.31 s. By hand, per interval: [0.28, 0.29) 1,000 B, at
    // 1,000 / 1.25e9 = 8e-7 s of delay; [0.29, 0.30) and [0.30, 0.31) 3,000 B (2.4e-6 s);
    // [0.31, 0.32) none. Before, the close at 0.31 s started its split at 0.29, whose
    // quotient's floor is 28: interval 28 ends at 29 · 0.01 = 0.29, no later than t, and the
    // loop never moved on (a run with a queue change at such an instant hung).
    const queues = { settings: { bufferBytes: Float64Array.of(1e6) }, anyRegistered: true, observe() {} } as unknown as QueueState;
    const network = { capacityOf: () => 1.25e9 } as unknown as FlowNetwork;
    const topology = { resourceCount: 1, channelCount: 1 } as unknown as Topology;
    const rec = new QueueRecorder(queues, network, topology, 0.01);
    rec.queueChanged(0, new ConstantQueue(1000), 0.25);
    rec.queueChanged(0, new ConstantQueue(3000), 0.29);
    rec.queueChanged(0, new ConstantQueue(0), 0.31);
    rec.finish(0.4);
    expect(rec.seriesCells(0, 0.28, 0.29)).toEqual([1000, 8e-7]);
    expect(rec.seriesCells(0, 0.29, 0.3)[0]).toBe(3000);
    expect(rec.seriesCells(0, 0.29, 0.3)[1]).toBeCloseTo(2.4e-6, 18);
    expect(rec.seriesCells(0, 0.3, 0.31)[0]).toBe(3000);
    expect(rec.seriesCells(0, 0.31, 0.32)).toEqual([0, 0]);
  });
});

/**
 * QueueRecorder's p99s computed the plain way: at each change a port's sawtooth until then adds
 * its samples' shares of the time straight into the port's dense histogram of 513 bins; the p99
 * is the upper edge of the bin where the idle time plus the bins in order reach 99 % of the run.
 */
function referenceP99s(ports: number) {
  const BINS = 512;
  const buffer = (r: number) => 100_000 + 37_000 * r;
  const bins = Array.from({ length: ports }, () => new Float64Array(BINS + 1));
  const current: Sawtooth[] = Array.from({ length: ports }, () => sawtoothOf(new Float64Array(32)));
  const since = new Float64Array(ports);
  const close = (r: number, t: number) => {
    const dt = t - since[r];
    since[r] = t;
    const s = current[r];
    if (!(dt > 0) || s.maxBytes === 0) return;
    const samples = s.samples;
    for (let i = 0; i < samples.length; i++) {
      const bin = Math.min(BINS, Math.floor((samples[i] / buffer(r)) * BINS));
      if (bin >= 0) bins[r][bin] += dt / samples.length;
    }
  };
  return {
    queueChanged(r: number, s: Sawtooth, t: number): void {
      close(r, t);
      current[r] = s;
    },
    p99s(endS: number): number[] {
      return Array.from({ length: ports }, (_, r) => {
        close(r, endS);
        let busy = 0;
        for (const b of bins[r]) busy += b;
        const target = 0.99 * endS;
        let acc = Math.max(0, endS - busy);
        if (acc >= target) return 0;
        for (let b = 0; b <= BINS; b++) {
          acc += bins[r][b];
          if (acc >= target) return Math.round(Math.min(buffer(r), ((b + 1) / BINS) * buffer(r)));
        }
        return Math.round(buffer(r));
      });
    },
  };
}

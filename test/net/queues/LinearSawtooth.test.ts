// Tests of LinearSawtooth: its samples, mean and largest sample are those of the array of samples it stands for, bit for bit.
import { describe, expect, it } from "vitest";
import { LinearSawtooth, linearSampleBytes, sampleCountOf } from "../../../src/net/queues/LinearSawtooth.js";
import { SAWTOOTH_SAMPLES, sawtoothOf } from "../../../src/net/queues/Sawtooth.js";

/** The samples as an array, each `min(B, max(0, qMin + ((i + ½)/n)(qMax − qMin))) · packet`, as DCTCP's sawtooth filled them before it was kept as its ends. */
function filled(qMin: number, qMax: number, buffer: number, packet: number): Float64Array {
  const samples = new Float64Array(SAWTOOTH_SAMPLES);
  for (let i = 0; i < SAWTOOTH_SAMPLES; i++) samples[i] = Math.min(buffer, Math.max(0, qMin + ((i + 0.5) / SAWTOOTH_SAMPLES) * (qMax - qMin))) * packet;
  return samples;
}

describe("LinearSawtooth", () => {
  it("has the samples, mean and largest sample of its filled array, bit for bit, clipped at 0 and at the buffer", () => {
    let seed = 11;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let clippedLow = 0;
    let clippedHigh = 0;
    for (let k = 0; k < 600; k++) {
      const qMax = next() * 300;
      const qMin = qMax - next() * 400;
      const buffer = next() < 0.2 ? next() * 100 : 100 + next() * 500;
      const packet = 64 + next() * 1500;
      const mark = next();
      const s = new LinearSawtooth(qMin, qMax, buffer, packet, mark);
      const expected = filled(qMin, qMax, buffer, packet);
      const taken = sawtoothOf(expected, mark);
      expect(s.meanBytes).toBe(taken.meanBytes);
      expect(s.maxBytes).toBe(taken.maxBytes);
      expect(s.markFraction).toBe(mark);
      expect(sampleCountOf(s)).toBe(SAWTOOTH_SAMPLES);
      expect(Float64Array.from({ length: SAWTOOTH_SAMPLES }, (_, i) => s.sampleBytes(i))).toEqual(expected);
      expect(Float64Array.from({ length: SAWTOOTH_SAMPLES }, (_, i) => linearSampleBytes(qMin, qMax, buffer, packet, i))).toEqual(expected);
      expect(s.samples).toEqual(expected);
      if (qMin < 0) clippedLow++;
      if (qMax > buffer) clippedHigh++;
    }
    expect(clippedLow).toBeGreaterThan(30);
    expect(clippedHigh).toBeGreaterThan(30);
  });

  it("counts any other sawtooth's samples from its array", () => {
    expect(sampleCountOf(sawtoothOf(Float64Array.of(3, 1, 2)))).toBe(3);
  });
});

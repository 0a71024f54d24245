// fifoOverflow against closed forms: one burst into a drop-tail port, how long it drops, shares among simultaneous bursts, marks above K, conservation.
import { describe, expect, it } from "vitest";
import { fifoOverflow } from "../../../src/net/queues/fifoOverflow.js";
import { randomStream } from "../../../src/core/randomStream.js";

describe("fifoOverflow", () => {
  it("one burst of P packets over d seconds into an empty port of limit B draining μ drops P − μd − B", () => {
    // P = 1,000 packets over 1 ms (1e6 pkt/s) into μ = 833,333 pkt/s (10 Gb/s of 1,500 B), B = 100:
    // the queue fills at 166,667 pkt/s, full after 0.6 ms; the last 0.4 ms arrive 400 packets of
    // which the port drains 333.3: 66.7 dropped = 1000 − 833.3 − 100.
    const mu = 1e10 / 8 / 1500;
    const { dropped, marked } = fifoOverflow([{ packets: 1000, durationS: 1e-3 }], 1e-3, mu, 0, 100, Infinity, randomStream(1, "fifo"));
    expect(dropped[0]).toBeCloseTo(1000 - mu * 1e-3 - 100, 9);
    expect(marked[0]).toBe(0);
  });

  it("tells how long the port drops and the share of the arrivals it drops meanwhile", () => {
    // The burst above: full from 100 / (1e6 − μ) = 0.6 ms to the end (0.4 ms), dropping (1e6 − μ)/1e6 = 1/6 of what arrives then.
    const mu = 1e10 / 8 / 1500;
    const { fullS, fullShare } = fifoOverflow([{ packets: 1000, durationS: 1e-3 }], 1e-3, mu, 0, 100, Infinity, randomStream(1, "fifo"));
    expect(fullS).toBeCloseTo(1e-3 - 100 / (1e6 - mu), 12);
    expect(fullShare).toBeCloseTo((1e6 - mu) / 1e6, 12);
    // Room for all of it: never full.
    const none = fifoOverflow([{ packets: 100, durationS: 1e-3 }], 1e-3, mu, 0, 100, Infinity, randomStream(1, "fifo"));
    expect(none.fullS).toBe(0);
    expect(none.fullShare).toBe(0);
  });

  it("marks what arrives while the queue is at K or above: the arrivals after it reaches K", () => {
    // Same burst, K = 20, limit 100: the queue reaches K at 20/166,667 s = 0.12 ms; the 0.88 ms of
    // arrivals after it (880 packets at 1e6 pkt/s) are marked.
    const mu = 1e10 / 8 / 1500;
    const rise = 1e6 - mu;
    const { marked } = fifoOverflow([{ packets: 1000, durationS: 1e-3 }], 1e-3, mu, 0, 100, 20, randomStream(1, "fifo"));
    expect(marked[0]).toBeCloseTo(1e6 * (1e-3 - 20 / rise), 6);
  });

  it("bursts that all arrive together share the drops in proportion to their rates", () => {
    // Three trains over the whole span (no room to draw offsets): 300, 200, 100 packets in 0.5 ms,
    // μ = 400,000 pkt/s, empty port, limit 50. Arrivals 600, drained 200, queued 50: 350 dropped,
    // split 3 : 2 : 1.
    const bursts = [300, 200, 100].map((packets) => ({ packets, durationS: 5e-4 }));
    const { dropped } = fifoOverflow(bursts, 5e-4, 4e5, 0, 50, Infinity, randomStream(1, "fifo"));
    expect(dropped[0] + dropped[1] + dropped[2]).toBeCloseTo(350, 9);
    expect(dropped[0] / dropped[2]).toBeCloseTo(3, 9);
    expect(dropped[1] / dropped[2]).toBeCloseTo(2, 9);
  });

  it("trains stretched by a feed all arrive from the start of the span: every one loses the same share, B + μ·span kept of n·p", () => {
    // 24 first flights of 10 packets, each a 12 µs train at the port's own rate μ (10 Gb/s of
    // 1,500 B), leave together through feeds that carry a third of their sum: each reaches the
    // port stretched ×3, over the whole 36 µs span. Arrivals 240, drained μ·36 µs = 30, kept
    // 100: 110 dropped, 110/24 from each (ns-3's synchronised senders each lose 4–6 of 10).
    // Without the stretch the same trains start at offsets drawn over the span and the late
    // ones lose most of theirs (a lock-out), the early ones nothing.
    const mu = 1e10 / 8 / 1500;
    const train = 10 / mu;
    const bursts = Array.from({ length: 24 }, () => ({ packets: 10, durationS: train }));
    const { dropped } = fifoOverflow(bursts, 3 * train, mu, 0, 100, Infinity, randomStream(1, "fifo"), 3);
    for (let i = 0; i < 24; i++) expect(dropped[i]).toBeCloseTo((240 - 100 - mu * 3 * train) / 24, 9);
    const drawn = fifoOverflow(bursts, 3 * train, mu, 0, 100, Infinity, randomStream(1, "fifo")).dropped;
    expect(Math.max(...drawn) - Math.min(...drawn)).toBeGreaterThan(5);
  });

  it("drops nothing when the arrivals never outrun the drain plus the room left", () => {
    const bursts = Array.from({ length: 8 }, () => ({ packets: 10, durationS: 1e-5 }));
    const { dropped } = fifoOverflow(bursts, 1e-3, 8.33e5, 0, 100, Infinity, randomStream(1, "fifo"));
    expect(Array.from(dropped).every((d) => d === 0)).toBe(true);
  });

  it("for staggered bursts, each burst's drops match a fluid queue stepped independently in 10 ns steps", () => {
    // 32 bursts of 44 packets (an incast round of 64 KB responses), each arriving at 10 Gb/s ×
    // 1.2 (an upstream faster than the port), drawn within 1 ms, into a 100-packet port already
    // holding 10 and draining 10 Gb/s of 1,500 B packets. The same offsets are redrawn from the
    // same stream and the queue stepped by brute force, dropping what overflows from the bursts
    // arriving then in proportion to their rates.
    const mu = 1e10 / 8 / 1500;
    const n = 32;
    const bursts = Array.from({ length: n }, () => ({ packets: 44, durationS: 44 / (1.2 * mu) }));
    const seed = 7;
    const { dropped } = fifoOverflow(bursts, 1e-3, mu, 10, 100, Infinity, randomStream(seed, "fifo"));
    // Redraw the same offsets and step a fluid queue at 10 ns.
    const r = randomStream(seed, "fifo");
    const starts = bursts.map((b) => r() * (1e-3 - Math.max(b.durationS, 1 / mu)));
    const stepS = 1e-8;
    const drops = new Float64Array(n);
    let q = 10;
    for (let t = 0; t < 1.2e-3; t += stepS) {
      let a = 0;
      const on: number[] = [];
      for (let i = 0; i < n; i++) {
        const d = Math.max(bursts[i].durationS, 1 / mu);
        if (t >= starts[i] && t < starts[i] + d) {
          a += bursts[i].packets / d;
          on.push(i);
        }
      }
      q += (a - mu) * stepS;
      if (q < 0) q = 0;
      if (q > 100) {
        for (const i of on) drops[i] += ((q - 100) * bursts[i].packets) / Math.max(bursts[i].durationS, 1 / mu) / a;
        q = 100;
      }
    }
    const total = drops.reduce((s, x) => s + x, 0);
    const model = dropped.reduce((s, x) => s + x, 0);
    expect(total).toBeGreaterThan(100);
    expect(Math.abs(model - total) / total).toBeLessThan(0.01);
    for (let i = 0; i < n; i++) expect(Math.abs(dropped[i] - drops[i])).toBeLessThan(0.02 * 44 + 1);
  });
});

// flows.csv's marks, mark_cuts and loss_cuts of tcp flows: a DCTCP sawtooth's marks and cuts per flow against DCTCP's steady state (Alizadeh et al. 2010), their sum against links.csv's marks, and none where no port marks.
import { describe, expect, it } from "vitest";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { QueueRecorder } from "../../../src/report/QueueRecorder.js";
import { TCP_DEFAULTS, type TransportSpec } from "../../../src/transport/TransportSpec.js";
import { TCP_COLUMNS } from "../../../src/transport/tcp/tcpModel.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H; // 1,502 B on the wire per full segment
const CA = 5e9; // each sender's link, 40 Gb/s
const C = 1.25e9; // s → b, 10 Gb/s: the port every flow is bound at
const K = 30; // packets, at s → b
const DCTCP: TransportSpec = { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: H, delayedAck: 1 };

/** N senders a0 … a(N−1) —40 Gb/s, 1 µs— s —10 Gb/s, 1 µs, K = 30 packets (or none)— b; one long flow from each, all started at 0. */
function star(n: number, sizeBytes: number, options: { k?: number; spec?: TransportSpec } = {}) {
  const senders = Array.from({ length: n }, (_, i) => `a${i}`);
  const t = transportNetwork(
    [...senders, "s", "b"],
    [
      ...senders.map((a) => ({ from: a, to: "s", bandwidthBps: CA, latencyS: 1e-6, bufferBytes: 1000 * P })),
      { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 1000 * P, ...(options.k !== 0 && { ecnThresholdBytes: (options.k ?? K) * P }) },
    ],
  );
  const recorder = new QueueRecorder(t.queues, t.network, t.topology);
  const ctx = t.context.forWorkload("w", options.spec ?? DCTCP);
  const results = new Map<string, TransferResult>();
  for (const a of senders) ctx.startTransfer({ id: a, src: a, dst: "b", sizeBytes }, (r) => results.set(a, r));
  t.sim.run();
  const run = t.context.transportRuns.get("tcp")!;
  const col = (name: (typeof TCP_COLUMNS)[number]) => TCP_COLUMNS.indexOf(name);
  /** Flow f's cell of column `name`. */
  const cell = (f: number, name: (typeof TCP_COLUMNS)[number]) => Number(run.cells(f)![col(name)]);
  recorder.finish(t.sim.nowS);
  const sb = t.topology.channelBetween(t.topology.nodeIndex.get("s")!, t.topology.nodeIndex.get("b")!);
  /** links.csv's marks at s → b. */
  const linkMarks = recorder.cells(sb)[5];
  return { ...t, results, cell, linkMarks, sb };
}

describe("tcp: marks and cuts per flow (flows.csv)", () => {
  it("has the columns marks, mark_cuts and loss_cuts after timeouts", () => {
    expect(TCP_COLUMNS.slice(4)).toEqual(["timeouts", "marks", "mark_cuts", "loss_cuts"]);
  });

  for (const n of [1, 4]) {
    it(`${n} long DCTCP flow(s) at one marking port: their marks add up to the port's, marked at ns-3's settled α, cut 2/(α(W* + 1)) times per round trip`, () => {
      // Each flow moves 16/N MB: ~13 ms at 10 Gb/s, almost all of it settled in the port's sawtooth.
      const sizeBytes = 16e6 / n;
      const c = star(n, sizeBytes);
      expect(c.results.size).toBe(n);
      let marks = 0;
      let cuts = 0;
      for (let f = 0; f < n; f++) {
        marks += c.cell(f, "marks");
        cuts += c.cell(f, "mark_cuts");
        expect(c.cell(f, "loss_cuts")).toBe(0);
      }
      // Sum against links.csv (each rounded to the packet: N + 1 halves at most).
      expect(Math.abs(marks - c.linkMarks)).toBeLessThanOrEqual((n + 1) / 2);
      // DCTCP's steady state at s → b (Alizadeh et al. 2010, §3.3): each flow's base RTT is 2·2 µs
      // plus a full packet out and an ACK back at both hops (0.78 µs), its pipe C × RTT, W* = (P + K)/N, and
      // the port marks the fraction α the flows settle at in ns-3 (dctcpSettledAlpha, Session 44).
      const baseRtt = 4e-6 + P / CA + P / C + H / C + H / CA;
      const wStar = ((C * baseRtt) / P + K) / n;
      const alpha = dctcpSettledAlpha(wStar);
      const packets = (n * (Math.ceil(sizeBytes / MSS) * P)) / 1500;
      // Marked fraction of what crossed the port: α, less slow start's unmarked first rounds (within 10 %).
      expect(marks / packets).toBeGreaterThan(0.9 * alpha);
      expect(marks / packets).toBeLessThan(1.1 * alpha);
      // A settled window grows one packet per round trip and loses α/2 of its peak W* + 1 at each
      // cut: 2/(α(W* + 1)) cuts per round trip. The round trip carries the sawtooth's mean queue,
      // between K + N − N(W* + 1)α*/2 and K + N: near K (within 10 % of the base RTT + K packets: 1 % for N = 1, 2 % for N = 4).
      const rtt = baseRtt + (K * P) / C;
      const drainS = (n * sizeBytes) / C;
      const expected = (n * drainS) / rtt / ((alpha * (wStar + 1)) / 2);
      expect(cuts).toBeGreaterThan(0.9 * expected);
      expect(cuts).toBeLessThan(1.1 * expected);
      // About one window of marks per cut (eq. 7's balance: one window of marks per period).
      expect(marks / cuts).toBeGreaterThan(0.5 * (wStar + 1));
      expect(marks / cuts).toBeLessThan(1.5 * (wStar + 1));
    });
  }

  it("a DCTCP flow through no marking port is marked and cut for marks 0 times", () => {
    const c = star(2, 4e6, { k: 0 });
    expect(c.linkMarks).toBe(0);
    for (let f = 0; f < 2; f++) {
      expect(c.cell(f, "marks")).toBe(0);
      expect(c.cell(f, "mark_cuts")).toBe(0);
    }
  });

  it("a NewReno flow (not ECN-capable) at a marking port is marked 0 times; its window cuts are for losses", () => {
    const c = star(2, 4e6, { spec: { ...DCTCP, cc: "newreno" } });
    for (let f = 0; f < 2; f++) {
      expect(c.cell(f, "marks")).toBe(0);
      expect(c.cell(f, "mark_cuts")).toBe(0);
    }
    // RED at K drops what is not ECN-capable: each flow's window is cut for those losses.
    expect(c.cell(0, "loss_cuts") + c.cell(1, "loss_cuts")).toBeGreaterThan(0);
  });
});

// scenarios/queues-agents-surge{,-dctcp}.yaml: what ports' queues do to agents' p99 on a fabric with bandwidth to spare, bounded by the buffer and K.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import { recordsByPopulation } from "../workloads/serving/runServing.js";

const FILE = "scenarios/queues-agents-surge.yaml";
const base = load(readFileSync(FILE, "utf8")) as Record<string, unknown>;

/** The bots' request latencies that started during the surge [0.4 s, 0.6 s) and over the whole run, and the links' utilisation, for a variant of the scenario. */
function run(change: Record<string, unknown>) {
  const prepared = prepareScenarioDocument({ ...base, ...change }, FILE);
  const s = simulate(prepared);
  const bots = recordsByPopulation(s.workloads).requests.get("bots")!;
  const during = bots.filter((q) => q.startS >= 0.4 && q.startS < 0.6).map((q) => q.totalS);
  const all = bots.map((q) => q.totalS);
  s.resources.finish(s.run.endS);
  let maxUtil = 0;
  for (let ch = 0; ch < prepared.topology.channelCount; ch++) maxUtil = Math.max(maxUtil, s.resources.meanUtilOf(ch));
  return { during, all, maxUtil };
}

/**
 * The scenario on `maxmin` for every workload: the top-level transport, and the bots without their
 * `connection: persistent` (which is shorthand for tcp and would keep them on tcp).
 */
const fluid = {
  transport: { model: "maxmin" },
  workloads: (base.workloads as Array<Record<string, Record<string, unknown>>>).map((w) => {
    if (!w.agents) return w;
    const { connection: _tcp, ...agents } = w.agents;
    return { agents };
  }),
};

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * xs.length)];

/** Each variant is simulated once, on first use (inside a test, not at collection). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

describe("queues-agents-surge: agents' p99 under a surge of bulk traffic", () => {
  // A bot's request and its response cross 4 ports each way (host → leaf → spine → leaf → host).
  // A 25 Gb/s port holds at most its buffer: Cubic on drop-tail fills up to 1,000 × 1,500 B =
  // 1.5 MB = 480 µs of queue; DCTCP holds about K = 65 × 2.5 = 162.5 packets ≈ 78 µs, plus a
  // packet per flow bound there. maxmin holds none.
  const BUFFER_S = (1000 * 1500) / 3.125e9;
  const K_S = (162.5 * 1500) / 3.125e9;
  const maxmin = once(() => run(fluid));
  const cubic = once(() => run({}));
  const dctcp = once(() => run({ transport: { model: "tcp", handshake: "tcp", cc: "dctcp" } }));
  const smallBuffers = once(() => run({ queues: { buffer: "100pkt" } }));

  it("leaves bandwidth to spare: no link is more than 60 % busy on average", () => {
    for (const r of [maxmin(), cubic(), dctcp()]) expect(r.maxUtil).toBeLessThan(0.6);
  });

  it("Cubic's full drop-tail buffers add at least half a buffer to the p99, and at most a full buffer at each of the 8 ports", () => {
    const excess = p99(cubic().during) - p99(maxmin().during);
    expect(excess).toBeGreaterThan(BUFFER_S / 2);
    expect(excess).toBeLessThan(8 * BUFFER_S);
  });

  it("DCTCP holds the queue near K: its p99 excess is under 8 × (K + a packet per flow) and under half of Cubic's", () => {
    const excess = p99(dctcp().during) - p99(maxmin().during);
    expect(excess).toBeGreaterThan(0);
    expect(excess).toBeLessThan(8 * (K_S + (64 * 1500) / 3.125e9));
    expect(excess).toBeLessThan((p99(cubic().during) - p99(maxmin().during)) / 2);
  });

  it("flips with the buffer: at 100 packets per port Cubic's queues (48 µs at most) cost less than DCTCP's K, but its drops time some calls out (min RTO)", () => {
    // A call whose response waits out a retransmission timeout takes at least the min RTO; no other comes near it.
    const MIN_RTO_S = 0.2;
    const all = smallBuffers().during;
    const timedOut = all.filter((x) => x >= MIN_RTO_S);
    const rest = all.filter((x) => x < MIN_RTO_S);
    // Shallow buffers trade queueing for losses: a few calls (not most) lose their response's tail
    // at a full port. Which ones is a draw: over seeds 1–6 the calls started in the 200 ms surge
    // that time out number 5–13 of ~400, those of the whole run 10–26 of ~2,000 (session 37's
    // model, with ns-3's slow-start threshold and Cubic's window after a timeout); so some are counted over the run,
    // and few over the surge.
    expect(smallBuffers().all.filter((x) => x >= MIN_RTO_S).length).toBeGreaterThan(0);
    expect(timedOut.length).toBeLessThan(0.05 * all.length);
    // ... while the others meet at most a small buffer at each of the 8 ports: less than DCTCP's K.
    expect(p99(rest)).toBeLessThan(p99(dctcp().during));
    expect(p99(rest) - p99(maxmin().during)).toBeLessThan(8 * (100 * 1500) / 3.125e9);
    // DCTCP marks before its buffer fills: it times no call out. 1,000-packet buffers absorb
    // nearly all of the surge: since session 36 a full port drops its flows' window growth by
    // their arrivals, not one packet a flow, and now and then a call loses its first flight at a
    // full port and waits out an RTO (over seeds 1–6: 0–1 of the ~400 started in the surge, 0–1
    // of the ~2,000 of the run; seed 1, this scenario's, none).
    expect(dctcp().during.every((x) => x < MIN_RTO_S)).toBe(true);
    expect(cubic().during.filter((x) => x >= MIN_RTO_S).length).toBeLessThan(0.01 * cubic().during.length);
  });
});

// Cross-check of the tcp transport model against ns-3 3.37: Cubic requests and a transfer over a 20 ms WAN, and DCTCP's queue on a dumbbell.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readReportCsv } from "../../bench/readReportCsv.js";
import type { Ns3Case } from "../../bench/ns3/cases.js";
import { toNs3Text, toScenario, wan } from "../../bench/ns3/cases.js";
import { runChokepoint, runNs3 } from "../../bench/ns3/compare.js";
import { compareSeeds, ns3TimedOut } from "../../bench/ns3/seeds.js";
import { missingNs3Packages } from "../../bench/missingPackages.js";
import { bundledModuleUrl } from "../bundledModuleUrl.js";
import { skipCrossCheck } from "./skipCrossCheck.js";

const missing = missingNs3Packages();
const skip = skipCrossCheck("test/crosscheck/ns3.test.ts (ns-3 cross-check)", missing);

const dir = mkdtempSync(join(tmpdir(), "chokepoint-ns3-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** chokepoint's CLI as this run's bundle of src (test/bundleSources.ts): the same answers as the sources under tsx, without their 1–2 s start-up. */
const CLI = [fileURLToPath(bundledModuleUrl("main.js"))];

describe.skipIf(skip)("tcp against ns-3 on the two-site WAN (10 Gb/s, 20 ms one way, new connection per transfer)", () => {
  it("libns3-dev and g++ are installed (CI installs them; elsewhere this file is skipped without them)", () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  it("each transfer's FCT is within 15% of ns-3's, where maxmin is off by more than 5× on the 1 MB requests", () => {
    // One at a time, so each sees an idle path: handshake and slow start dominate, as in
    // the measurement (ns-3 ≈ 14× the fluid answer for 1 MB).
    const c = wan(1, 0, 1, 1);
    c.name = "wan-requests";
    c.flows = [
      ...[0, 1, 2, 3].map((i) => ({ id: `req${i}`, src: `a${i}`, dst: `b${i}`, sizeBytes: 1e6, startS: i })),
      { id: "big", src: "a0", dst: "b1", sizeBytes: 20e6, startS: 5 },
    ];
    writeFileSync(join(dir, `${c.name}.ns3.txt`), toNs3Text(c));
    writeFileSync(join(dir, `${c.name}.json`), JSON.stringify(toScenario(c)));
    const ns3 = runNs3(dir, c.name, true);
    const tcp = runChokepoint(dir, c.name, "tcp", CLI).rows;
    const maxmin = runChokepoint(dir, c.name, "maxmin", CLI).rows;
    for (const f of c.flows) {
      const ns3Fct = ns3.finishS.get(f.id)! - f.startS;
      const tcpRatio = Number(tcp.get(f.id)!.fct_s) / ns3Fct;
      expect(tcpRatio, `${f.id}: tcp/ns-3 FCT`).toBeGreaterThan(0.85);
      expect(tcpRatio, `${f.id}: tcp/ns-3 FCT`).toBeLessThan(1.15);
      if (f.sizeBytes === 1e6) expect(Number(maxmin.get(f.id)!.fct_s) / ns3Fct, `${f.id}: maxmin/ns-3 FCT`).toBeLessThan(0.2);
    }
  });
});

describe.skipIf(skip)("tcp (DCTCP) against ns-3 on a marking dumbbell: the standing queue and what it costs short flows", () => {
  it("two long flows keep the bottleneck's queue at DCTCP's sawtooth, and probes behind it take ns-3's time within 25 %, where maxmin is off by more", () => {
    // s0, s1 —40 Gb/s— L —10 Gb/s— R —40 Gb/s— r0, r1, 10 µs per link, 200-packet buffers,
    // K = 20. Two 30 MB flows from t = 0; 20 KB probes from s0 to r1 every 2 ms from 5 ms on
    // (the long flows are in steady state by then), each a new connection.
    const nodes = ["s0", "s1", "L", "R", "r0", "r1"];
    const link = (a: string, b: string, gbps: number) => ({ a, b, rateBps: gbps * 1e9, latencyS: 10e-6, queuePackets: 200 });
    const c: Ns3Case = {
      name: "dumbbell-dctcp-probes",
      seed: 1,
      nodes,
      links: [link("s0", "L", 40), link("s1", "L", 40), link("L", "R", 10), link("R", "r0", 40), link("R", "r1", 40)],
      flows: [
        { id: "long0", src: "s0", dst: "r0", sizeBytes: 30e6, startS: 0 },
        { id: "long1", src: "s1", dst: "r0", sizeBytes: 30e6, startS: 0 },
        ...Array.from({ length: 8 }, (_, i) => ({ id: `probe${i}`, src: "s0", dst: "r1", sizeBytes: 20e3, startS: 0.005 + 0.002 * i })),
      ],
      sockbufBytes: 16 * 1024 * 1024,
      cc: "dctcp",
      ecnKPackets: 20,
      delayedAck: 1,
    };
    writeFileSync(join(dir, `${c.name}.ns3.txt`), toNs3Text(c));
    writeFileSync(join(dir, `${c.name}.json`), JSON.stringify(toScenario(c)));
    const ns3 = runNs3(dir, c.name, true);
    const tcp = runChokepoint(dir, c.name, "tcp", CLI).rows;
    const maxmin = runChokepoint(dir, c.name, "maxmin", CLI).rows;
    const ratio = (rows: Map<string, Record<string, string>>, id: string) => Number(rows.get(id)!.fct_s) / (ns3.finishS.get(id)! - Number(rows.get(id)!.start_s));
    for (let i = 0; i < 8; i++) {
      expect(ratio(tcp, `probe${i}`), `probe${i}: tcp/ns-3`).toBeGreaterThan(0.75);
      expect(ratio(tcp, `probe${i}`), `probe${i}: tcp/ns-3`).toBeLessThan(1.25);
      expect(ratio(maxmin, `probe${i}`), `probe${i}: maxmin/ns-3`).toBeLessThan(0.75);
    }
    for (const id of ["long0", "long1"]) {
      expect(ratio(tcp, id), `${id}: tcp/ns-3`).toBeGreaterThan(0.9);
      expect(ratio(tcp, id), `${id}: tcp/ns-3`).toBeLessThan(1.1);
    }
    // The bottleneck's mean queue over the run: ns-3's, in packets of 1,502 B, against links.csv.
    const ns3Queue = readReportCsv(join(dir, `${c.name}.ns3.links.csv`)).find((r) => r.from === "L" && r.to === "R")!;
    const ours = readReportCsv(join(dir, `out-${c.name}-tcp`, "links.csv")).find((r) => r.link === "L->R")!;
    const ratioQueue = Number(ours.queue_mean_bytes) / 1502 / Number(ns3Queue.mean_queue_packets);
    expect(ratioQueue).toBeGreaterThan(0.75);
    expect(ratioQueue).toBeLessThan(1.25);
  });
});

describe.skipIf(skip)("flows.cc's traces of congestion states and drops (tracestates, tracedrops)", () => {
  it("writes each flow's recoveries and every dropped packet without changing the run", () => {
    // Two NewReno flows overflow a 20-packet buffer at a 1 Gb/s bottleneck from slow start on.
    const body = [
      "option segsize 1448",
      "option iw 10",
      "option cc newreno",
      "option delack 1",
      "node a",
      "node b",
      "node s",
      "node r",
      "link a s 10000000000 0.000001 1000",
      "link b s 10000000000 0.000001 1000",
      "link s r 1000000000 0.00001 20",
      "flow f0 a r 2000000 0 1",
      "flow f1 b r 2000000 0 1",
    ];
    writeFileSync(join(dir, "traced.ns3.txt"), ["option tracestates 1", "option tracedrops 1", ...body].join("\n") + "\n");
    writeFileSync(join(dir, "counted.ns3.txt"), ["option tracelosses 1", ...body].join("\n") + "\n");
    runNs3(dir, "traced", true);
    runNs3(dir, "counted", true);
    const rows = (path: string) => readFileSync(path, "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
    // Same dynamics: tracedrops turns the devices' flow control off as tracelosses does.
    expect(readFileSync(join(dir, "traced.ns3.csv"), "utf8")).toBe(readFileSync(join(dir, "counted.ns3.csv"), "utf8"));
    const flows = rows(join(dir, "traced.ns3.csv"));
    const states = rows(join(dir, "traced.ns3.csv.states.csv"));
    for (const [id, , , recoveries, timeouts] of flows) {
      expect(states.filter((s) => s[1] === id && s[2] === "CA_RECOVERY").length, `${id}: recoveries`).toBe(Number(recoveries));
      expect(states.filter((s) => s[1] === id && s[2] === "CA_LOSS").length, `${id}: timeouts`).toBe(Number(timeouts));
    }
    expect(flows.some(([, , , recoveries]) => Number(recoveries) > 0)).toBe(true);
    // A flow's recovery is entered with its window, and left at ssthresh: a smaller one.
    const f0 = states.filter((s) => s[1] === "f0");
    const entry = f0.findIndex((s) => s[2] === "CA_RECOVERY");
    const exit = f0.findIndex((s, i) => i > entry && s[2] === "CA_OPEN");
    expect(Number(f0[exit][3])).toBeLessThan(Number(f0[entry][3]));
    // Every drop the links file counts is in the drops file, with the flow whose data it carried.
    const drops = rows(join(dir, "traced.ns3.csv.drops.csv"));
    const counted = rows(join(dir, "counted.ns3.links.csv")).reduce((n, l) => n + Number(l[5]), 0);
    expect(drops.length).toBe(counted);
    expect(drops.length).toBeGreaterThan(0);
    for (const [, from, to, id, , payload] of drops) {
      expect([from, to, id]).toEqual(["s", "r", id === "f0" ? "f0" : "f1"]);
      expect(Number(payload)).toBe(1448);
    }
  });
});

describe.skipIf(skip)("flows.cc's established_s: when each sender's handshake completed", () => {
  it("is one handshake after the start when the SYN gets through, and the SYN timeout later when it is lost; ns3TimedOut counts the lost one", () => {
    // f0's first flight of 10 packets meets a 1-packet queue at a 10 Mb/s port; f1's SYN, sent 120 µs after f0's start
    // (just after f0's handshake, 114.9 µs here), arrives while that queue is full and is dropped.
    const text = [
      "option segsize 1448",
      "option iw 10",
      "option cc newreno",
      "option delack 1",
      "option tracelosses 1",
      ...["a", "b", "s", "r"].map((n) => `node ${n}`),
      "link a s 10000000000 0.000001 1000",
      "link b s 10000000000 0.000001 1000",
      "link s r 10000000 0.00001 1",
      "flow f0 a r 100000 0 1",
      "flow f1 b r 10000 0.00012 1",
    ];
    writeFileSync(join(dir, "syn.ns3.txt"), text.join("\n") + "\n");
    const run = runNs3(dir, "syn", true);
    const handshake = (id: string) => run.establishedS!.get(id)! - run.startS.get(id)!;
    // One round trip: 2 × (1 + 10) µs of propagation plus a SYN and a SYN-ACK (< 100 B each) serialized at 10 Mb/s
    // (< 80 µs each) and at 10 Gb/s (< 0.1 µs each).
    expect(handshake("f0")).toBeGreaterThan(22e-6);
    expect(handshake("f0")).toBeLessThan(22e-6 + 2 * 80e-6 + 2 * 0.1e-6);
    // f1: its SYN again after the 1 s SYN timeout, on the same path lengths as f0's: the same round trip.
    expect(handshake("f1") - 1).toBeCloseTo(handshake("f0"), 9);
    expect(ns3TimedOut({ ...run, timeouts: new Map([["f0", 0], ["f1", 0]]) }, 1)).toBe(1);
  });
});

describe.skipIf(skip)("flows.cc's start jitter (option jitter, option rngrun) and compare.ts --seeds", () => {
  // Four NewReno flows at one instant into a 20-packet port: which packets the port drops hangs on their order.
  const c: Ns3Case = {
    name: "burst",
    seed: 7,
    nodes: ["a", "b", "c", "d", "s", "r"],
    links: [
      ...["a", "b", "c", "d"].map((h) => ({ a: h, b: "s", rateBps: 10e9, latencyS: 1e-6, queuePackets: 100 })),
      { a: "s", b: "r", rateBps: 10e9, latencyS: 1e-6, queuePackets: 20 },
    ],
    flows: ["a", "b", "c", "d"].map((h, i) => ({ id: `f${i}`, src: h, dst: "r", sizeBytes: 100e3, startS: 0.001 })),
    sockbufBytes: 16 * 1024 * 1024,
    cc: "newreno",
    delayedAck: 1,
  };
  const text = toNs3Text(c);
  const run = (name: string, extra: string[]) => {
    writeFileSync(join(dir, `${name}.ns3.txt`), [text, ...extra].join("\n") + "\n");
    runNs3(dir, name, true);
    return readFileSync(join(dir, `${name}.ns3.csv`), "utf8");
  };

  it("without jitter a replay draws nothing (RngRun changes no byte); with it each start moves by U[0, jitter) per RngRun", () => {
    const plain = run("plain", []);
    expect(run("run2", ["option rngrun 2"])).toBe(plain);
    const j1 = run("j1", ["option jitter 1e-6", "option rngrun 1"]);
    expect(run("j1again", ["option jitter 1e-6", "option rngrun 1"])).toBe(j1);
    const j2 = run("j2", ["option jitter 1e-6", "option rngrun 2"]);
    const starts = (csv: string) => csv.trim().split("\n").slice(1).map((l) => Number(l.split(",")[1]));
    for (const s of [...starts(j1), ...starts(j2)]) {
      expect(s).toBeGreaterThan(0.001);
      expect(s).toBeLessThan(0.001 + 1e-6);
    }
    expect(starts(j2)).not.toEqual(starts(j1));
    expect(new Set(starts(j1)).size).toBe(4);
  });

  it("compareSeeds runs the case as cased and per seed on both sides, and reuses an unchanged seeded ns-3 run", () => {
    writeFileSync(join(dir, "burst.ns3.txt"), text);
    writeFileSync(join(dir, "burst.json"), JSON.stringify(toScenario(c)));
    const rows = compareSeeds(dir, "burst", "tcp", [1, 2], 1e-6, false, CLI);
    expect(rows.map((r) => r.seed)).toEqual(["case", 1, 2]);
    for (const r of rows) {
      expect(r.ns3.fctP50S).toBeGreaterThan(0);
      expect(r.model.fctP99S).toBeGreaterThanOrEqual(r.model.fctP50S);
    }
    const seeded = join(dir, "seeds-j0.000001", "burst.s2.ns3.csv");
    expect(readFileSync(join(dir, "seeds-j0.000001", "burst.s2.ns3.txt"), "utf8")).toMatch(/option jitter 0\.000001\noption rngrun 2\n$/);
    expect(JSON.parse(readFileSync(join(dir, "seeds-j0.000001", "burst.s2.json"), "utf8")).seed).toBe(2);
    const before = statSync(seeded).mtimeMs;
    compareSeeds(dir, "burst", "tcp", [2], 1e-6, false, CLI);
    expect(statSync(seeded).mtimeMs).toBe(before);
  });
});

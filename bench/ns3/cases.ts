// cases: write the ns-3 cross-check cases, each as an ns-3 text case (bench/ns3/flows.cc) and the equivalent chokepoint scenario JSON.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { exponential, randomStream } from "../../src/core/randomStream.js";
import { sizeSampler } from "../../src/workloads/sizeSampler.js";

/** A full-duplex link of a case, in engine units. */
export interface Ns3Link {
  a: string;
  b: string;
  rateBps: number;
  latencyS: number;
  /** Drop-tail queue of the ns-3 device, packets per direction. */
  queuePackets: number;
}

/** One transfer of a case: its own new TCP connection in ns-3. */
export interface Ns3Flow {
  id: string;
  src: string;
  dst: string;
  sizeBytes: number;
  startS: number;
  /** The data path, node by node from src to dst (both simulators pin it); shortest path when absent. */
  path?: string[];
}

/** Congestion control of a case: ns-3's TcpCubic, TcpNewReno or TcpDctcp (with RED marking at every port). */
export type Ns3Cc = "cubic" | "newreno" | "dctcp";

/** A case both simulators can run: nodes, links, transfers and ns-3's socket buffer. */
export interface Ns3Case {
  name: string;
  seed: number;
  nodes: string[];
  links: Ns3Link[];
  flows: Ns3Flow[];
  /** ns-3 SndBufSize = RcvBufSize, bytes; also chokepoint `tcp`'s window in compare.ts. */
  sockbufBytes: number;
  /** Congestion control (default cubic). */
  cc?: Ns3Cc;
  /** DCTCP's marking threshold K, packets (required with dctcp, ignored otherwise). */
  ecnKPackets?: number;
  /** Minimum retransmission timeout, seconds (default 0.2, Linux). */
  minRtoS?: number;
  /** SYN retransmission timeout, seconds (default 1, Linux). */
  synTimeoutS?: number;
  /** Segments per ACK (default 2, ns-3's; the issue-12 cases ACK every segment, see the README). */
  delayedAck?: number;
  /** Whether the case is used to fit the model ("fit") or only to test it ("test"). */
  role?: "fit" | "test";
}

const MSS = 1448;
/** On-wire bytes per full segment (MSS + TCP/IP headers with timestamps), for queue sizing. */
const PACKET_BYTES = 1500;

/** A dumbbell: senders s0..s(n-1) → switch L → bottleneck → switch R → receivers r0..r(n-1). */
function dumbbell(n: number, accessBps: number, bottleneckBps: number, latencyS: number, queuePackets: number) {
  const senders = Array.from({ length: n }, (_, i) => `s${i}`);
  const receivers = Array.from({ length: n }, (_, i) => `r${i}`);
  const links: Ns3Link[] = [
    ...senders.map((s) => ({ a: s, b: "L", rateBps: accessBps, latencyS, queuePackets })),
    { a: "L", b: "R", rateBps: bottleneckBps, latencyS, queuePackets },
    ...receivers.map((r) => ({ a: "R", b: r, rateBps: accessBps, latencyS, queuePackets })),
  ];
  return { nodes: [...senders, "L", "R", ...receivers], senders, receivers, links };
}

/** (a) 4 senders → 4 receivers over a 10 Gb/s bottleneck (access 40 Gb/s, 10 µs per link), 4 × 100 MB at t = 0. */
export function dumbbellLong(seed: number): Ns3Case {
  const d = dumbbell(4, 40e9, 10e9, 10e-6, 100);
  const flows = d.senders.map((s, i) => ({ id: `long${i}`, src: s, dst: d.receivers[i], sizeBytes: 100e6, startS: 0 }));
  return { name: "dumbbell-long", seed, nodes: d.nodes, links: d.links, flows, sockbufBytes: 16 * 1024 * 1024 };
}

/**
 * (b) The same dumbbell with `count` web-search flows (data/websearch.csv) at `load` of the
 * bottleneck: Poisson arrivals, uniform random sender and receiver.
 */
export function dumbbellWebsearch(seed: number, count: number, load: number): Ns3Case {
  const d = dumbbell(4, 40e9, 10e9, 10e-6, 100);
  const sizes = sizeSampler({ cdf: "websearch" }, randomStream(seed, "ns3.websearch.sizes"));
  const arrivals = randomStream(seed, "ns3.websearch.arrivals");
  const pairs = randomStream(seed, "ns3.websearch.pairs");
  const meanGapS = sizes.meanBytes / ((load * 10e9) / 8);
  const flows: Ns3Flow[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += exponential(arrivals, meanGapS);
    const src = d.senders[Math.floor(pairs() * d.senders.length)];
    const dst = d.receivers[Math.floor(pairs() * d.receivers.length)];
    flows.push({ id: `ws${i}`, src, dst, sizeBytes: sizes.sample(), startS: t });
  }
  return { name: "dumbbell-websearch", seed, nodes: d.nodes, links: d.links, flows, sockbufBytes: 16 * 1024 * 1024 };
}

/**
 * (c) Two sites joined by a 10 Gb/s link of `wanLatencyS` (default 20 ms; hosts a0..a3 and b0..b3 on 100 Gb/s, 1 µs
 * access links): 2 bulk transfers of `bulkBytes` (default 1 GB) at t = 0 and `requests` requests of `requestBytes` (default 1 MB) from random
 * A hosts to random B hosts, Poisson over about `spanS` seconds. The WAN queue holds one
 * bandwidth-delay product; sockets hold 128 MiB (more than the 50 MB BDP at 20 ms, the 100 MB at 40 ms).
 */
export function wan(seed: number, requests: number, spanS: number, bulkBytes = 1e9, requestBytes = 1e6, wanLatencyS = 20e-3): Ns3Case {
  const hostsA = Array.from({ length: 4 }, (_, i) => `a${i}`);
  const hostsB = Array.from({ length: 4 }, (_, i) => `b${i}`);
  const wanBps = 10e9;
  const bdpPackets = Math.ceil((wanBps / 8) * 2 * (wanLatencyS + 2e-6) / PACKET_BYTES);
  const links: Ns3Link[] = [
    ...hostsA.map((h) => ({ a: h, b: "gwA", rateBps: 100e9, latencyS: 1e-6, queuePackets: 1000 })),
    { a: "gwA", b: "gwB", rateBps: wanBps, latencyS: wanLatencyS, queuePackets: bdpPackets },
    ...hostsB.map((h) => ({ a: "gwB", b: h, rateBps: 100e9, latencyS: 1e-6, queuePackets: 1000 })),
  ];
  const flows: Ns3Flow[] = [
    { id: "bulk0", src: "a0", dst: "b0", sizeBytes: bulkBytes, startS: 0 },
    { id: "bulk1", src: "a1", dst: "b1", sizeBytes: bulkBytes, startS: 0 },
  ];
  const arrivals = randomStream(seed, "ns3.wan.arrivals");
  const pairs = randomStream(seed, "ns3.wan.pairs");
  let t = 0;
  for (let i = 0; i < requests; i++) {
    t += exponential(arrivals, spanS / requests);
    const src = hostsA[Math.floor(pairs() * hostsA.length)];
    const dst = hostsB[Math.floor(pairs() * hostsB.length)];
    flows.push({ id: `req${i}`, src, dst, sizeBytes: requestBytes, startS: t });
  }
  return { name: "wan", seed, nodes: [...hostsA, "gwA", "gwB", ...hostsB], links, flows, sockbufBytes: 128 * 1024 * 1024 };
}

/** The case as bench/ns3/flows.cc reads it (see the format at the top of flows.cc). */
export function toNs3Text(c: Ns3Case): string {
  const lines = [`# ${c.name} (seed ${c.seed}), written by bench/ns3/cases.ts`, `option sockbuf ${c.sockbufBytes}`, `option segsize ${MSS}`, "option iw 10"];
  lines.push(`option cc ${c.cc ?? "cubic"}`, `option minrto ${c.minRtoS ?? 0.2}`, `option synto ${c.synTimeoutS ?? 1}`, `option delack ${c.delayedAck ?? 2}`);
  if (c.cc === "dctcp") lines.push(`option ecnk ${c.ecnKPackets}`);
  // Drop-tail losses counted per port in links.csv (flows.cc: same dynamics, flow control off).
  else lines.push("option tracelosses 1");
  for (const n of c.nodes) lines.push(`node ${n}`);
  for (const l of c.links) lines.push(`link ${l.a} ${l.b} ${l.rateBps} ${l.latencyS} ${l.queuePackets}`);
  for (const f of c.flows) lines.push(`flow ${f.id} ${f.src} ${f.dst} ${f.sizeBytes} ${f.startS} 1${f.path ? ` ${f.path.join(",")}` : ""}`);
  return `${lines.join("\n")}\n`;
}

/** The case as a chokepoint scenario: explicit nodes, links (bandwidth, latency) and transfers (id, src, dst, size, start). */
export function toScenario(c: Ns3Case): Record<string, unknown> {
  return {
    name: c.name,
    seed: c.seed,
    topology: {
      nodes: c.nodes.map((id) => (/^(L|R|gw[AB]|sw.*|leaf.*|spine.*|[ace]\d.*)$/.test(id) ? { id, kind: "switch" } : { id })),
      links: c.links.map((l) => ({ from: l.a, to: l.b, bandwidth: `${l.rateBps}bps`, latency: `${l.latencyS}s`, buffer: `${l.queuePackets}pkt` })),
    },
    ...(c.cc === "dctcp" && { queues: { ecnThreshold: `${c.ecnKPackets}pkt` } }),
    workloads: c.flows.map((f) => ({
      transfer: { id: f.id, src: f.src, dst: f.dst, size: `${f.sizeBytes}B`, start: `${f.startS}s`, ...(f.path && { path: f.path }) },
    })),
  };
}

/** The three cases of issue 5 with their default sizes. */
export function defaultCases(seed: number, websearchFlows: number, wanBulkBytes = 1e9): Ns3Case[] {
  return [dumbbellLong(seed), dumbbellWebsearch(seed, websearchFlows, 0.5), wan(seed, 200, 4, wanBulkBytes)];
}

/** Write `text` to `path` through a temporary file and a rename. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Write every case of {@link defaultCases} into `dir` as NAME.ns3.txt and NAME.json. */
export function writeCases(dir: string, seed: number, websearchFlows: number, wanBulkBytes = 1e9): Ns3Case[] {
  mkdirSync(dir, { recursive: true });
  const cases = defaultCases(seed, websearchFlows, wanBulkBytes);
  for (const c of cases) {
    writeAtomic(join(dir, `${c.name}.ns3.txt`), toNs3Text(c));
    writeAtomic(join(dir, `${c.name}.json`), `${JSON.stringify(toScenario(c), null, 1)}\n`);
  }
  return cases;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      "websearch-flows": { type: "string", default: "500" },
      "wan-bulk-bytes": { type: "string", default: "1e9" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.out) {
    console.error("usage: npx tsx bench/ns3/cases.ts --out DIR [--seed 1] [--websearch-flows 500] [--wan-bulk-bytes 1e9]");
    process.exit(values.help ? 0 : 2);
  }
  for (const c of writeCases(values.out, Number(values.seed), Number(values["websearch-flows"]), Number(values["wan-bulk-bytes"]))) {
    const bytes = c.flows.reduce((s, f) => s + f.sizeBytes, 0);
    const lastS = c.flows.reduce((m, f) => Math.max(m, f.startS), -Infinity);
    console.error(`cases: ${c.name}: ${c.flows.length} flows, ${(bytes / 1e9).toFixed(3)} GB, last start ${lastS.toFixed(4)} s`);
  }
}

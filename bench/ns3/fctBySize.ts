// fctBySize: per flow-size bin, the flow-by-flow ratio of the tcp model's FCT to ns-3's, on the fabric cases of a compare.ts directory, DCTCP and loss-based apart.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { quantile } from "d3-array";
import { readReportCsv as readCsv } from "../readReportCsv.js";

/** Upper edges of the size bins in bytes (the last bin is open): < 10 KB, 10–50 KB, 50–100 KB, 100 KB–1 MB, ≥ 1 MB. */
export const SIZE_EDGES_BYTES = [10_000, 50_000, 100_000, 1_000_000] as const;

/** The bin of a flow of `sizeBytes`: 0 … SIZE_EDGES_BYTES.length. */
export function sizeBin(sizeBytes: number): number {
  let i = 0;
  while (i < SIZE_EDGES_BYTES.length && sizeBytes >= SIZE_EDGES_BYTES[i]) i++;
  return i;
}

/** One flow finished by both simulators. */
export interface FlowPair {
  id: string;
  sizeBytes: number;
  ns3FctS: number;
  modelFctS: number;
  /** The model's parts of its FCT (flows.csv): handshake, slow start, queueing, seconds; its retransmission timeouts. */
  modelHandshakeS: number;
  modelSlowStartS: number;
  modelQueueingS: number;
  modelIdealS: number;
  modelTimeouts: number;
  ns3Timeouts: number;
  /** ns-3's handshake: its sender's ESTABLISHED less its start (NaN where its CSV has no `established_s`), seconds. */
  ns3HandshakeS: number;
}

/** Flows of case `name` in `dir` (NAME.ns3.csv and out-NAME-tcp/flows.csv) finished by both, by id. */
export function flowPairs(dir: string, name: string): FlowPair[] {
  const ns3 = new Map(readCsv(join(dir, `${name}.ns3.csv`)).map((r) => [r.id, r]));
  const out: FlowPair[] = [];
  for (const m of readCsv(join(dir, `out-${name}-tcp`, "flows.csv"))) {
    const n = ns3.get(m.id);
    if (n === undefined || n.finish_s === "" || m.status !== "done") continue;
    out.push({
      id: m.id,
      sizeBytes: Number(m.size_bytes),
      ns3FctS: Number(n.finish_s) - Number(n.start_s),
      modelFctS: Number(m.fct_s),
      modelHandshakeS: Number(m.handshake_s),
      modelSlowStartS: Number(m.slow_start_s),
      modelQueueingS: Number(m.queueing_s),
      modelIdealS: Number(m.ideal_fct_s),
      modelTimeouts: Number(m.timeouts),
      ns3Timeouts: Number(n.timeouts),
      ns3HandshakeS: n.established_s === undefined || n.established_s === "" ? NaN : Number(n.established_s) - Number(n.start_s),
    });
  }
  return out;
}

/** Per size bin over `pairs` (NaN where a bin is empty): its flow count; p10, median and p90 of model ÷ ns-3 FCT flow by flow; and the bin's median FCT in the model ÷ its median in ns-3. */
export function ratiosBySize(pairs: readonly FlowPair[]): BinRatios[] {
  const bins: FlowPair[][] = [...SIZE_EDGES_BYTES, Infinity].map(() => []);
  for (const p of pairs) bins[sizeBin(p.sizeBytes)].push(p);
  const med = (xs: number[]) => quantile(xs.sort((x, y) => x - y), 0.5) ?? NaN;
  return bins.map((b) => {
    const r = b.map((p) => p.modelFctS / p.ns3FctS).sort((x, y) => x - y);
    return {
      n: r.length,
      p10: quantile(r, 0.1) ?? NaN,
      p50: quantile(r, 0.5) ?? NaN,
      p90: quantile(r, 0.9) ?? NaN,
      medians: med(b.map((p) => p.modelFctS)) / med(b.map((p) => p.ns3FctS)),
    };
  });
}

/** One size bin's ratios (see {@link ratiosBySize}). */
export interface BinRatios {
  n: number;
  p10: number;
  p50: number;
  p90: number;
  medians: number;
}

/**
 * p25, p50, p75 and p90 of the handshake in both simulators over the flows of `pairs` under `maxBytes`
 * whose handshake is under `synTimeoutS` in both (no lost SYN), seconds; null where none has ns-3's.
 */
export function handshakeQuantiles(pairs: readonly FlowPair[], maxBytes: number, synTimeoutS = 1): { n: number; ns3: number[]; model: number[] } | null {
  const sel = pairs.filter((p) => p.sizeBytes < maxBytes && p.ns3HandshakeS < synTimeoutS && p.modelHandshakeS < synTimeoutS);
  if (sel.length === 0) return null;
  const qs = (xs: number[]) => [0.25, 0.5, 0.75, 0.9].map((p) => quantile(xs.sort((x, y) => x - y), p) ?? NaN);
  return { n: sel.length, ns3: qs(sel.map((p) => p.ns3HandshakeS)), model: qs(sel.map((p) => p.modelHandshakeS)) };
}

/**
 * What-if: `pairs` with each model FCT's handshake replaced by ns-3's (model FCT − model handshake + ns-3 handshake);
 * only the flows with ns-3's handshake and no lost SYN on either side (both under `synTimeoutS`).
 */
export function withNs3Handshakes(pairs: readonly FlowPair[], synTimeoutS = 1): FlowPair[] {
  return pairs
    .filter((p) => p.ns3HandshakeS < synTimeoutS && p.modelHandshakeS < synTimeoutS)
    .map((p) => ({ ...p, modelFctS: p.modelFctS - p.modelHandshakeS + p.ns3HandshakeS, modelHandshakeS: p.ns3HandshakeS }));
}

const LABELS = ["<10K", "10-50K", "50-100K", "100K-1M", ">=1M"];
const cell = (r: BinRatios) => (r.n === 0 ? "—" : `${r.p10.toFixed(2)} / ${r.p50.toFixed(2)} / ${r.p90.toFixed(2)}; ${r.medians.toFixed(2)} (${r.n})`);

function main(): void {
  const dir = resolve(process.argv[2] ?? "");
  if (process.argv[2] === undefined || process.argv[2] === "--help") {
    process.stdout.write(
      "usage: npx tsx bench/ns3/fctBySize.ts DIR   (DIR after compare.ts DIR --model tcp)\n" +
        "  Per size bin of its fabric cases (fattree-*, leafspine-*): p10 / p50 / p90 of model ÷ ns-3 FCT flow by flow; the\n" +
        "  bin's median FCT in the model ÷ ns-3's; (flows). Where NAME.ns3.csv has established_s (flows.cc since 4d6425a):\n" +
        "  both sides' handshake p25 / p50 / p75 / p90 over flows < 50 KB.\n",
    );
    return;
  }
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".ns3.csv") && /^(fattree|leafspine)-/.test(f))
    .map((f) => f.slice(0, -".ns3.csv".length))
    .filter((n) => existsSync(join(dir, `out-${n}-tcp`, "flows.csv")))
    .sort();
  const pooled: Record<string, FlowPair[]> = { dctcp: [], loss: [] };
  const hs: string[] = [];
  const us = (xs: number[]) => xs.map((x) => (x * 1e6).toFixed(1)).join(" / ");
  process.stdout.write(`| case | ${LABELS.join(" | ")} |\n|---|${LABELS.map(() => "---|").join("")}\n`);
  for (const name of names) {
    const pairs = flowPairs(dir, name);
    pooled[name.includes("-dctcp") ? "dctcp" : "loss"].push(...pairs);
    process.stdout.write(`| \`${name}\` | ${ratiosBySize(pairs).map(cell).join(" | ")} |\n`);
    const h = handshakeQuantiles(pairs, 50_000);
    if (h !== null) {
      hs.push(`\`${name}\` flows < 50 KB (${h.n}): handshake p25 / p50 / p75 / p90 µs, ns-3 ${us(h.ns3)}; model ${us(h.model)}\n`);
      const medians = (ps: FlowPair[]) => ratiosBySize(ps).map((r) => (r.n === 0 ? "—" : r.medians.toFixed(2)));
      const swapped = withNs3Handshakes(pairs);
      const before = medians(pairs.filter((p) => swapped.some((q) => q.id === p.id)));
      const after = medians(swapped);
      hs.push(`  bin median ratios, model → with ns-3's handshakes: ${LABELS.map((l, i) => `${l} ${before[i]} → ${after[i]}`).join("; ")}\n`);
    }
  }
  for (const [k, pairs] of Object.entries(pooled)) process.stdout.write(`| **${k}, pooled** | ${ratiosBySize(pairs).map(cell).join(" | ")} |\n`);
  process.stdout.write(hs.join(""));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();

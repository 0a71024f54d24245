// lastHole: from an ns-3 replay's drop and transmit traces (flows.cc `tracedrops 1`, `tracetx 1`), how many segments each flow had delivered above its last lost one before its first RTO — the count that decides, in CWR, whether its holes are resent or wait for the RTO (docs/transport.md, "Losses in CWR").
import { readFileSync } from "node:fs";

/** One flow's losses before its RTO: the highest segment lost, and how many sent above it got through then. */
export interface LastHole {
  id: string;
  timedOut: boolean;
  recovered: boolean;
  lostSegments: number;
  lastLost: number;
  deliveredAbove: number;
}

function rows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, "utf8").trim().split("\n");
  const keys = head.split(",");
  return lines.filter((l) => l.length > 0).map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
}

/**
 * Each flow of the replay whose output is `csv` (and `csv.drops.csv`, `csv.tx.csv`) that lost
 * data before `windowS` after its first segment (0.1 s: before a 200 ms min RTO), segments of
 * `segmentBytes` numbered from the first data byte (ISN + 1).
 */
export function lastHoles(csv: string, segmentBytes = 1448, windowS = 0.1): LastHole[] {
  const seg = (seq: string) => Math.floor((Number(seq) - 1) / segmentBytes);
  const sent = new Map<string, { t: number; s: number }[]>();
  for (const r of rows(`${csv}.tx.csv`)) {
    let list = sent.get(r.id);
    if (!list) sent.set(r.id, (list = []));
    list.push({ t: Number(r.time_s), s: seg(r.seq) });
  }
  const drops = new Map<string, { t: number; s: number }[]>();
  for (const r of rows(`${csv}.drops.csv`)) {
    if (r.payload_bytes === "0") continue;
    let list = drops.get(r.id);
    if (!list) drops.set(r.id, (list = []));
    list.push({ t: Number(r.time_s), s: seg(r.seq) });
  }
  const out: LastHole[] = [];
  for (const f of rows(csv)) {
    const tx = sent.get(f.id) ?? [];
    if (tx.length === 0) continue;
    const t0 = Math.min(...tx.map((x) => x.t));
    const lost = new Set((drops.get(f.id) ?? []).filter((d) => d.t < t0 + windowS).map((d) => d.s));
    if (lost.size === 0) continue;
    const lastLost = Math.max(...lost);
    const above = new Set(tx.filter((x) => x.t < t0 + windowS && x.s > lastLost && !lost.has(x.s)).map((x) => x.s));
    out.push({ id: f.id, timedOut: f.timeouts !== "0", recovered: f.recoveries !== "0", lostSegments: lost.size, lastLost, deliveredAbove: above.size });
  }
  return out;
}

if (process.argv[1]?.endsWith("lastHole.ts")) {
  const csv = process.argv[2];
  if (!csv) {
    console.error("usage: npx tsx bench/ns3/lastHole.ts OUT.csv   (a flows.cc replay run with `option tracedrops 1` and `option tracetx 1`)");
    process.exit(2);
  }
  const counts = new Map<string, number>();
  for (const h of lastHoles(csv)) {
    const key = `${h.timedOut ? "timed out" : "finished"}${h.recovered ? ", entered recovery" : ""}, delivered above last hole: ${Math.min(h.deliveredAbove, 3)}${h.deliveredAbove >= 3 ? "+" : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...counts].sort()) console.log(`${n}\t${k}`);
}

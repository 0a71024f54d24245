// dropsPerPort: packets dropped per port, by tier, and timeouts and lost handshakes per flow, ns-3 against the tcp model, from a compare.ts directory.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readReportCsv as readCsv } from "../readReportCsv.js";

/** One directed port's drops in both simulators. */
export interface PortDrops {
  from: string;
  to: string;
  /** The port's tier: `host↑` (a host's NIC out), `host↓` (a switch's port to a host), else the two switches' name stems, `leaf→spine`, `e→a`… */
  tier: string;
  ns3: number;
  /** Of `ns3`, from its per-packet trace when there is one (flows.cc \`tracedrops 1\`): pure ACKs, and SYNs or SYN-ACKs; NaN without it. */
  ns3Acks: number;
  ns3Handshakes: number;
  model: number;
}

/** What one case's drops and timeouts come to on both sides. */
export interface CaseDrops {
  name: string;
  ports: PortDrops[];
  /** Flows with at least one data retransmission timeout, and the timeouts in all (ns-3's CA_LOSS entries; the model's timeouts less its lost handshakes). */
  ns3TimedOutFlows: number;
  ns3Timeouts: number;
  modelTimedOutFlows: number;
  modelTimeouts: number;
  /** Flows whose SYN or SYN-ACK was lost at least once. */
  ns3LostHandshakes: number;
  modelLostHandshakes: number;
  /** Whether ns-3's lost handshakes were read off its drop trace or its `established_s` column (else: FCT ≥ SYN timeout + the flow's ideal FCT, among flows whose ideal FCT is under a tenth of the SYN timeout). */
  ns3HandshakesExact: boolean;
}

/** The tier of port `from`→`to`; `hosts` are the topology's nodes that are not switches. */
export function tierOf(from: string, to: string, hosts: ReadonlySet<string>): string {
  if (hosts.has(from)) return "host↑";
  if (hosts.has(to)) return "host↓";
  const stem = (n: string) => n.replace(/[0-9_]+$/, "").replace(/[0-9]+_?[0-9]*$/, "");
  return `${stem(from)}→${stem(to)}`;
}

/**
 * Case `name` of compare.ts directory `dir`: ns-3's `NAME.ns3.links.csv` (drop-tail drops of every packet,
 * data, ACK or SYN, flows.cc `tracelosses 1`) and `NAME.ns3.csv` against the model's
 * `out-NAME-tcp/links.csv` (the data packets its transport reports lost) and `flows.csv`.
 * `synTimeoutS`: the case's SYN timeout.
 */
export function caseDrops(dir: string, name: string, synTimeoutS = 1, traceDir?: string): CaseDrops {
  const scenario = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as { topology: { nodes: { id: string; kind?: string }[] } };
  const hosts = new Set(scenario.topology.nodes.filter((n) => n.kind !== "switch").map((n) => n.id));
  const ports = new Map<string, PortDrops>();
  const port = (from: string, to: string) => {
    const key = `${from}>${to}`;
    let p = ports.get(key);
    if (!p) ports.set(key, (p = { from, to, tier: tierOf(from, to, hosts), ns3: 0, ns3Acks: NaN, ns3Handshakes: NaN, model: 0 }));
    return p;
  };
  for (const r of readCsv(join(dir, `${name}.ns3.links.csv`))) port(r.from, r.to).ns3 += Number(r.drops);
  // With ns-3's drop trace: the flows that lost a SYN or SYN-ACK, read off it.
  let synLost: Set<string> | undefined;
  const trace = traceDir === undefined ? undefined : join(traceDir, `${name}.ns3.csv.drops.csv`);
  // The replay's run summary is written last: a trace without it is still being written.
  if (trace !== undefined && existsSync(trace) && existsSync(join(traceDir!, `${name}.ns3.csv.json`))) {
    for (const p of ports.values()) p.ns3Acks = p.ns3Handshakes = 0;
    // A segment without payload is a pure ACK, or with sequence number 0 (flows.cc's ISNs are 0) a SYN or SYN-ACK.
    synLost = new Set<string>();
    for (const r of readCsv(trace)) {
      if (r.payload_bytes !== "0") continue;
      if (r.seq === "0") {
        port(r.from, r.to).ns3Handshakes++;
        synLost.add(r.id);
      } else port(r.from, r.to).ns3Acks++;
    }
  }
  const out = join(dir, `out-${name}-tcp`);
  for (const r of readCsv(join(out, "links.csv"))) if (r.from !== "" && r.to !== "") port(r.from, r.to).model += Number(r.drops);
  const ideal = new Map(readCsv(join(dir, `out-${name}-maxmin`, "flows.csv")).map((r) => [r.id, Number(r.ideal_fct_s)]));
  const ns3Rows = readCsv(join(dir, `${name}.ns3.csv`));
  const established = ns3Rows.length > 0 && ns3Rows[0].established_s !== undefined;
  const exact = established || synLost !== undefined;
  let ns3TimedOutFlows = 0;
  let ns3Timeouts = 0;
  let ns3LostHandshakes = 0;
  for (const r of ns3Rows) {
    const k = Number(r.timeouts);
    ns3Timeouts += k;
    if (k > 0) ns3TimedOutFlows++;
    const start = Number(r.start_s);
    const lost = synLost
      ? synLost.has(r.id)
      : established
      ? !(Number(r.established_s) - start < synTimeoutS)
      : (ideal.get(r.id) ?? 0) < synTimeoutS / 10 && (r.finish_s === "" || Number(r.finish_s) - start >= synTimeoutS + (ideal.get(r.id) ?? 0));
    if (lost) ns3LostHandshakes++;
  }
  let modelTimedOutFlows = 0;
  let modelTimeouts = 0;
  let modelLostHandshakes = 0;
  for (const r of readCsv(join(out, "flows.csv"))) {
    // A lost SYN counts one timeout; its waits are 1, 2, 4… SYN timeouts, all in handshake_s.
    const waits = Number(r.handshake_s) / synTimeoutS;
    const synLosses = waits >= 1 ? Math.floor(Math.log2(waits + 1)) : 0;
    const k = Number(r.timeouts) - synLosses;
    modelTimeouts += k;
    if (k > 0) modelTimedOutFlows++;
    if (synLosses > 0) modelLostHandshakes++;
  }
  return {
    name,
    ports: [...ports.values()],
    ns3TimedOutFlows,
    ns3Timeouts,
    modelTimedOutFlows,
    modelTimeouts,
    ns3LostHandshakes,
    modelLostHandshakes,
    ns3HandshakesExact: exact,
  };
}

/** ns-3's drops of data segments at port `p` (all its drops less ACKs and handshakes; NaN without a trace). */
export function ns3DataDrops(p: PortDrops): number {
  return p.ns3 - p.ns3Acks - p.ns3Handshakes;
}

/**
 * Σ over ports of |model − ns-3| ÷ Σ ns-3: 0 when every port drops what ns-3's does (the per-port agreement
 * figure); `data`: ns-3's data drops only, what the model counts (NaN without ns-3's trace).
 */
export function portError(ports: readonly PortDrops[], data = false): number {
  let diff = 0;
  let total = 0;
  for (const p of ports) {
    const ns3 = data ? ns3DataDrops(p) : p.ns3;
    diff += Math.abs(p.model - ns3);
    total += ns3;
  }
  return total > 0 ? diff / total : NaN;
}

/** The ports summed by tier, largest ns-3 drops first. */
export function byTier(ports: readonly PortDrops[]): { tier: string; ports: number; ns3: number; ns3Data: number; model: number }[] {
  const tiers = new Map<string, { tier: string; ports: number; ns3: number; ns3Data: number; model: number }>();
  for (const p of ports) {
    let t = tiers.get(p.tier);
    if (!t) tiers.set(p.tier, (t = { tier: p.tier, ports: 0, ns3: 0, ns3Data: 0, model: 0 }));
    t.ports++;
    t.ns3 += p.ns3;
    t.ns3Data += ns3DataDrops(p);
    t.model += p.model;
  }
  return [...tiers.values()].sort((a, b) => b.ns3 - a.ns3 || a.tier.localeCompare(b.tier));
}

const HELP = `usage: npx tsx bench/ns3/dropsPerPort.ts DIR [--traces TDIR] [--case NAME]... [--ports N]
  DIR: a directory compare.ts ran (--model tcp) on: NAME.ns3.links.csv, NAME.ns3.csv, out-NAME-tcp/ and
  out-NAME-maxmin/. Every case whose ns-3 replay counted drop-tail drops (\`option tracelosses 1\`: the
  loss-based ones) unless --case names some. ns-3 counts every packet its drop-tail queues drop (data,
  ACKs, SYNs); the model the data packets its transport reports lost (no ACK, no SYN). --traces TDIR:
  where ns-3 replays of the same cases with \`option tracedrops 1\` wrote NAME.ns3.csv.drops.csv (the
  same dynamics, flows.cc): ns-3's drops are then split into data, pure ACKs and SYN/SYN-ACKs, and the
  data ones compared with the model's. Prints per case the drops (ns-3 all, ns-3 data, model), the
  per-port error Σ|model − ns-3| / Σ ns-3 (all; data), the flows that timed out and lost a handshake on
  each side (* read off FCT ≥ SYN timeout + ideal FCT for flows of ideal FCT < SYN timeout / 10, in ns-3 outputs
  without established_s), and per
  case the drops by tier and the N ports (default 6) where ns-3 drops most (ns-3 all / data / model).`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.length === 0) {
    console.error(HELP);
    process.exit(args.length === 0 ? 2 : 0);
  }
  const dir = resolve(args[0]);
  const after = (flag: string) => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));
  const named = after("--case");
  const traces = after("--traces")[0];
  const topN = Number(after("--ports")[0] ?? 6) || 6;
  const names =
    named.length > 0
      ? named
      : readdirSync(dir)
          .filter((f) => f.endsWith(".ns3.txt") && /^option tracelosses 1/m.test(readFileSync(join(dir, f), "utf8")))
          .map((f) => f.slice(0, -".ns3.txt".length))
          .filter((n) => existsSync(join(dir, `out-${n}-tcp`, "links.csv")))
          .sort();
  const g = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
  const n = (x: number) => (Number.isFinite(x) ? String(x) : "—");
  console.log("| case | drops ns-3 all / data / model | per-port error all; data | timed-out flows ns-3 / model (timeouts) | lost handshakes ns-3 / model |");
  console.log("|---|---|---|---|---|");
  const cases = names.map((name) => {
    const text = readFileSync(join(dir, `${name}.ns3.txt`), "utf8");
    return caseDrops(dir, name, Number(/^option synto (\S+)/m.exec(text)?.[1] ?? 1), traces === undefined ? undefined : resolve(traces));
  });
  const sum = (ps: readonly PortDrops[], f: (p: PortDrops) => number) => ps.reduce((s, p) => s + f(p), 0);
  for (const c of cases) {
    console.log(
      `| \`${c.name}\` | ${sum(c.ports, (p) => p.ns3)} / ${n(sum(c.ports, ns3DataDrops))} / ${sum(c.ports, (p) => p.model)} | ` +
        `${g(portError(c.ports))}; ${g(portError(c.ports, true))} | ${c.ns3TimedOutFlows} / ${c.modelTimedOutFlows} (${c.ns3Timeouts} / ${c.modelTimeouts}) | ` +
        `${c.ns3LostHandshakes}${c.ns3HandshakesExact ? "" : "*"} / ${c.modelLostHandshakes} |`,
    );
  }
  for (const c of cases) {
    console.log(`\n${c.name}: by tier (ports) ns-3 all / data / model: ${byTier(c.ports).map((t) => `${t.tier} (${t.ports}) ${t.ns3} / ${n(t.ns3Data)} / ${t.model}`).join("; ")}`);
    const top = [...c.ports].sort((a, b) => b.ns3 - a.ns3 || b.model - a.model).slice(0, topN);
    console.log(`  top ports: ${top.map((p) => `${p.from}→${p.to} ${p.ns3} / ${n(ns3DataDrops(p))} / ${p.model}`).join("; ")}`);
  }
}

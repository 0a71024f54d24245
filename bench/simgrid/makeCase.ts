// makeCase: generate a fat-tree cross-check case — Poisson web-search flows at a given load on pinned ECMP paths.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { exponential, randomStream } from "../../src/core/randomStream.js";
import { quantity } from "../../src/core/units.js";
import { fatTree } from "../../src/net/fatTree.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import type { CrossCheckCase } from "./CrossCheckCase.js";

/** Parameters of a generated case. */
export interface MakeCaseOptions {
  /** Fat-tree radix (even): k³/4 hosts. */
  k: number;
  /** Number of flows. */
  flows: number;
  /** Offered load as a fraction of total host access bandwidth. */
  load: number;
  seed: number;
  /** Every link's bandwidth (default "10Gbps"). */
  bandwidth?: string;
  /** Every link's latency (default "1us"). */
  latency?: string;
  /** A `size_bytes,cdf` CSV (default data/websearch.csv, or the embedded copy of its points). */
  cdfPath?: string;
}

/**
 * The DCTCP web-search flow-size CDF (Alizadeh et al., SIGCOMM 2010) as HPCC's traffic
 * generator gives it (traffic_gen/WebSearch_distribution.txt), as [size_bytes, cdf]; used
 * when data/websearch.csv is absent.
 */
const WEBSEARCH_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0], [10000, 0.15], [20000, 0.2], [30000, 0.3], [50000, 0.4], [80000, 0.53], [200000, 0.6],
  [1000000, 0.7], [2000000, 0.8], [5000000, 0.9], [10000000, 0.97], [30000000, 1],
];

const DEFAULT_CDF = fileURLToPath(new URL("../../data/websearch.csv", import.meta.url));

/**
 * A k-ary fat-tree written out node by node and link by link, and `flows` transfers:
 * Poisson arrivals at rate λ = load · hosts · hostBandwidth / meanSize, uniform random
 * host pairs (src ≠ dst), sizes drawn from the piecewise-linear CDF and rounded to whole
 * bytes (at least 1), each on the path chosen by chokepoint's Router (hop-count shortest
 * paths, ECMP hashed per flow) written as a node list. Deterministic in `seed`.
 */
export function makeCase(o: MakeCaseOptions): CrossCheckCase {
  const bandwidth = o.bandwidth ?? "10Gbps";
  const latency = o.latency ?? "1us";
  const bandwidthBps = quantity(bandwidth, "rate");
  const b = new TopologyBuilder();
  const hosts = fatTree(b, { k: o.k, bandwidthBps, latencyS: quantity(latency, "time") });
  const topology = b.build();
  const nodes = topology.nodeIds.map((id, i) => ({ id, kind: topology.nodeKinds[i] }));
  const links = [];
  for (let ch = 0; ch < topology.channelCount; ch += 2) {
    const from = topology.nodeIds[topology.channelFrom[ch]];
    const to = topology.nodeIds[topology.channelTo[ch]];
    links.push({ from, to, bandwidth, latency });
  }
  const points = readCdf(o.cdfPath);
  let meanBytes = 0;
  for (let i = 1; i < points.length; i++) {
    meanBytes += ((points[i][1] - points[i - 1][1]) * (points[i][0] + points[i - 1][0])) / 2;
  }
  const ratePerS = (o.load * hosts.length * bandwidthBps) / meanBytes;
  const arrivals = randomStream(o.seed, "crosscheck.arrivals");
  const sizes = randomStream(o.seed, "crosscheck.sizes");
  const pairs = randomStream(o.seed, "crosscheck.pairs");
  const router = new Router(topology, "hops", o.seed);
  const workloads = [];
  let t = 0;
  for (let i = 0; i < o.flows; i++) {
    t += exponential(arrivals, 1 / ratePerS);
    const size = Math.max(1, Math.round(quantile(points, sizes())));
    const s = Math.floor(pairs() * hosts.length);
    let d = Math.floor(pairs() * (hosts.length - 1));
    if (d >= s) d++;
    const src = topology.nodeIndex.get(hosts[s])!;
    const dst = topology.nodeIndex.get(hosts[d])!;
    const route = router.route(src, dst, i)!;
    const path = Array.from(route.nodes, (n) => topology.nodeIds[n]);
    workloads.push({ transfer: { id: `f${i}`, src: hosts[s], dst: hosts[d], size: `${size}B`, start: `${t}s`, path } });
  }
  return {
    name: `fattree-k${o.k}-${o.flows}flows-load${o.load}-seed${o.seed}`,
    seed: o.seed,
    topology: { nodes, links },
    workloads,
  };
}

/** The size at probability u of a piecewise-linear CDF given as [size, cdf] points. */
function quantile(points: ReadonlyArray<readonly [number, number]>, u: number): number {
  if (u <= points[0][1]) return points[0][0];
  let i = 1;
  while (i < points.length - 1 && points[i][1] < u) i++;
  const [x0, c0] = points[i - 1];
  const [x1, c1] = points[i];
  return c1 > c0 ? x0 + ((x1 - x0) * (u - c0)) / (c1 - c0) : x1;
}

function readCdf(path: string | undefined): ReadonlyArray<readonly [number, number]> {
  const file = path ?? DEFAULT_CDF;
  if (path === undefined && !existsSync(file)) return WEBSEARCH_POINTS;
  const points: Array<[number, number]> = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const s = line.trim();
    if (s === "" || s.startsWith("#") || s.startsWith("size_bytes")) continue;
    const [x, c] = s.split(",").map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(c)) throw new Error(`${file}: bad CDF row "${s}"`);
    points.push([x, c]);
  }
  if (points.length < 2 || points[points.length - 1][1] !== 1) throw new Error(`${file}: a CDF must end at cdf 1`);
  return points;
}

const HELP = `usage: npx tsx bench/simgrid/makeCase.ts --k 8 --flows 2000 --load 0.5 --seed 1 --out /tmp/case.json
  [--bandwidth 10Gbps] [--latency 1us] [--cdf data/websearch.csv]`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      k: { type: "string", default: "8" },
      flows: { type: "string", default: "2000" },
      load: { type: "string", default: "0.5" },
      seed: { type: "string", default: "1" },
      bandwidth: { type: "string", default: "10Gbps" },
      latency: { type: "string", default: "1us" },
      cdf: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.out) {
    console.error(HELP);
    process.exit(values.help ? 0 : 2);
  }
  try {
    const c = makeCase({
      k: Number(values.k),
      flows: Number(values.flows),
      load: Number(values.load),
      seed: Number(values.seed),
      bandwidth: values.bandwidth,
      latency: values.latency,
      cdfPath: values.cdf,
    });
    writeFileSync(values.out, JSON.stringify(c));
    console.error(`makeCase: ${c.workloads.length} flows on ${c.topology.nodes.length} nodes → ${values.out}`);
  } catch (err) {
    console.error(`makeCase: ${(err as Error).message}`);
    process.exit(2);
  }
}

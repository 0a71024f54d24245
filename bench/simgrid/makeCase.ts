// makeCase: generate a fat-tree cross-check case — Poisson web-search flows at a given load on pinned ECMP paths.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { exponential, randomStream } from "../../src/core/randomStream.js";
import { quantity } from "../../src/core/units.js";
import { fatTree } from "../../src/net/fatTree.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { sizeSampler } from "../../src/workloads/sizeSampler.js";
import type { CaseLink, CaseNode, CaseTransfer, CrossCheckCase } from "./CrossCheckCase.js";

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
  /** A `size_bytes,cdf` CSV (default: the shipped web-search CDF, data/websearch.csv). */
  cdfPath?: string;
}


/**
 * A k-ary fat-tree written out node by node and link by link, and `flows` transfers:
 * Poisson arrivals at rate λ = load · hosts · hostBandwidth / meanSize, uniform random
 * host pairs (src ≠ dst), sizes drawn from the piecewise-linear CDF and rounded to whole
 * bytes (at least 1), each on the path chosen by chokepoint's Router (hop-count shortest
 * paths, ECMP hashed per flow) written as a node list. Deterministic in `seed`.
 */
export function makeCase(o: MakeCaseOptions): CrossCheckCase {
  const { name, nodes, links, transfers } = caseParts(o);
  return { name, seed: o.seed, topology: { nodes, links }, workloads: [...transfers].map((transfer) => ({ transfer })) };
}

/** The parts of {@link makeCase}'s case, its transfers generated one by one (a million need not sit in memory). */
export function caseParts(o: MakeCaseOptions): { name: string; nodes: CaseNode[]; links: CaseLink[]; transfers: Iterable<CaseTransfer> } {
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
  function* transfers(): Generator<CaseTransfer> {
    const sizes = sizeSampler({ cdf: o.cdfPath ? resolve(o.cdfPath) : "websearch" }, randomStream(o.seed, "crosscheck.sizes"));
    const ratePerS = (o.load * hosts.length * bandwidthBps) / sizes.meanBytes;
    const arrivals = randomStream(o.seed, "crosscheck.arrivals");
    const pairs = randomStream(o.seed, "crosscheck.pairs");
    const router = new Router(topology, "hops", o.seed);
    let t = 0;
    for (let i = 0; i < o.flows; i++) {
      t += exponential(arrivals, 1 / ratePerS);
      const size = sizes.sample();
      const s = Math.floor(pairs() * hosts.length);
      let d = Math.floor(pairs() * (hosts.length - 1));
      if (d >= s) d++;
      const src = topology.nodeIndex.get(hosts[s])!;
      const dst = topology.nodeIndex.get(hosts[d])!;
      const route = router.route(src, dst, i)!;
      const path = Array.from(route.nodes, (n) => topology.nodeIds[n]);
      yield { id: `f${i}`, src: hosts[s], dst: hosts[d], size: `${size}B`, start: `${t}s`, path };
    }
  }
  return { name: `fattree-k${o.k}-${o.flows}flows-load${o.load}-seed${o.seed}`, nodes, links, transfers: { [Symbol.iterator]: transfers } };
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

// estimateScenarioSize: how many nodes, links, flows and events a scenario makes, and the memory that takes, from its spec alone.
import { InputError } from "../core/InputError.js";
import { dragonflyCounts, type DragonflySpec } from "../net/dragonfly.js";
import { gpuClusterSize } from "../net/gpuClusterFormulas.js";
import { gpuClusterTop } from "../net/gpuClusterScaleOut.js";
import type { Topology } from "../net/Topology.js";
import { arrivalRateForLoad } from "../workloads/arrivalRateForLoad.js";
import type { ArrivalSpec } from "../workloads/agents/AgentsSpec.js";
import type { ChakraSpec } from "../workloads/chakra/ChakraSpec.js";
import type { TokenSpec } from "../workloads/serving/ServingSpecs.js";
import { sizeMeanBytes } from "../workloads/sizeMeanBytes.js";
import type { AgentsLoadSpec, Fabrics, Scenario, TrafficLoadSpec, TrainingSpec, TransferSpec } from "./Scenario.js";

/**
 * Bytes each thing holds during a run, measured on this code base (see docs/scenarios.md,
 * Limits, for how). They are lower ends of what was measured, so an estimate under-states
 * rather than over-states: a refusal means the run certainly cannot fit.
 */
export const BYTES_PER = {
  /** A node: its id and kind, the id map entry, per-node typed arrays (measured ≈ 200 B). */
  node: 200,
  /** A link: the builder's record and pair key, two directed channels, the router's and the recorders' per-channel arrays (≈ 170 B built + 150 B per run). */
  link: 300,
  /** A flow started: typed-array state, route slot, recorder state, its id string (measured 527 B for a repeated transfer, ≈ 1 KB for traffic). */
  flow: 500,
  /** An agents request, beyond its two flows: its request record and its share of a task record. */
  request: 100,
  /** An agent of a Pareto population: its own pending arrival and timer state. */
  paretoAgent: 100,
  /** A training iteration's record, or one collective's record. */
  record: 100,
  /** An entry of a training plan (a gradient bucket, a pipeline pass). */
  planEntry: 50,
} as const;

/** One part of a scenario (a fabric, a workload…) and what it makes. */
export interface SizePart {
  /** Key path in the file, e.g. "topology.fatTree" or "workloads[2].traffic". */
  keyPath: string;
  /** What it makes, for messages: "250,000,000 hosts: 251,250,000 nodes and 750,000,000 links". */
  what: string;
  nodes: number;
  links: number;
  flows: number;
  /** Simulation events it causes, at least (arrivals, flow activations and completions, compute steps, decode steps). */
  events: number;
  /** Memory it holds during a run, bytes (see {@link BYTES_PER}). */
  bytes: number;
}

/** The estimated size of a whole scenario: the sums over its parts. */
export interface ScenarioSize {
  nodes: number;
  links: number;
  flows: number;
  events: number;
  bytes: number;
  parts: SizePart[];
}

/**
 * Estimate what running `s` makes — nodes, links, flows, events — and the memory it needs,
 * by arithmetic on the spec (cost linear in the file, never in the estimate), so that an
 * absurd scenario is refused before anything is built.
 *
 * Without `topology` (before the network is built), flows whose number depends on it are
 * left out: traffic bounded by `duration` or by the scenario's `until` (its arrival rate
 * comes from the hosts' access capacity) counts 0 flows, all-to-all traffic counts 2 flows
 * per arrival and a training job placed on `hosts` one GPU per host. With `topology` those
 * are counted too, so the estimate only grows. Rate-driven counts are expectations over the
 * arrival window (from `start` to the end of `duration` or to `until`, whichever is first).
 *
 * The sums are taken part by part in file order; the list of parts (each with its key path
 * and text, for messages) is made only when read, so a file of 20,000 transfers builds no
 * 20,000 part records to be summed and kept.
 */
export function estimateScenarioSize(s: Scenario, topology?: Topology): ScenarioSize {
  const sums = new PartSums();
  collectParts(s, topology, sums);
  let parts: SizePart[] | undefined;
  return {
    nodes: sums.nodes,
    links: sums.links,
    flows: sums.flows,
    events: sums.events,
    bytes: sums.bytes,
    get parts(): SizePart[] {
      if (!parts) {
        const list = new PartList();
        collectParts(s, topology, list);
        parts = list.parts;
      }
      return parts;
    },
  };
}

/** Where {@link collectParts} puts parts: a list of them, or only their sums. */
interface PartSink {
  add(part: SizePart): void;
  /** Transfer workload `i` (`w`): its part in a list; in the sums only its counts (no key path or text made). */
  addTransfer(w: TransferSpec, i: number, untilS: number | undefined): void;
}

class PartList implements PartSink {
  readonly parts: SizePart[] = [];
  add(part: SizePart): void {
    this.parts.push(part);
  }
  addTransfer(w: TransferSpec, i: number, untilS: number | undefined): void {
    this.parts.push(transferPart(w, keyPath(i, w.kind), untilS));
  }
}

/** The sums of the parts' counts, added in the parts' order (the same floating-point sums as over the list). */
class PartSums implements PartSink {
  nodes = 0;
  links = 0;
  flows = 0;
  events = 0;
  bytes = 0;
  add(p: SizePart): void {
    this.nodes += p.nodes;
    this.links += p.links;
    this.flows += p.flows;
    this.events += p.events;
    this.bytes += p.bytes;
  }
  addTransfer(w: TransferSpec, _i: number, untilS: number | undefined): void {
    // As transferPart's workloadPart(…, flows, 2 * flows, flows * BYTES_PER.flow), whose 0 nodes and links leave those sums as they are.
    const flows = transferFlows(w, untilS);
    this.flows += flows;
    this.events += 2 * flows;
    this.bytes += flows * BYTES_PER.flow;
  }
}

/** Every part of `s`, in order, into `parts`. */
function collectParts(s: Scenario, topology: Topology | undefined, parts: PartSink): void {
  for (const part of s.topology) {
    fabricParts(part, part.keyPath, parts);
    part.sites?.forEach((site, i) => {
      const where = `${part.keyPath}.sites[${i}]`;
      parts.add(topologyPart(where, 1, 0));
      if (site.fabric) {
        fabricParts(site.fabric, `${where}.fabric`, parts);
        const f = site.fabric;
        const top =
          (f.fatTree ? (f.fatTree.k / 2) ** 2 : 0) +
          (f.leafSpine?.spines ?? 0) +
          (f.gpuCluster ? gpuClusterTop(f.gpuCluster).length : 0) +
          (f.clos3 ? f.clos3.spinesPerPod * f.clos3.superSpinesPerPlane : 0) +
          (f.torus ? 1 : 0) +
          (f.dragonfly?.g ?? 0);
        parts.add(topologyPart(`${where}.uplink`, 0, top));
      }
      if (site.hosts) parts.add(topologyPart(`${where}.hosts`, site.hosts.count, site.hosts.count, `${formatCount(site.hosts.count)} hosts`));
    });
    if (part.nodes.length > 0 || part.links.length > 0) parts.add(topologyPart(part.keyPath, part.nodes.length, part.links.length));
    if (part.wan && part.wan.length > 0) parts.add(topologyPart(`${part.keyPath}.wan`, 0, part.wan.length));
  }
  const tasksByEndpoint = new Map<string, number>();
  for (let i = 0; i < s.workloads.length; i++) {
    const w = s.workloads[i];
    // A transfer's part (its key path and text) only when the parts are wanted: 20,000 transfers are 20,000 workloads.
    if (w.kind === "transfer") parts.addTransfer(w, i, s.untilS);
    else if (w.kind === "transfers") parts.add(workloadPart(keyPath(i, w.kind), `${formatCount(w.list.count)} transfers`, w.list.count, 2 * w.list.count, w.list.count * BYTES_PER.flow));
    else if (w.kind === "traffic") parts.add(trafficPart(w, keyPath(i, w.kind), s.untilS, topology));
    else if (w.kind === "training") parts.add(trainingPart(w, keyPath(i, w.kind), s.untilS, topology));
    else if (w.kind === "agents") parts.add(agentsPart(w, keyPath(i, w.kind), s.untilS, tasksByEndpoint));
    else if (w.kind === "chakra") parts.add(chakraPart(w, keyPath(i, w.kind)));
  }
  // Inference: every output token is a decode step of some batch (events, no memory).
  s.workloads.forEach((w, i) => {
    if (w.kind !== "inference") return;
    const requests = tasksByEndpoint.get(w.name) ?? 0;
    if (requests === 0) return;
    const steps = times(requests, tokenMean(w.output)) / w.maxBatch;
    parts.add({
      keyPath: `workloads[${i}].inference`,
      what: `about ${formatCount(requests)} requests of ${formatCount(tokenMean(w.output))} output tokens, one decode step per token and batch,`,
      nodes: 0,
      links: 0,
      flows: 0,
      events: steps,
      bytes: 0,
    });
  });
}

/** The key path of workload `i` of kind `kind`: "workloads[3].traffic". */
function keyPath(i: number, kind: string): string {
  return `workloads[${i}].${kind}`;
}

/** A count for messages: "1,234,567", or "1.00e+15" beyond what grouping shows exactly ("infinitely many" for Infinity). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "infinitely many";
  if (!(n < 1e15)) return n.toPrecision(3);
  const r = Math.round(n);
  // Grouped by hand: toLocaleString asks ICU, which costs far more.
  if (r >= 0 && !Object.is(r, -0)) return r < 1000 ? String(r) : groupThousands(String(r));
  return r.toLocaleString("en-US");
}

/** The digits of a whole number with a comma before each group of three from the right ("1234567" → "1,234,567"). */
function groupThousands(digits: string): string {
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** a·b with 0·∞ = 0 (an empty window of an infinite rate issues nothing). */
function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

function topologyPart(keyPath: string, nodes: number, links: number, head?: string): SizePart {
  return {
    keyPath,
    what: `${head ? `${head}: ` : ""}${formatCount(nodes)} nodes and ${formatCount(links)} links`,
    nodes,
    links,
    flows: 0,
    events: 0,
    bytes: nodes * BYTES_PER.node + links * BYTES_PER.link,
  };
}

/** The generated fabrics of a part or a site: nodes and links as their generators make them. */
function fabricParts(f: Fabrics, keyPath: string, parts: PartSink): void {
  if (f.clos3) {
    const { pods: P, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C } = f.clos3;
    const hosts = P * L * H;
    parts.add(topologyPart(`${keyPath}.clos3`, hosts + P * L + P * S + S * C, hosts + P * L * S + P * S * C, `${formatCount(P)} pods of ${formatCount(L)} leaves × ${formatCount(H)} hosts (${formatCount(hosts)} hosts)`));
  }
  if (f.torus) {
    const { dims, hostsPerNode: H } = f.torus;
    const n = dims.reduce((a, k) => a * k, 1);
    const ringLinks = dims.reduce((a, k) => a + (k >= 3 ? n : n / 2), 0);
    parts.add(topologyPart(`${keyPath}.torus`, n * (1 + H), n * H + ringLinks, `a ${dims.map(formatCount).join(" × ")} torus with ${H === 1 ? "one host" : `${formatCount(H)} hosts`} per router`));
  }
  if (f.fatTree) {
    const k = f.fatTree.k;
    parts.add(topologyPart(`${keyPath}.fatTree`, (5 * k * k) / 4 + k ** 3 / 4, (3 * k ** 3) / 4, `k = ${formatCount(k)} gives ${formatCount(k ** 3 / 4)} hosts`));
  }
  if (f.leafSpine) {
    const { leaves, spines, hostsPerLeaf } = f.leafSpine;
    const hosts = leaves * hostsPerLeaf;
    parts.add(topologyPart(`${keyPath}.leafSpine`, spines + leaves + hosts, leaves * spines + hosts, `${formatCount(leaves)} leaves × ${formatCount(spines)} spines and ${formatCount(hosts)} hosts`));
  }
  if (f.dragonfly) parts.add(dragonflyPart(f.dragonfly, keyPath));
  if (f.gpuCluster) {
    const g = f.gpuCluster;
    const gpus = g.hosts * g.gpusPerHost;
    // As gpuCluster builds it (its formula is tested against the builder).
    const { nodes, links } = gpuClusterSize(g);
    parts.add(topologyPart(`${keyPath}.gpuCluster`, nodes, links, `${formatCount(g.hosts)} hosts × ${formatCount(g.gpusPerHost)} GPUs (${formatCount(gpus)} GPUs)`));
  }
}

function dragonflyPart(d: DragonflySpec, keyPath: string): SizePart {
  const c = dragonflyCounts(d);
  return topologyPart(`${keyPath}.dragonfly`, c.routers + c.hosts, c.hosts + c.localLinks + c.globalLinks, `${formatCount(d.g)} groups × ${formatCount(d.a)} routers × ${formatCount(d.p)} hosts`);
}

function workloadPart(keyPath: string, what: string, flows: number, events: number, bytes: number): SizePart {
  return { keyPath, what, nodes: 0, links: 0, flows, events, bytes };
}

/** The arrival window of a workload starting at `startS`: to the end of its duration or to `until`, whichever is first. */
function window(startS: number, durationS: number | undefined, untilS: number | undefined): number {
  const end = Math.min(durationS === undefined ? Infinity : startS + durationS, untilS ?? Infinity);
  return Math.max(0, end - startS);
}

/** The flows a transfer makes: its repeats up to `until`. */
function transferFlows(w: TransferSpec, untilS: number | undefined): number {
  const flows = w.repeat?.count ?? 1;
  if (w.repeat && untilS !== undefined) return Math.min(flows, untilS < w.startS ? 0 : Math.floor((untilS - w.startS) / w.repeat.everyS) + 1);
  return flows;
}

function transferPart(w: TransferSpec, keyPath: string, untilS: number | undefined): SizePart {
  const flows = transferFlows(w, untilS);
  const what = w.repeat ? `repeat.count ${formatCount(w.repeat.count)}: ${formatCount(flows)} flows` : "one flow";
  return workloadPart(keyPath, what, flows, 2 * flows, flows * BYTES_PER.flow);
}

function trafficPart(w: TrafficLoadSpec, keyPath: string, untilS: number | undefined, topology: Topology | undefined): SizePart {
  const hostIds = w.hosts ?? (topology ? topology.nodeIds.filter((_, n) => topology.nodeKinds[n] === "host") : undefined);
  const n = hostIds?.length ?? 2;
  const perArrival = w.pattern === "incast" ? (w.fanIn ?? 1) : w.pattern === "all-to-all" ? n * (n - 1) : 1;
  // Neither flows nor duration is checkScenario's to report ("give exactly one of …"), not a size.
  let arrivals = w.flows ?? (w.durationS === undefined ? 0 : Infinity);
  if (w.durationS !== undefined || untilS !== undefined) {
    // The arrival rate needs the hosts' access capacity: known once the network is built.
    let byRate = 0;
    if (topology && hostIds) {
      const accessBps = hostIds.map((id) => {
        const node = topology.nodeIndex.get(id)!;
        let sum = 0;
        for (let c = topology.outStart[node]; c < topology.outStart[node + 1]; c++) sum += topology.resourceCapacityBps[topology.outChannels[c]];
        return sum;
      });
      try {
        const rate = arrivalRateForLoad(w.load, accessBps, sizeMeanBytes(w.size), w.pattern, w.fanIn, n);
        byRate = times(rate, window(w.startS, w.durationS, untilS));
      } catch (err) {
        // A bad size distribution (an unreadable CDF…) is reported, with its key path, when the workload is built.
        if (!(err instanceof InputError)) throw err;
      }
    }
    arrivals = Math.min(arrivals, byRate);
  }
  const flows = times(arrivals, perArrival);
  return workloadPart(keyPath, `about ${formatCount(flows)} flows`, flows, arrivals + 2 * flows, flows * BYTES_PER.flow);
}

/** Expected arrivals of a population's process over `windowS` (Infinity for an unbounded window). */
function expectedArrivals(a: ArrivalSpec, agents: number, windowS: number): number {
  if (windowS === 0) return 0;
  if ("poisson" in a) return times(a.poisson.ratePerS, windowS);
  if ("periodic" in a) return Math.floor(windowS / a.periodic.everyS) + 1;
  if ("pareto" in a) return times(agents, windowS / a.pareto.meanGapS);
  if ("onOff" in a) {
    const { onS, offS, ratePerS } = a.onOff;
    const cycles = Math.floor(windowS / (onS + offS));
    const onTimeS = Number.isFinite(cycles) ? cycles * onS + Math.min(onS, windowS - cycles * (onS + offS)) : Infinity;
    return times(ratePerS, onTimeS);
  }
  let sum = 0;
  a.profile.forEach((step, i) => {
    const endS = Math.min(i + 1 < a.profile.length ? a.profile[i + 1].atS : Infinity, windowS);
    if (endS > step.atS) sum += times(step.ratePerS, endS - step.atS);
  });
  return sum;
}

function agentsPart(w: AgentsLoadSpec, keyPath: string, untilS: number | undefined, tasksByEndpoint: Map<string, number>): SizePart {
  const tasks = Math.min(w.tasks ?? Infinity, expectedArrivals(w.arrival, w.count, window(w.startS, w.durationS, untilS)));
  for (const name of w.calls) tasksByEndpoint.set(name, (tasksByEndpoint.get(name) ?? 0) + tasks);
  const requests = times(tasks, w.calls.length);
  // Every request is at least a request flow and a response flow.
  const flows = 2 * requests;
  const agents = "pareto" in w.arrival ? w.count : 0;
  const bytes = flows * BYTES_PER.flow + requests * BYTES_PER.request + agents * BYTES_PER.paretoAgent;
  const what = `about ${formatCount(tasks)} tasks, ${formatCount(requests)} requests and ${formatCount(flows)} flows${agents > 0 ? ` from ${formatCount(agents)} agents` : ""}`;
  return workloadPart(keyPath, what, flows, tasks + 2 * flows, bytes);
}

/**
 * A training job, by lower bounds: per iteration, each gradient bucket is all-reduced over
 * the dp replicas by at least dp flows (every algorithm has each replica send), pipeline
 * stages exchange each microbatch forward and backward per tp rank, and each replica reads
 * its input; every stage runs a forward and a backward pass per microbatch. With tp > 1 each
 * pass of each tp group has its tensor-parallel collectives (2 per layer, 4 with sequence
 * parallelism; 1 or 2 per pass with `tpGranularity: pass`) of at least tp flows; with ep > 1
 * each expert group and tp rank has 4 all-to-alls of ep(ep − 1) flows per MoE layer and
 * microbatch; expert buckets are all-reduced by at least dp/ep flows each.
 */
function trainingPart(w: TrainingSpec, keyPath: string, untilS: number | undefined, topology: Topology | undefined): SizePart {
  const p = w.placement;
  let gpus = "count" in p ? p.count : "gpuList" in p ? p.gpuList.length : p.hosts.length;
  if ("hosts" in p && topology) {
    gpus = 0;
    for (const host of p.hosts) for (let j = 0; topology.nodeIndex.has(`${host}g${j}`); j++) gpus++;
  }
  const { tp, pp } = w.parallelism;
  const dp = w.parallelism.dp ?? Math.max(1, Math.floor(gpus / (tp * pp)));
  const buckets = Math.ceil((w.model.parameters * w.model.bytesPerParameter) / (tp * pp) / w.allReduce.bucketBytes);
  const microbatches = w.pipeline.microbatches;
  let iterations = w.iterations;
  if (untilS !== undefined) {
    const c = w.compute;
    const computeS = "iterationS" in c ? c.iterationS : c.flopsPerIteration / (Math.max(1, gpus) * c.gpuPeakFlops * c.efficiency);
    iterations = Math.min(iterations, untilS < w.startS ? 0 : Math.ceil((untilS - w.startS) / computeS) + 1);
  }
  const layers = w.model.layers ?? pp;
  const sp = w.parallelism.sequenceParallel === true ? 2 : 1;
  const tpCollectives = tp > 1 ? dp * microbatches * 2 * sp * (w.parallelism.tpGranularity === "pass" ? pp : 2 * layers) : 0;
  const ep = w.parallelism.ep;
  const moeLayers = w.expert ? Math.floor(layers / w.expert.every) : 0;
  const allToAlls = ep > 1 ? (dp / ep) * tp * moeLayers * microbatches * 4 : 0;
  const expertBuckets = w.expert && dp / ep > 1 ? Math.ceil((w.expert.parameters * w.model.bytesPerParameter) / (tp * ep) / w.allReduce.bucketBytes) * tp * ep : 0;
  const perIteration =
    (dp > 1 ? buckets * dp : 0) +
    (pp > 1 && w.model.activationBytes > 0 ? 2 * (pp - 1) * microbatches * tp * dp : 0) +
    (w.input ? dp : 0) +
    tpCollectives * tp +
    allToAlls * ep * (ep - 1) +
    expertBuckets * (dp / ep);
  const flows = times(iterations, perIteration);
  const passes = 2 * pp * microbatches;
  const plan = (buckets + passes) * BYTES_PER.planEntry;
  const records = times(iterations, 1 + (dp > 1 ? buckets : 0) + tpCollectives + allToAlls + expertBuckets) * BYTES_PER.record;
  const what = `${formatCount(iterations)} iterations of at least ${formatCount(perIteration)} flows (${formatCount(buckets)} gradient buckets, ${formatCount(passes)} passes)`;
  return workloadPart(keyPath, what, flows, times(iterations, passes) + 2 * flows, flows * BYTES_PER.flow + plan + records);
}

/**
 * A Chakra trace replayed `iterations` times, by lower bounds: a collective that moves
 * bytes over n ranks makes at least n flows (every member sends; an all-to-all n(n − 1)),
 * a matched send/recv one; every trace node is an event per replay. The decoded trace is
 * already in memory when this runs, so only what the replay makes is counted.
 */
function chakraPart(w: ChakraSpec, keyPath: string): SizePart {
  let perIteration = w.plan.sendRecvs.length;
  for (const c of w.plan.collectives) {
    const n = c.ranks.length;
    if (c.kind === "barrier" || c.sizeBytes <= 0 || n < 2) continue;
    perIteration += c.kind === "all-to-all" ? n * (n - 1) : n;
  }
  let nodes = 0;
  for (const r of w.plan.ranks) nodes += r.nodes.length;
  const flows = times(w.iterations, perIteration);
  const records = times(w.iterations, 1 + w.plan.collectives.length) * BYTES_PER.record;
  const what = `${formatCount(w.iterations)} replays of at least ${formatCount(perIteration)} flows (${formatCount(w.plan.collectives.length)} collectives, ${formatCount(w.plan.sendRecvs.length)} sends, ${formatCount(nodes)} trace nodes)`;
  return workloadPart(keyPath, what, flows, times(w.iterations, nodes) + 2 * flows, flows * BYTES_PER.flow + records);
}

/** The mean of a token-count distribution. */
function tokenMean(t: TokenSpec): number {
  if ("fixed" in t) return t.fixed;
  if ("exponential" in t) return t.exponential.mean;
  if ("uniform" in t) return (t.uniform.min + t.uniform.max) / 2;
  return t.lognormal.median * Math.exp((t.lognormal.sigma * t.lognormal.sigma) / 2);
}

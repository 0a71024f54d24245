// estimateScenarioSize: how many nodes, links, flows and events a scenario makes, and the memory that takes, from its spec alone.
import type { Topology } from "../net/Topology.js";
import { gpuClusterTop } from "../net/gpuClusterScaleOut.js";
import type { TokenSpec } from "../workloads/serving/ServingSpecs.js";
import { formatCount } from "./formatCount.js";
import type { Scenario, TransferSpec } from "./Scenario.js";
import { chakraPart } from "./size/chakraPart.js";
import { fabricParts } from "./size/fabricParts.js";
import { BYTES_PER, times, topologyPart, workloadPart, type PartSink, type ScenarioSize, type SizePart } from "./size/SizePart.js";
import { trainingPart } from "./size/trainingPart.js";
import { agentsPart, trafficPart, transferFlows, transferPart } from "./size/workloadParts.js";

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

/** The parts themselves, in order (for messages). */
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

/** The mean of a token-count distribution. */
function tokenMean(t: TokenSpec): number {
  if ("fixed" in t) return t.fixed;
  if ("exponential" in t) return t.exponential.mean;
  if ("uniform" in t) return (t.uniform.min + t.uniform.max) / 2;
  return t.lognormal.median * Math.exp((t.lognormal.sigma * t.lognormal.sigma) / 2);
}

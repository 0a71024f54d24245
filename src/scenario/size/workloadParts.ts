// workloadParts: the flows, events and memory of transfer, traffic and agents workloads, from their specs.
import { InputError } from "../../core/InputError.js";
import type { Topology } from "../../net/Topology.js";
import { arrivalRateForLoad } from "../../workloads/arrivalRateForLoad.js";
import type { ArrivalSpec } from "../../workloads/agents/AgentsSpec.js";
import { sizeMeanBytes } from "../../workloads/sizeMeanBytes.js";
import { formatCount } from "../formatCount.js";
import type { AgentsLoadSpec, TrafficLoadSpec, TransferSpec } from "../Scenario.js";
import { BYTES_PER, times, workloadPart, type SizePart } from "./SizePart.js";

/** The arrival window of a workload starting at `startS`: to the end of its duration or to `until`, whichever is first. */
function window(startS: number, durationS: number | undefined, untilS: number | undefined): number {
  const end = Math.min(durationS === undefined ? Infinity : startS + durationS, untilS ?? Infinity);
  return Math.max(0, end - startS);
}

/** The flows a transfer makes: its repeats up to `until`. */
export function transferFlows(w: TransferSpec, untilS: number | undefined): number {
  const flows = w.repeat?.count ?? 1;
  if (w.repeat && untilS !== undefined) return Math.min(flows, untilS < w.startS ? 0 : Math.floor((untilS - w.startS) / w.repeat.everyS) + 1);
  return flows;
}

/** The part of transfer `w` at `keyPath`: its flows up to `until`. */
export function transferPart(w: TransferSpec, keyPath: string, untilS: number | undefined): SizePart {
  const flows = transferFlows(w, untilS);
  const what = w.repeat ? `repeat.count ${formatCount(w.repeat.count)}: ${formatCount(flows)} flows` : "one flow";
  return workloadPart(keyPath, what, flows, 2 * flows, flows * BYTES_PER.flow);
}

/** The part of traffic `w` at `keyPath`: its flows by count or, once `topology` gives the hosts' access capacity, by arrival rate over its window. */
export function trafficPart(w: TrafficLoadSpec, keyPath: string, untilS: number | undefined, topology: Topology | undefined): SizePart {
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

/** The part of agents `w` at `keyPath`: its tasks, two flows per request; adds its tasks to `tasksByEndpoint` under each endpoint it calls. */
export function agentsPart(w: AgentsLoadSpec, keyPath: string, untilS: number | undefined, tasksByEndpoint: Map<string, number>): SizePart {
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

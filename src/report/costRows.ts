// costRows: dollars per workload and for the run (GPU time, GPU time idle on the network, egress, WAN, capex) — cost.csv.
import { DEFAULT_EGRESS_OUT_PER_GB_USD, type CostSpec } from "../net/CostSpec.js";
import type { Topology } from "../net/Topology.js";
import type { WorkloadResults } from "../workloads/WorkloadResults.js";
import { tableRows, type RowSink } from "./CsvWriter.js";
import { tierOf } from "./tierOf.js";

/** Columns of cost.csv, in order. */
export const COST_CSV_HEADERS = ["workload", "item", "usd"] as const;

/** Every `item` cost.csv may have, in the order its rows give them (a workload's rows have all but `capex`; some only when they apply). */
export const COST_ITEMS = ["gpu", "gpu_idle_network", "egress", "wan", "capex", "total", "per_iteration", "per_million_requests"] as const;

/** What {@link costRows} reads. */
export interface CostInput {
  cost: CostSpec;
  topology: Topology;
  names: readonly string[];
  results: readonly WorkloadResults[];
  workloadOfFlow: ArrayLike<number>;
  flowCount: number;
  /** Size of a flow if it finished, 0 otherwise (unfinished flows are not billed). */
  deliveredBytesOf(flow: number): number;
  nodesOf(flow: number): ArrayLike<number>;
  resourcesOf(flow: number): ArrayLike<number>;
  /** The run's makespan, seconds. */
  makespanS: number;
}

/**
 * cost.csv rows, per workload then `all`, items in this order (an item is left out when it
 * does not apply): `gpu` (GPUs held × time held × $/GPU-hour; a training job holds its
 * GPUs for Σ iteration_s, any other workload with GPUs for the makespan),
 * `gpu_idle_network` (GPUs × Σ exposed_comm_s × $/GPU-hour: GPU time spent waiting on the
 * network), `egress` (bytes leaving a provider's sites to a node that is not that
 * provider's × its out price, plus bytes entering × its in price), `wan` (bytes of flows that
 * cross a WAN link × ($/GB + WAN links crossed × $/GB per link)), `capex` (`all` only: devices by
 * kind — NICs one per GPU NIC port, {@link nicCount} — plus two ports per link by tier, × makespan ÷ amortisation), `total`, `per_iteration` (total ÷ iterations) and
 * `per_million_requests` (total × 1e6 ÷ requests). GB = 1e9 bytes.
 */
export function costRows(input: CostInput): string[][] {
  const table = new CostTable(input.cost, input.topology, input.names.length);
  for (let f = 0; f < input.flowCount; f++) {
    const w = input.workloadOfFlow[f];
    const bytes = input.deliveredBytesOf(f);
    if (bytes === 0 || w === undefined || w < 0 || w >= input.names.length) continue;
    table.add(w, bytes, input.nodesOf(f), input.resourcesOf(f));
  }
  return table.rows(input);
}

/** The per-flow part of {@link costRows} (egress and WAN bytes per workload), fed one flow at a time so writeReports fills every per-flow report in one pass. */
export class CostTable {
  readonly egress: Float64Array;
  readonly wan: Float64Array;
  private readonly wanChannel: Int8Array;

  constructor(
    private readonly cost: CostSpec,
    private readonly topology: Topology,
    workloads: number,
  ) {
    this.egress = new Float64Array(workloads);
    this.wan = new Float64Array(workloads);
    this.wanChannel = new Int8Array(topology.channelCount).fill(-1);
  }

  private priceOf(provider: string, direction: "out" | "in"): number {
    const p = this.cost.egress.find((e) => e.provider === provider && e.direction === direction);
    return p ? p.perGbUsd : direction === "out" ? DEFAULT_EGRESS_OUT_PER_GB_USD : 0;
  }

  private providerOf(node: number): string {
    const t = this.topology;
    return t.nodeSite[node] >= 0 ? t.sites[t.nodeSite[node]].provider : "";
  }

  /** Bill `deliveredBytes` (> 0) of a flow of workload `w` (an index into the names) that went from nodes[0] to its last node over `resources`. */
  add(w: number, deliveredBytes: number, nodes: ArrayLike<number>, resources: ArrayLike<number>): void {
    const t = this.topology;
    const gb = deliveredBytes / 1e9;
    const from = this.providerOf(nodes[0]);
    const to = this.providerOf(nodes[nodes.length - 1]);
    if (from !== to) {
      if (from) this.egress[w] += gb * this.priceOf(from, "out");
      if (to) this.egress[w] += gb * this.priceOf(to, "in");
    }
    let wanLinks = 0;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r >= t.channelCount) continue;
      if (this.wanChannel[r] < 0) this.wanChannel[r] = tierOf(t, r) === "wan" ? 1 : 0;
      wanLinks += this.wanChannel[r];
    }
    if (wanLinks > 0) this.wan[w] += gb * (this.cost.wanPerGbUsd + wanLinks * (this.cost.wanPerGbPerLinkUsd ?? 0));
  }

  /** cost.csv rows (see {@link costRows}), from the flows added and the workloads' records. */
  rows(input: Pick<CostInput, "names" | "results" | "makespanS">): string[][] {
    return tableRows((sink) => this.emit(sink, input));
  }

  /** Write cost.csv's rows into `sink` (see {@link rows}), yielding when the sink is full (see CsvWriter's streamTable). */
  *emit(sink: RowSink, input: Pick<CostInput, "names" | "results" | "makespanS">): Generator<void> {
    const { cost, topology: t, egress, wan } = this;
    const W = input.names.length;
    const names = input.names;
    const sum = { gpu: 0, idle: 0, egress: 0, wan: 0, iterations: 0, requests: 0 };
    const row = (name: string, item: (typeof COST_ITEMS)[number], usd: number | undefined) => {
      if (usd === undefined) return;
      sink.text(name);
      sink.text(item);
      sink.number(usd);
      sink.endRow();
    };
    for (let w = 0; w < W; w++) {
      const r = input.results[w];
      const gpus = r.gpus ?? 0;
      const iterations = r.iterations ?? [];
      const requests = r.requests?.length ?? 0;
      const heldS = iterations.length > 0 ? iterations.reduce((s, it) => s + it.iterationS, 0) : input.makespanS;
      const exposedS = iterations.reduce((s, it) => s + it.exposedCommS, 0);
      const gpu = gpus > 0 ? (gpus * heldS * cost.gpuHourUsd) / 3600 : undefined;
      const idle = gpus > 0 && iterations.length > 0 ? (gpus * exposedS * cost.gpuHourUsd) / 3600 : undefined;
      const total = (gpu ?? 0) + egress[w] + wan[w];
      sum.gpu += gpu ?? 0;
      sum.idle += idle ?? 0;
      sum.egress += egress[w];
      sum.wan += wan[w];
      sum.iterations += iterations.length;
      sum.requests += requests;
      const name = names[w];
      row(name, "gpu", gpu);
      row(name, "gpu_idle_network", idle);
      row(name, "egress", egress[w]);
      row(name, "wan", wan[w]);
      row(name, "total", total);
      row(name, "per_iteration", iterations.length > 0 ? total / iterations.length : undefined);
      row(name, "per_million_requests", requests > 0 ? (total * 1e6) / requests : undefined);
      if (sink.full) yield;
    }
    const capex = cost.capex ? (capexUsd(t, cost.capex) * input.makespanS) / cost.capex.amortizationS : 0;
    const total = sum.gpu + sum.egress + sum.wan + capex;
    row("all", "gpu", sum.gpu);
    row("all", "gpu_idle_network", sum.idle);
    row("all", "egress", sum.egress);
    row("all", "wan", sum.wan);
    row("all", "capex", capex);
    row("all", "total", total);
    row("all", "per_iteration", sum.iterations > 0 ? total / sum.iterations : undefined);
    row("all", "per_million_requests", sum.requests > 0 ? (total * 1e6) / sum.requests : undefined);
    yield;
  }
}

/**
 * The purchase price of the network: devices by node kind plus two ports per link by its
 * tier. NICs (device kind `nic`) are charged one per GPU NIC port in every layout: each node
 * of kind `nic`, plus each link joining a GPU straight to the fabric ({@link nicCount}).
 */
export function capexUsd(t: Topology, capex: NonNullable<CostSpec["capex"]>): number {
  let usd = 0;
  for (const kind of t.nodeKinds) if (kind !== "nic") usd += capex.devicesUsd[kind] ?? 0;
  usd += nicCount(t) * (capex.devicesUsd.nic ?? 0);
  for (let ch = 0; ch < t.channelCount; ch += 2) usd += 2 * (capex.portsUsd[tierOf(t, ch)] ?? 0);
  return usd;
}

/** Kinds a GPU reaches without a NIC: its peers and the NVSwitch of its host (and, with a NIC node, the NIC itself). */
const INSIDE_HOST = new Set(["gpu", "nvswitch", "nic"]);

/**
 * NICs of a topology: the nodes of kind `nic`, plus every link joining a GPU to a node that
 * is not a GPU, an NVSwitch or a NIC — a GPU's own port into the fabric. gpuCluster's
 * rail-optimised layout without PCIe bandwidth folds each GPU's NIC into its rail link (no
 * NIC node), so a cluster has as many NICs in that layout as in the others.
 */
export function nicCount(t: Topology): number {
  let nics = 0;
  for (const kind of t.nodeKinds) if (kind === "nic") nics++;
  for (let ch = 0; ch < t.channelCount; ch += 2) {
    const a = t.nodeKinds[t.channelFrom[ch]];
    const b = t.nodeKinds[t.channelTo[ch]];
    if ((a === "gpu" && !INSIDE_HOST.has(b)) || (b === "gpu" && !INSIDE_HOST.has(a))) nics++;
  }
  return nics;
}

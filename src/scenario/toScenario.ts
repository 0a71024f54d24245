// toScenario: renames the schema's output (file keys, engine-unit values) into the engine-facing Scenario.
import path from "node:path";
import { BUILTIN_CDFS } from "../workloads/loadCdf.js";
import { InputError } from "../core/InputError.js";
import { memoryLimitBytes } from "./checkScenarioSize.js";
import { BYTES_PER } from "./estimateScenarioSize.js";
import { readTransferCsv } from "./readTransferCsv.js";
import type { Scenario, SiteSpec, SizeSpec, TopologyPart, TransferListLoadSpec, WorkloadSpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";
import { toTrainingSpec } from "./toTrainingSpec.js";
import { toAgentsSpec, toInferenceSpec, toServiceSpec, type TransportOf } from "./toServingSpecs.js";
import { toEvents } from "./toEvents.js";
import { toTransportSpec } from "./toTransportSpec.js";
import { toPolicies } from "./toPolicies.js";

type FileSize = Extract<ScenarioFile["workloads"][number], { traffic: unknown }>["traffic"]["size"];

/** CDF names built into the traffic workload; anything else is a file path. */

/**
 * Convert a parsed scenario file into a {@link Scenario}: keys get their engine names
 * (`bandwidth` → `bandwidthBps`), defaults are filled in, the topology becomes a list of
 * parts and CDF files are resolved against the scenario's directory.
 */
export function toScenario(f: ScenarioFile, file: string): Scenario {
  const dir = path.dirname(path.resolve(file));
  const parts = Array.isArray(f.topology) ? f.topology : [f.topology];
  const topology: TopologyPart[] = parts.map((p, i) => {
    const part: TopologyPart = {
      keyPath: Array.isArray(f.topology) ? `topology[${i}]` : "topology",
      nodes: p.nodes.map((n) => ({
        id: n.id,
        kind: n.kind ?? "host",
        ...(n.capacity !== undefined && { capacityBps: n.capacity }),
        ...(n.read !== undefined && { readBps: n.read }),
        ...(n.write !== undefined && { writeBps: n.write }),
        ...(n.site !== undefined && { site: n.site }),
      })),
      links: p.links.map((l) => ({
        from: l.from,
        to: l.to,
        bandwidthBps: l.bandwidth,
        latencyS: l.latency,
        ...(l.buffer !== undefined && { bufferBytes: l.buffer }),
        ...(l.ecnThreshold !== undefined && { ecnThresholdBytes: l.ecnThreshold }),
      })),
    };
    Object.assign(part, toFabrics(p));
    if (p.sites) part.sites = p.sites.map(toSite);
    if (p.wan) {
      part.wan = p.wan.map((l) => ({
        from: l.from,
        to: l.to,
        bandwidthBps: l.bandwidth,
        ...(l.latency !== undefined && { latencyS: l.latency }),
        inflation: l.inflation,
      }));
    }
    return part;
  });
  const size = (s: FileSize): SizeSpec => {
    if (typeof s === "number") return { fixed: s };
    if ("exponential" in s) return { exponential: { meanBytes: s.exponential.mean } };
    if ("lognormal" in s) return { lognormal: { medianBytes: s.lognormal.median, sigma: s.lognormal.sigma } };
    if ("pareto" in s) return { pareto: { meanBytes: s.pareto.mean, shape: s.pareto.shape } };
    return { cdf: BUILTIN_CDFS.includes(s.cdf) ? s.cdf : path.resolve(dir, s.cdf) };
  };
  const top = { keyPath: "transport", transport: f.transport };
  const transportOf: TransportOf = (keyPath, own, extra) =>
    f.transport === undefined && own === undefined && extra === undefined
      ? {}
      : { transport: toTransportSpec(file, [top, { keyPath, transport: own }, { keyPath, transport: extra }]) };
  const workloads: WorkloadSpec[] = f.workloads.map((w, i) => {
    if ("transfer" in w) {
      const t = w.transfer;
      return {
        kind: "transfer",
        ...(t.id !== undefined && { id: t.id }),
        src: t.src,
        dst: t.dst,
        sizeBytes: t.size,
        startS: t.start,
        ...(t.path !== undefined && { path: t.path }),
        ...(t.weight !== undefined && { weight: t.weight }),
        ...(t.cap !== undefined && { capBps: t.cap }),
        ...(t.repeat !== undefined && { repeat: { count: t.repeat.count, everyS: t.repeat.every } }),
        ...transportOf(`workloads[${i}].transfer.transport`, t.transport),
      };
    }
    if ("transfers" in w) return toTransferList(w.transfers, i, file, transportOf);
    if ("training" in w) {
      // Training defaults to rdma; the scenario's and the workload's transport keys override it.
      const layers = [{ keyPath: "training", transport: { model: "rdma" as const } }, top, { keyPath: `workloads[${i}].training.transport`, transport: w.training.transport }];
      return toTrainingSpec(w.training, i, toTransportSpec(file, layers), `${file}: workloads[${i}].training`);
    }
    if ("service" in w) return toServiceSpec(w.service);
    if ("inference" in w) return toInferenceSpec(w.inference, i, transportOf);
    if ("agents" in w) return toAgentsSpec(w.agents, i, size, transportOf, file);
    const t = w.traffic;
    return {
      kind: "traffic",
      name: t.name ?? `traffic${i}`,
      ...(t.hosts !== undefined && { hosts: t.hosts }),
      pattern: t.pattern,
      load: t.load,
      size: size(t.size),
      ...(t.fanIn !== undefined && { fanIn: t.fanIn }),
      startS: t.start,
      ...(t.duration !== undefined && { durationS: t.duration }),
      ...(t.flows !== undefined && { flows: t.flows }),
      ...transportOf(`workloads[${i}].traffic.transport`, t.transport),
    };
  });
  return {
    file,
    name: f.name ?? path.basename(file).replace(/\.(ya?ml|json)$/i, ""),
    seed: f.seed,
    ...(f.description !== undefined && { description: f.description }),
    ...(f.until !== undefined && { untilS: f.until }),
    routing: {
      metric: f.routing.metric,
      convergenceS: f.routing.convergence,
      ...(f.routing.te && {
        te: {
          intervalS: f.routing.te.interval,
          delayS: f.routing.te.delay,
          mode: f.routing.te.mode,
          ...(f.routing.te.paths && { paths: { k: f.routing.te.paths.k, stretch: f.routing.te.paths.stretch ?? Infinity } }),
        },
      }),
    },
    policies: toPolicies(f.policies),
    ...(f.transport !== undefined && { transport: toTransportSpec(file, [top]) }),
    ...(f.queues && {
      queues: {
        ...(f.queues.buffer !== undefined && { bufferBytes: f.queues.buffer }),
        ...(f.queues.ecnThreshold !== undefined && { ecnThresholdBytes: f.queues.ecnThreshold }),
      },
    }),
    topology,
    workloads,
    events: toEvents(f.events, file),
    ...(f.report?.interval !== undefined && { reportIntervalS: f.report.interval }),
    ...(f.cost && {
      cost: {
        gpuHourUsd: f.cost.gpuHour,
        egress: (f.cost.egress ?? []).map((e) => ({ provider: e.provider, direction: e.direction, perGbUsd: e.perGB })),
        wanPerGbUsd: f.cost.wanPerGB,
        wanPerGbPerLinkUsd: f.cost.wanPerGBPerLink,
        ...(f.cost.capex && {
          capex: { devicesUsd: f.cost.capex.devices, portsUsd: f.cost.capex.ports, amortizationS: f.cost.capex.amortization },
        }),
      },
    }),
  };
}

/**
 * A `transfers` workload: its CSV file (relative to the scenario file's directory, named in
 * messages as joined to the scenario's path) read into columns; every problem in the file is
 * one sentence naming the file, line and column.
 */
function toTransferList(t: Extract<ScenarioFile["workloads"][number], { transfers: unknown }>["transfers"], i: number, file: string, transportOf: TransportOf): TransferListLoadSpec {
  const csv = path.isAbsolute(t.file) ? t.file : path.join(path.dirname(file), t.file);
  const fail = (where: string, message: string): never => {
    throw new InputError(`${file}: workloads[${i}].transfers.file: ${csv}${where ? `:${where}` : ""}: ${message}`);
  };
  const { list, locate } = readTransferCsv(csv, fail, Math.floor(memoryLimitBytes() / BYTES_PER.flow));
  return {
    kind: "transfers",
    name: t.name ?? `transfers${i}`,
    list,
    file: csv,
    locate,
    ...transportOf(`workloads[${i}].transfers.transport`, t.transport),
  };
}

type FilePart = Extract<ScenarioFile["topology"], { nodes: unknown }>;
type FileFabrics = Pick<FilePart, "fatTree" | "leafSpine" | "gpuCluster">;

/** The generated fabrics of a part or a site, in engine units (`prefix` overrides the file's). */
function toFabrics(f: Partial<FileFabrics>, prefix?: string): Pick<TopologyPart, "fatTree" | "leafSpine" | "gpuCluster"> {
  const out: Pick<TopologyPart, "fatTree" | "leafSpine" | "gpuCluster"> = {};
  if (f.fatTree) {
    const t = f.fatTree;
    out.fatTree = { k: t.k, bandwidthBps: t.bandwidth, latencyS: t.latency, prefix: t.prefix };
  }
  if (f.leafSpine) {
    const t = f.leafSpine;
    out.leafSpine = {
      leaves: t.leaves,
      spines: t.spines,
      hostsPerLeaf: t.hostsPerLeaf,
      hostBandwidthBps: t.hostBandwidth,
      uplinkBandwidthBps: t.uplinkBandwidth,
      latencyS: t.latency,
      prefix: t.prefix,
    };
  }
  if (f.gpuCluster) {
    const t = f.gpuCluster;
    out.gpuCluster = {
      hosts: t.hosts,
      gpusPerHost: t.gpusPerHost,
      nvlinkBandwidthBps: t.nvlinkBandwidth,
      nicBandwidthBps: t.nicBandwidth,
      ...(t.nicsPerHost !== undefined && { nicsPerHost: t.nicsPerHost }),
      ...(t.pcieBandwidth !== undefined && { pcieBandwidthBps: t.pcieBandwidth }),
      railOptimized: t.railOptimized,
      spines: t.spines,
      uplinkBandwidthBps: t.uplinkBandwidth,
      hostsPerLeaf: t.hostsPerLeaf,
      latencyS: t.latency,
      nvlinkLatencyS: t.nvlinkLatency,
      ...(t.scaleUpDomain !== undefined && { scaleUpDomain: t.scaleUpDomain }),
      ...(t.tiers !== undefined && { tiers: t.tiers }),
      ...(t.hostsPerPod !== undefined && { hostsPerPod: t.hostsPerPod }),
      ...(t.cores !== undefined && { cores: t.cores }),
      ...(t.coreBandwidth !== undefined && { coreBandwidthBps: t.coreBandwidth }),
      ...(t.planes !== undefined && { planes: t.planes }),
      prefix: t.prefix,
      ...(t.storage && {
        storage: { nodes: t.storage.nodes, readBps: t.storage.read, writeBps: t.storage.write, linkBandwidthBps: t.storage.linkBandwidth },
      }),
    };
  }
  if (prefix !== undefined) {
    for (const g of [out.fatTree, out.leafSpine, out.gpuCluster]) if (g) g.prefix = prefix;
  }
  return out;
}

type FileSite = NonNullable<FilePart["sites"]>[number];

/** A site in engine units; its fabric's ids are prefixed with `<id>.`. */
function toSite(s: FileSite): SiteSpec {
  return {
    id: s.id,
    kind: s.kind,
    ...(s.city !== undefined && { city: s.city }),
    ...(s.lat !== undefined && { latDeg: s.lat }),
    ...(s.lon !== undefined && { lonDeg: s.lon }),
    ...(s.country !== undefined && { country: s.country }),
    ...(s.jurisdiction !== undefined && { jurisdiction: s.jurisdiction }),
    ...(s.provider !== undefined && { provider: s.provider }),
    ...(s.fabric && { fabric: toFabrics(s.fabric, `${s.id}.`) }),
    ...(s.uplink && { uplink: { bandwidthBps: s.uplink.bandwidth, latencyS: s.uplink.latency } }),
    ...(s.hosts && { hosts: { count: s.hosts.count, bandwidthBps: s.hosts.bandwidth, latencyS: s.hosts.latency } }),
  };
}

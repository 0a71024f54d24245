// toScenario: renames the schema's output (file keys, engine-unit values) into the engine-facing Scenario.
import path from "node:path";
import { BUILTIN_CDFS } from "../workloads/loadCdf.js";
import { InputError } from "../core/InputError.js";
import { memoryLimitBytes } from "./checkScenarioSize.js";
import { BYTES_PER } from "./size/SizePart.js";
import { readTransferCsv } from "./readTransferCsv.js";
import { readFlowList } from "./readFlowList.js";
import type { Fabrics, Scenario, SiteSpec, SizeSpec, TopologyPart, TransferListLoadSpec, TransferLoadSpec, WorkloadSpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";
import { toTrainingSpec } from "./toTrainingSpec.js";
import { toChakraSpec } from "./toChakraSpec.js";
import { toAgentsSpec, toInferenceSpec, toServiceSpec, type TransportOf } from "./toServingSpecs.js";
import { toEvents } from "./toEvents.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import { toTransportSpec } from "./toTransportSpec.js";
import { toPolicies } from "./toPolicies.js";

type FileSize = Extract<ScenarioFile["workloads"][number], { traffic: unknown }>["traffic"]["size"];

/** CDF names built into the traffic workload; anything else is a file path. */

/**
 * Convert a parsed scenario file into a {@link Scenario}: keys get their engine names
 * (`bandwidth` → `bandwidthBps`), defaults are filled in, the topology becomes a list of
 * parts and CDF files are resolved against the scenario's directory.
 *
 * `transfers`: the specs of plain transfers read elsewhere (fastTransferSpec's, a JSON file's
 * transfer list scanned from its bytes) that stand for `f`'s workloads, which must then be
 * none. Each takes the scenario's transport as a transfer of `f` without a transport of its
 * own would (the one shared spec), so the scenario is the one `f` with those transfers gives.
 */
export function toScenario(f: ScenarioFile, file: string, transfers?: TransferLoadSpec[]): Scenario {
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
  // A workload without transport keys of its own takes the scenario's: one spec, made once and
  // shared (specs are read, never written), where 20,000 transfers each made and kept their own
  // (a 12-field record each, ~3 MB the run's collector marked; the tcp transport registers one).
  let scenarioTransport: { transport: TransportSpec } | undefined;
  const transportOf: TransportOf = (keyPath, own, extra) => {
    if (own === undefined && extra === undefined) {
      if (f.transport === undefined) return {};
      // The other layers are empty: the spec is the scenario's alone, whatever the key path.
      return (scenarioTransport ??= { transport: toTransportSpec(file, [top]) });
    }
    return { transport: toTransportSpec(file, [top, { keyPath, transport: own }, { keyPath, transport: extra }]) };
  };
  if (transfers !== undefined && f.workloads.length > 0) throw new Error("toScenario: transfers given for a scenario with workloads of its own");
  if (transfers !== undefined && f.transport !== undefined) {
    for (let i = 0; i < transfers.length; i++) Object.assign(transfers[i], transportOf(`workloads[${i}].transfer.transport`, undefined));
  }
  const workloads: WorkloadSpec[] = transfers ?? f.workloads.map((w, i) => {
    if ("transfer" in w) {
      const t = w.transfer;
      // Field by field, in the order the spec lists them (no spread temporaries): 20,000 transfers are 20,000 workloads.
      const spec = { kind: "transfer" } as TransferLoadSpec;
      if (t.id !== undefined) spec.id = t.id;
      spec.src = t.src;
      spec.dst = t.dst;
      spec.sizeBytes = t.size;
      spec.startS = t.start;
      if (t.path !== undefined) spec.path = t.path;
      if (t.weight !== undefined) spec.weight = t.weight;
      if (t.cap !== undefined) spec.capBps = t.cap;
      if (t.repeat !== undefined) spec.repeat = { count: t.repeat.count, everyS: t.repeat.every };
      // The key path is made only when some transport is set (transportOf gives nothing otherwise).
      if (f.transport !== undefined || t.transport !== undefined) Object.assign(spec, transportOf(`workloads[${i}].transfer.transport`, t.transport));
      return spec;
    }
    if ("transfers" in w) return toTransferList(w.transfers, i, file, transportOf);
    if ("training" in w) {
      // Training defaults to rdma; the scenario's and the workload's transport keys override it.
      const layers = [{ keyPath: "training", transport: { model: "rdma" as const } }, top, { keyPath: `workloads[${i}].training.transport`, transport: w.training.transport }];
      return toTrainingSpec(w.training, i, toTransportSpec(file, layers), `${file}: workloads[${i}].training`);
    }
    if ("chakra" in w) {
      // A Chakra trace replays training: rdma by default, like a training job.
      const layers = [{ keyPath: "chakra", transport: { model: "rdma" as const } }, top, { keyPath: `workloads[${i}].chakra.transport`, transport: w.chakra.transport }];
      return toChakraSpec(w.chakra, i, file, toTransportSpec(file, layers), `${file}: workloads[${i}].chakra`);
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
    inputFiles: inputFilesOf(workloads),
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
  const name = t.name ?? `transfers${i}`;
  const maxRows = Math.floor(memoryLimitBytes() / BYTES_PER.flow);
  const format = t.format ?? "csv";
  if (format === "csv" && t.nodes !== undefined) {
    throw new InputError(`${file}: workloads[${i}].transfers.nodes: only hpcc and htsim files number their nodes — a csv file names them (remove nodes, or set format)`);
  }
  const nodes = t.nodes ?? "hosts";
  if (nodes !== "hosts" && !nodes.includes("{i}")) {
    throw new InputError(`${file}: workloads[${i}].transfers.nodes: ${JSON.stringify(nodes)} is neither "hosts" nor a template with {i} (e.g. "h{i}")`);
  }
  const naming = nodes === "hosts" ? { hosts: true as const } : { template: nodes };
  const { list, locate } = format === "csv" ? readTransferCsv(csv, fail, maxRows) : readFlowList(csv, format, name, naming, fail, maxRows);
  return {
    kind: "transfers",
    name,
    list,
    file: csv,
    locate,
    ...(format !== "csv" && nodes === "hosts" && { hostNumbers: true }),
    ...transportOf(`workloads[${i}].transfers.transport`, t.transport),
  };
}

type FilePart = Extract<ScenarioFile["topology"], { nodes: unknown }>;
type FileFabrics = Pick<FilePart, "fatTree" | "leafSpine" | "gpuCluster" | "clos3" | "torus" | "dragonfly">;

/** The generated fabrics of a part or a site, in engine units (`prefix` overrides the file's). */
function toFabrics(f: Partial<FileFabrics>, prefix?: string): Fabrics {
  const out: Fabrics = {};
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
  if (f.clos3) {
    const t = f.clos3;
    out.clos3 = {
      pods: t.pods,
      leavesPerPod: t.leavesPerPod,
      hostsPerLeaf: t.hostsPerLeaf,
      spinesPerPod: t.spinesPerPod,
      superSpinesPerPlane: t.superSpinesPerPlane,
      hostBandwidthBps: t.hostBandwidth,
      leafUplinkBandwidthBps: t.leafUplinkBandwidth,
      spineUplinkBandwidthBps: t.spineUplinkBandwidth,
      latencyS: t.latency,
      prefix: t.prefix,
    };
  }
  if (f.torus) {
    const t = f.torus;
    out.torus = { dims: t.dims, hostsPerNode: t.hostsPerNode, bandwidthBps: t.bandwidth, hostBandwidthBps: t.hostBandwidth ?? t.bandwidth, latencyS: t.latency, prefix: t.prefix };
  }
  if (f.dragonfly) {
    const t = f.dragonfly;
    out.dragonfly = {
      p: t.p,
      a: t.a,
      h: t.h,
      g: t.g ?? t.a * t.h + 1,
      hostBandwidthBps: t.hostBandwidth,
      localBandwidthBps: t.localBandwidth,
      globalBandwidthBps: t.globalBandwidth,
      hostLatencyS: t.hostLatency,
      localLatencyS: t.localLatency,
      globalLatencyS: t.globalLatency,
      routing: t.routing,
      prefix: t.prefix,
    };
  }
  if (prefix !== undefined) {
    for (const g of [out.fatTree, out.leafSpine, out.gpuCluster, out.clos3, out.torus, out.dragonfly]) if (g) g.prefix = prefix;
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

/**
 * The files a scenario's workloads read besides the scenario itself, in workload order
 * without repeats: CDF files of any size (a built-in CDF's name is not a file), transfer
 * lists and Chakra rank files.
 */
function inputFilesOf(workloads: readonly WorkloadSpec[]): string[] {
  const files = new Set<string>();
  const cdfsIn = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) cdfsIn(x);
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === "cdf" && typeof x === "string" && !BUILTIN_CDFS.includes(x)) files.add(x);
        else cdfsIn(x);
      }
    }
  };
  for (const w of workloads) {
    // A transfer names no CDF (its size is a quantity): 20,000 transfers need no walk.
    if (w.kind === "transfer") continue;
    if (w.kind === "transfers") files.add(w.file);
    else if (w.kind === "chakra") for (const f of w.files) files.add(f);
    else cdfsIn(w);
  }
  return [...files];
}

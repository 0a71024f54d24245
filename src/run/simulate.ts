// simulate: assemble a simulation from a prepared scenario (network, workloads, recorders) and run it.
import { availableParallelism } from "node:os";
import { isMainThread } from "node:worker_threads";
import { Simulation, type RunResult } from "../core/Simulation.js";
import { FlowNetwork } from "../net/FlowNetwork.js";
import { FullSharing } from "../net/FullSharing.js";
import { IncrementalSharing } from "../net/IncrementalSharing.js";
import { NetworkDynamics } from "../net/NetworkDynamics.js";
import { Router } from "../net/Router.js";
import { fabricRoutes } from "./fabricRoutes.js";
import { policyRouters } from "./policyRouters.js";
import { TrafficEngineer } from "../net/TrafficEngineer.js";
import type { SharingEngine } from "../net/SharingEngine.js";
import { QueueState } from "../net/queues/QueueState.js";
import { FlowRecorder } from "../report/FlowRecorder.js";
import { QUEUE_LINK_COLUMNS, QUEUE_SERIES_COLUMNS, QueueRecorder } from "../report/QueueRecorder.js";
import type { RunQueueing } from "../report/writeReports.js";
import type { EventRecord } from "../report/eventsCsv.js";
import { OffloadedResourceRecorder } from "../report/OffloadedResourceRecorder.js";
import { ResourceRecorder } from "../report/ResourceRecorder.js";
import { resourceRecorderWorkerUrl } from "../report/resourceRecorderWorkerUrl.js";
import { TimeSeriesRecorder } from "../report/TimeSeriesRecorder.js";
import type { PreparedScenario } from "../scenario/prepareScenario.js";
import type { Scenario } from "../scenario/Scenario.js";
import { buildWorkloads } from "./buildWorkloads.js";
import { phaseMark } from "../core/phaseMark.js";
import { queueSettings } from "./queueSettings.js";
import { NetworkContext } from "./NetworkContext.js";
import { scheduleEvents } from "./scheduleEvents.js";
import type { Workload } from "../workloads/Workload.js";

/** Sharing engines by name: "incremental" (default) or "full" (re-solves everything; the reference). */
export const SHARING_ENGINES = {
  incremental: (capacityBps: Float64Array): SharingEngine => new IncrementalSharing(capacityBps),
  full: (capacityBps: Float64Array): SharingEngine => new FullSharing(capacityBps),
};

/** Which sharing engine computes max-min rates. */
export type EngineName = keyof typeof SHARING_ENGINES;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's stop time, seconds. */
  untilS?: number;
  /** Default "incremental". */
  engine?: EngineName;
  /** Called periodically with simulated time, events so far and active flows. */
  onProgress?: (nowS: number, events: number, activeFlows: number) => void;
  /**
   * Run the links' accounting (ResourceRecorder) in a worker thread ({@link OffloadedResourceRecorder}):
   * the same reports, bit for bit. Default: when the scenario makes at least
   * {@link OFFLOAD_MIN_EVENTS} events (estimated), the machine has a second core and this is
   * the main thread (a sweep's workers already use the cores).
   */
  offloadResources?: boolean;
  /** Numbers the ring to that worker holds (default OffloadedResourceRecorder's; tests make it small). */
  resourceRingValues?: number;
}

/**
 * Estimated events from which a run's link accounting goes to a worker thread by default:
 * starting the worker costs ~0.2 s of the other core's CPU, and the simulation's thread saves
 * the accounting, about a fifth of a long max-min run. The k=16 fat-tree's 20,000 web-search
 * transfers (40,000 estimated events) are about where the two meet: the simulation's thread
 * 1.33 → 1.25 s of CPU (three alternated runs each, 2026-12-05).
 */
export const OFFLOAD_MIN_EVENTS = 40_000;

/**
 * Whether a run of `events` (estimated) events offloads its link accounting unasked: the
 * environment's `CHOKEPOINT_RESOURCE_WORKER` (`1` always, `0` never: for measuring both ways
 * with one build), else {@link OFFLOAD_MIN_EVENTS} with a second core, on the main thread.
 */
function offloadByDefault(events: number): boolean {
  const asked = process.env.CHOKEPOINT_RESOURCE_WORKER;
  if (asked === "1") return true;
  if (asked === "0") return false;
  return events >= OFFLOAD_MIN_EVENTS && isMainThread && availableParallelism() >= 2;
}

/** How a simulation ended: a {@link RunResult} that is not "paused". */
export type EndedRun = RunResult & { reason: "idle" | "until" };

/** A finished simulation: the network's per-flow state, the recorders and how the run ended. */
export interface Simulated {
  seed: number;
  network: FlowNetwork;
  /** User-facing id of every flow, by flow number. */
  labels: readonly string[];
  /** The workloads, in scenario order (their `results()` feed jobs.csv, collectives.csv, requests.csv). */
  workloads: Workload[];
  /** Index into `workloads` of the workload that started each flow, by flow number. */
  workloadOfFlow: Int32Array;
  flows: FlowRecorder;
  resources: ResourceRecorder;
  /** Per-interval link and workload series, when the scenario sets report.interval. */
  series?: TimeSeriesRecorder;
  /** Where flows waited in queues, when some transport builds queues (tcp; rdma at marking ports). */
  queueing?: RunQueueing;
  /** The scenario's events as they applied, and each routing convergence, when the scenario has events (events.csv). */
  events?: EventRecord[];
  run: EndedRun;
  /** Wall time of building workloads and running, seconds. */
  wallS: number;
}

/** Build the workloads, network and recorders of `prepared`, and run to completion or to the stop time. */
export function simulate(prepared: PreparedScenario, options: SimulateOptions = {}): Simulated {
  const { sim, untilS, progress, finish } = assemble(prepared, options);
  const run = sim.run({ untilS, onProgress: progress && ((t, e) => void progress(t, e)) });
  if (run.reason === "paused") throw new Error("unreachable: a progress callback that returns nothing never pauses");
  return finish(run as EndedRun);
}

/** Events between two looks at the clock in {@link simulateInterruptibly}: a few milliseconds of the fastest runs. */
const LOOK_EVERY_EVENTS = 8192;
/** Most wall time {@link simulateInterruptibly} runs before it lets the event loop turn (and signal handlers run), ms. */
const YIELD_EVERY_MS = 250;

/**
 * {@link simulate}, letting Node's event loop turn every {@link YIELD_EVERY_MS} ms of wall time
 * between two events, so that signal handlers run while it simulates; after each turn,
 * `interruption.check()` throws (an `Interrupted` error) once a signal has come. The
 * events, their order and every record are those of {@link simulate}: the run is only
 * paused between two events, by the progress check the run loop makes anyway (every
 * {@link LOOK_EVERY_EVENTS} events here).
 */
export async function simulateInterruptibly(prepared: PreparedScenario, options: SimulateOptions, interruption: { check(): void }): Promise<Simulated> {
  interruption.check();
  const { sim, untilS, progress, finish } = assemble(prepared, options);
  let before = 0;
  let resumeMs = performance.now();
  const look = (t: number, e: number): boolean => {
    progress?.(t, before + e);
    return performance.now() - resumeMs >= YIELD_EVERY_MS;
  };
  for (;;) {
    const part = sim.run({ untilS, onProgress: look, progressEvery: LOOK_EVERY_EVENTS });
    before += part.events;
    if (part.reason !== "paused") return finish({ ...(part as EndedRun), events: before });
    await new Promise((resolve) => setImmediate(resolve));
    interruption.check();
    resumeMs = performance.now();
  }
}

/** The parts of a simulation ready to run: the simulation, its stop time, the progress callback, and what makes a {@link Simulated} of its run. */
function assemble(prepared: PreparedScenario, options: SimulateOptions) {
  const { scenario, topology } = prepared;
  const seed = options.seed ?? scenario.seed;
  const started = performance.now();
  const workloads = buildWorkloads(scenario, topology, prepared.pinned);
  const sim = new Simulation(queueCapacity(scenario));
  const network = new FlowNetwork(sim, SHARING_ENGINES[options.engine ?? "incremental"](topology.resourceCapacityBps));
  const router = new Router(topology, scenario.routing.metric, seed);
  router.fabricRoutes = fabricRoutes(scenario, topology);
  const dynamic = scenario.events.length > 0;
  const queues = new QueueState(network, topology, queueSettings(topology, scenario));
  const context = new NetworkContext(sim, network, router, topology, seed, dynamic, queues);
  const queueRecorder = new QueueRecorder(queues, network, topology, scenario.reportIntervalS);
  // The recorders subscribe themselves to the network.
  // With the links' accounting in a worker, the flows' bottlenecks are kept there too, from the same records.
  const offload = options.offloadResources ?? offloadByDefault(prepared.size.events);
  let offloaded: OffloadedResourceRecorder | undefined;
  const flows = new FlowRecorder(network, topology, context.labels, offload ? () => offloaded!.flowBounds() : undefined);
  const resources = offload ? (offloaded = new OffloadedResourceRecorder(network, topology, resourceRecorderWorkerUrl(), options.resourceRingValues, true)) : new ResourceRecorder(network, topology);
  const series =
    scenario.reportIntervalS === undefined
      ? undefined
      : new TimeSeriesRecorder(network, topology, scenario.reportIntervalS, workloads.map((w) => w.name), (f) => context.workloadOfFlow[f]);
  const routerOf = policyRouters(scenario, topology, router);
  // checkScenario proved the ids of transfers and of traffic's generated flows (<name>-<n>) unique: they need no set of used ids.
  const idsChecked = (kind: string) => kind === "transfer" || kind === "transfers" || kind === "traffic";
  workloads.forEach((w, i) => w.start(context.forWorkload(w.name, scenario.workloads[i].transport, routerOf(w.name), idsChecked(scenario.workloads[i].kind))));
  // Each transport model in use adds its per-flow columns (none for maxmin, so its flows.csv keeps its columns).
  for (const run of context.transportRuns.values()) if (run.columns.length > 0) flows.addColumns(run.columns, (f) => run.cells(f));
  // Queue columns in links.csv when some transport can build queues (maxmin runs keep their links.csv).
  const marking = queues.settings.ecnThresholdBytes.some((k) => k > 0);
  const queued = context.transportRuns.has("tcp") || (marking && context.transportRuns.has("rdma"));
  if (queued) {
    resources.addLinkColumns(QUEUE_LINK_COLUMNS, (ch) => {
      queueRecorder.finish(resources.horizonS);
      return queueRecorder.cells(ch);
    });
    series?.addLinkColumns(QUEUE_SERIES_COLUMNS, (ch, startS, endS) => {
      queueRecorder.finish(series.horizonS);
      return queueRecorder.seriesCells(ch, startS, endS);
    });
  }
  const runs = [...context.transportRuns.values()];
  const queueing: RunQueueing | undefined = queued
    ? {
        ofFlow: (f) => {
          for (const r of runs) {
            const q = r.queueingOf?.(f);
            if (q !== undefined) return q;
          }
          return undefined;
        },
        delayAt: (r) => queueRecorder.meanDelayS(r),
        finish: (endS) => queueRecorder.finish(endS),
      }
    : undefined;
  if (scenario.routing.te) new TrafficEngineer(sim, topology, network, scenario.routing.te, (f) => context.routerOfFlow(f)).start();
  const eventLog: EventRecord[] | undefined = dynamic ? [] : undefined;
  if (dynamic) {
    scheduleEvents(scenario.events, {
      ...(eventLog && { log: eventLog }),
      sim,
      topology,
      dynamics: new NetworkDynamics(topology, network, router),
      hooks: context.rerouteHooks(),
      workloads,
      convergenceS: scenario.routing.convergenceS,
      file: scenario.file,
    });
  }
  phaseMark("setup");
  const onProgress = options.onProgress;
  const progress = onProgress ? (t: number, e: number) => onProgress(t, e, network.activeFlows) : undefined;
  const finish = (run: EndedRun): Simulated => {
    phaseMark("run");
    return {
      seed,
      network,
      labels: context.labels,
      workloads,
      workloadOfFlow: context.workloadOfFlow,
      flows,
      resources,
      ...(series && { series }),
      ...(queueing && { queueing }),
      ...(eventLog && { events: eventLog }),
      run,
      wallS: (performance.now() - started) / 1000,
    };
  };
  return { sim, untilS: options.untilS ?? scenario.untilS, progress, finish };
}

/**
 * The event queue's first capacity: 4,096 doubled until it holds one start per transfer
 * workload — the size the queue grows to anyway when every transfer's start is scheduled
 * before the run (so no more memory), reached without a copy per doubling (100,000 transfers:
 * five). Capacity is storage only: the events' order is their times' and then their scheduling's.
 */
function queueCapacity(scenario: Scenario): number {
  let transfers = 0;
  for (const w of scenario.workloads) if (w.kind === "transfer") transfers++;
  let capacity = 4096;
  while (capacity < transfers) capacity *= 2;
  return capacity;
}

// runScenario: assemble a simulation from a prepared scenario, run it, and write its reports.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Simulation } from "../core/Simulation.js";
import { FlowNetwork } from "../net/FlowNetwork.js";
import { FullSharing } from "../net/FullSharing.js";
import { IncrementalSharing } from "../net/IncrementalSharing.js";
import { Router } from "../net/Router.js";
import type { SharingEngine } from "../net/SharingEngine.js";
import { FlowRecorder } from "../report/FlowRecorder.js";
import { ResourceRecorder } from "../report/ResourceRecorder.js";
import { summarizeRun, type RunSummary } from "../report/summarizeRun.js";
import { writeReports } from "../report/writeReports.js";
import type { PreparedScenario } from "../scenario/prepareScenario.js";
import { buildWorkloads } from "./buildWorkloads.js";
import { NetworkContext } from "./NetworkContext.js";

/** Which sharing engine computes max-min rates. */
export type EngineName = "incremental" | "full";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Where reports go. */
  outDir: string;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's stop time, seconds. */
  untilS?: number;
  /** Default "incremental"; "full" re-solves every flow on each change (the reference). */
  engine?: EngineName;
  /** Called periodically with simulated time, events so far and active flows. */
  onProgress?: (nowS: number, events: number, activeFlows: number) => void;
  /** Recorded in run.json. */
  version?: string;
}

/** What a finished run returns besides its files. */
export interface RunOutcome {
  summary: RunSummary;
  wallS: number;
  events: number;
  endReason: "idle" | "until";
}

/**
 * Run a prepared scenario to completion (or to its stop time) and write flows.csv,
 * links.csv, bottlenecks.csv, summary.csv and run.json atomically into `outDir`.
 */
export async function runScenario(prepared: PreparedScenario, options: RunScenarioOptions): Promise<RunOutcome> {
  const { scenario, topology } = prepared;
  const seed = options.seed ?? scenario.seed;
  const workloads = buildWorkloads(scenario, topology);
  const started = performance.now();
  const sim = new Simulation(4096);
  const engine: SharingEngine =
    options.engine === "full"
      ? new FullSharing(topology.resourceCapacityBps)
      : new IncrementalSharing(topology.resourceCapacityBps);
  const network = new FlowNetwork(sim, engine);
  const router = new Router(topology, scenario.routing.metric, seed);
  const context = new NetworkContext(sim, network, router, topology, seed);
  // The recorders subscribe themselves to the network.
  const flows = new FlowRecorder(network, topology, context.labels);
  const resources = new ResourceRecorder(network, topology);
  for (const w of workloads) w.start(context.forWorkload(w.name));
  const run = sim.run({
    untilS: options.untilS ?? scenario.untilS,
    onProgress: options.onProgress ? (t, e) => options.onProgress!(t, e, network.activeFlows) : undefined,
  });
  const wallS = (performance.now() - started) / 1000;
  await writeReports({
    outDir: options.outDir,
    network,
    flows,
    resources,
    run,
    meta: {
      scenarioName: scenario.name,
      scenarioHash: createHash("sha256").update(readFileSync(scenario.file)).digest("hex"),
      seed,
      wallS,
      version: options.version,
    },
  });
  const summary = summarizeRun({ network, flows, resources, run });
  return { summary, wallS, events: run.events, endReason: run.reason };
}

// runChokepoint: run a cross-check case file through chokepoint's own scenario pipeline and return every transfer's finish time.
import { performance } from "node:perf_hooks";
import { simulate, SHARING_ENGINES, type EngineName } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

export { SHARING_ENGINES };

/** What {@link runChokepoint} measured. */
export interface ChokepointRun {
  /** Finish time (last byte delivered) of every transfer, seconds, by transfer id. */
  finishS: Map<string, number>;
  /** Start time of every transfer, seconds, by transfer id. */
  startS: Map<string, number>;
  /** Wall time of loading the case, building the network and running, seconds. */
  wallS: number;
  /** Simulation events dispatched. */
  events: number;
}

/**
 * Run the case file `casePath` (a chokepoint scenario of explicit transfers on pinned paths)
 * exactly as `chokepoint run` does — the same loader, checks, workloads and flow network —
 * with the named sharing engine, without writing reports.
 */
export function runChokepoint(casePath: string, engine: EngineName = "incremental"): ChokepointRun {
  if (!(engine in SHARING_ENGINES)) {
    throw new Error(`unknown sharing engine "${engine}" — use ${Object.keys(SHARING_ENGINES).join(" or ")}`);
  }
  const began = performance.now();
  const s = simulate(prepareScenario(casePath), { engine });
  const finishS = new Map<string, number>();
  const startS = new Map<string, number>();
  s.labels.forEach((id, f) => {
    finishS.set(id, s.network.finishOf(f));
    startS.set(id, s.network.startOf(f));
  });
  return { finishS, startS, wallS: (performance.now() - began) / 1000, events: s.run.events };
}

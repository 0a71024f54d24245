// summarizeRun: the one-row summary of a run (flows, bytes, makespan, throughput, FCT and slowdown percentiles).
import { ascending, quantileSorted } from "d3-array";
import { grown } from "../core/grown.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import { flowFctS } from "./flowFctS.js";
import { placeReportPercentiles } from "./placeRanks.js";
import type { FlowRecorder } from "./FlowRecorder.js";
import type { ResourceRecorder } from "./ResourceRecorder.js";
import type { BottleneckEntry } from "./resourceCsv.js";
import { slowdownOf } from "./slowdownOf.js";

/** Columns of summary.csv, in order. */
export const SUMMARY_CSV_HEADERS = [
  "flows",
  "finished",
  "bytes",
  "makespan_s",
  "throughput_gbps",
  "fct_p50_s",
  "fct_p95_s",
  "fct_p99_s",
  "slowdown_p50",
  "slowdown_p95",
  "slowdown_p99",
  "events",
] as const;

/** What a run achieved; percentiles are NaN when no flow finished. */
export interface RunSummary {
  /** Flows started. */
  flows: number;
  /** Flows whose last byte was delivered. */
  finished: number;
  /** Bytes of the finished flows (partly delivered flows do not count). */
  bytes: number;
  /** Last completion time, or the end of the run if flows remain unfinished (or none ran), seconds. */
  makespanS: number;
  /** bytes·8/1e9 / makespan (0 when the makespan is 0), Gb/s. */
  throughputGbps: number;
  fctP50S: number;
  fctP95S: number;
  fctP99S: number;
  slowdownP50: number;
  slowdownP95: number;
  slowdownP99: number;
  /** Events the simulation dispatched. */
  events: number;
  /** Resources ranked by bottleneck flow-seconds (see ResourceRecorder.rankBottlenecks). */
  bottlenecks: BottleneckEntry[];
}

/** What {@link summarizeRun} reads. */
export interface SummarizeRunInput {
  network: FlowNetwork;
  flows: FlowRecorder;
  resources: ResourceRecorder;
  /** The run's end: its simulated end time and dispatched events (a Simulation RunResult fits). */
  run: { endS: number; events: number };
}

/**
 * Summarise a finished run. Closes both recorders at the makespan (idempotent: calling it
 * again gives the same result). Percentiles are d3's `quantileSorted` (R-7 linear
 * interpolation) over the finished flows, each slowdown by {@link slowdownOf} (as in
 * flows.csv).
 */
export function summarizeRun(input: SummarizeRunInput): RunSummary {
  return { ...summarizeFlows(input), bottlenecks: input.resources.rankBottlenecks() };
}

/**
 * {@link summarizeRun} but the bottleneck ranking, which is the only part that reads the
 * links' accounts: with the accounting in a worker thread (OffloadedResourceRecorder) the
 * accounts are still being closed there when this returns, and the caller can do more work
 * that needs only the flows before it ranks the bottlenecks (`resources.rankBottlenecks()`).
 * Closes both recorders at the makespan, as summarizeRun does.
 */
export function summarizeFlows(input: SummarizeRunInput): Omit<RunSummary, "bottlenecks"> {
  const { network, flows, resources, run } = input;
  const n = network.flowCount;
  const finished = flows.finishedCount;
  const makespanS = finished === n && n > 0 ? flows.lastFinishS : run.endS;
  flows.finish(makespanS);
  resources.finish(makespanS);
  // Typed arrays whose percentile positions percentileOrder fills as sorting by value would (d3's ascending, these being numbers).
  let fct: Float64Array = new Float64Array(finished);
  let slowdown: Float64Array = new Float64Array(finished);
  let m = 0;
  let bytes = 0;
  for (let f = 0; f < n; f++) {
    const finish = network.finishOf(f);
    if (Number.isNaN(finish)) continue;
    const size = network.sizeOf(f);
    bytes += size;
    const fctS = finish - network.startOf(f);
    if (m === fct.length) {
      fct = grown(fct, 2 * m + 16);
      slowdown = grown(slowdown, 2 * m + 16);
    }
    fct[m] = flowFctS(network, f);
    slowdown[m++] = slowdownOf(fctS, flows.idealFctOf(f));
  }
  fct = percentileOrder(fct.subarray(0, m));
  slowdown = percentileOrder(slowdown.subarray(0, m));
  // quantileSorted reads only length and indices (here only those percentileOrder placed); its types ask for an array.
  const q = (a: Float64Array, p: number) => (a.length > 0 ? quantileSorted(a as unknown as number[], p)! : NaN);
  return {
    flows: n,
    finished,
    bytes,
    makespanS,
    throughputGbps: makespanS > 0 ? (bytes * 8) / 1e9 / makespanS : 0,
    fctP50S: q(fct, 0.5),
    fctP95S: q(fct, 0.95),
    fctP99S: q(fct, 0.99),
    slowdownP50: q(slowdown, 0.5),
    slowdownP95: q(slowdown, 0.95),
    slowdownP99: q(slowdown, 0.99),
    events: run.events,
  };
}

/**
 * `xs` as `Array.prototype.sort(ascending)` orders it, at least where the p50, p95 and p99
 * read it: without a NaN, by value with those positions placed by selection
 * ({@link placeReportPercentiles}: the same percentiles as `Float64Array.prototype.sort`, no comparator
 * calls, no full sort); with one, which d3's comparator leaves where it finds it, by that very sort.
 */
function percentileOrder(xs: Float64Array): Float64Array {
  if (!xs.some(Number.isNaN)) return placeReportPercentiles(xs);
  return Float64Array.from(Array.from(xs).sort(ascending));
}

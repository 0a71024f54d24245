// readStudyReport: read a study directory's sweep-summary.csv and sweep.csv into the data its HTML page shows.
import { basename, join, resolve } from "node:path";
import { InputError } from "../../core/InputError.js";
import { findCrossovers } from "./findCrossovers.js";
import { studyLines } from "./studyLines.js";
import { readCsvTable } from "./readCsvTable.js";
import type { StudyPointData, StudyReportData } from "./StudyReportData.js";
import { tableColumns } from "./tableColumns.js";
import { SUMMARY_COLUMN_NAMES } from "../runMetricNames.js";

/** The variables charted against: more than one value, and not tied to an earlier variable. */
export function chartedVariables(variables: StudyReportData["variables"]): StudyReportData["variables"] {
  return variables.filter((v, i) => v.values.length > 1 && !variables.slice(0, i).some((e) => v.tied.includes(e.name)));
}

/** Metrics drawn when the study has them (then any metric the study file chose with `sweep.metrics`). */
export const STUDY_CHARTED = ["fct_p50_s", "fct_p99_s", "slowdown_p99", "throughput_gbps", "makespan_s", "iteration_mean_s", "gpu_utilization", "network_wait_share", "queueing_share", "request_p99_s", "ttft_p50_s", "tpot_p50_s"];

/** Columns of summary.csv, which every run has: a study's own metrics are the others. */
const RUN_COLUMNS: ReadonlySet<string> = new Set(SUMMARY_COLUMN_NAMES);

/**
 * Read the study in `dir` (what `chokepoint sweep` or `merge` wrote): the variables are
 * sweep-summary.csv's columns between `point` and `n_ok`, the metrics those with a `_mean`
 * column. Charted: {@link STUDY_CHARTED} and the study's own metrics (columns summary.csv
 * does not have), when some point has a mean — or, given `only`, those metrics in that
 * order. Crossovers are found for every charted metric and variable. Throws InputError
 * when `dir` has no sweep-summary.csv, or when a metric of `only` is not one of its
 * metrics with a mean at some point.
 */
export function readStudyReport(dir: string, only?: readonly string[]): StudyReportData {
  const summary = readCsvTable(dir, "sweep-summary.csv");
  if (!summary) throw new InputError(`${dir} holds no study results: sweep-summary.csv not found (write them with chokepoint sweep … --out ${dir})`);
  const sweep = readCsvTable(dir, "sweep.csv");
  const c = tableColumns(summary);
  const first = summary.header.indexOf("point");
  const last = summary.header.indexOf("n_ok");
  if (first < 0 || last < first) throw new InputError(`${join(dir, "sweep-summary.csv")} has no point and n_ok columns — is it a chokepoint study's?`);
  const varNames = summary.header.slice(first + 1, last);
  const metrics = summary.header.filter((h) => h.endsWith("_mean")).map((h) => h.slice(0, -"_mean".length));
  const num = (cell: string) => (cell === "" ? NaN : Number(cell));
  const points: StudyPointData[] = summary.rows.map((r) => ({
    point: c.text(r, "point"),
    values: Object.fromEntries(varNames.map((v) => [v, c.text(r, v)])),
    nOk: c.num(r, "n_ok"),
    nFailed: c.num(r, "n_failed"),
    stats: Object.fromEntries(metrics.map((m) => [m, { mean: num(c.text(r, `${m}_mean`)), low: num(c.text(r, `${m}_ci95_low`)), high: num(c.text(r, `${m}_ci95_high`)) }])),
    cells: Object.fromEntries(metrics.map((m) => [m, c.text(r, `${m}_mean`)])),
  }));
  // Two variables are tied when, over the points, each value of either goes with one value of the other (a zip group).
  const determines = (a: string, b: string) => {
    const seen = new Map<string, string>();
    return points.every((p) => {
      const was = seen.get(p.values[a]);
      seen.set(p.values[a], p.values[b]);
      return was === undefined || was === p.values[b];
    });
  };
  const variables = varNames.map((name) => {
    const values: string[] = [];
    for (const p of points) if (!values.includes(p.values[name])) values.push(p.values[name]);
    const tied = varNames.filter((o) => o !== name && determines(name, o) && determines(o, name));
    return { name, values, numeric: values.every((v) => v !== "" && Number.isFinite(Number(v))), tied };
  });
  const hasMean = (m: string) => points.some((p) => Number.isFinite(p.stats[m].mean));
  const charted = only ? [...new Set(only)] : [...STUDY_CHARTED.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !RUN_COLUMNS.has(m))].filter(hasMean);
  for (const m of charted) {
    if (!metrics.includes(m) || !hasMean(m)) {
      const known = metrics.filter(hasMean);
      throw new InputError(`--metric ${m}: ${join(dir, "sweep-summary.csv")} has no ${m === "" ? "empty name" : `${m}_mean`} with a value — its metrics are ${known.join(", ")}`);
    }
  }
  const crossovers = charted.flatMap((m) => chartedVariables(variables).flatMap((v) => findCrossovers(m, v.name, v.values, v.numeric, studyLines(points, variables, v.name, m))));
  const statusCol = sweep ? tableColumns(sweep) : undefined;
  return {
    name: basename(resolve(dir)),
    variables,
    metrics,
    charted,
    points,
    crossovers,
    runs: sweep?.rows.length ?? 0,
    ok: sweep && statusCol ? sweep.rows.filter((r) => statusCol.text(r, "status") === "ok").length : 0,
  };
}

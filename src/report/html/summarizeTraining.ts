// summarizeTraining: jobs.csv and collectives.csv as an iteration timeline per job and algbw/busbw per collective.
import { ascending, quantileSorted } from "d3-array";
import type { CsvTable } from "./parseCsvText.js";
import type { TrainingSummary } from "./RunReportData.js";
import { tableColumns } from "./tableColumns.js";

/** Per job, at most this many timeline entries: consecutive iterations are merged beyond it. */
export const MAX_ITERATIONS = 500;
/** Collective names shown (those of longest total duration). */
export const MAX_COLLECTIVES = 30;

/**
 * The training section. Each job's iterations (jobs.csv) become timeline entries from
 * `start_s`, split into `compute_s`, `bubble_s` and `exposed_comm_s`; a job of more than
 * {@link MAX_ITERATIONS} iterations has runs of consecutive ones summed into one entry.
 * Collectives (collectives.csv) are grouped by job and name: count, median duration,
 * median algbw and median, lowest and highest busbw, and the tier that bound most of them.
 */
export function summarizeTraining(jobsTable: CsvTable, collectivesTable?: CsvTable): TrainingSummary {
  const jc = tableColumns(jobsTable);
  const byJob = new Map<string, string[][]>();
  for (const r of jobsTable.rows) {
    const job = jc.text(r, "job");
    const rows = byJob.get(job) ?? [];
    byJob.set(job, rows);
    rows.push(r);
  }
  const iterations: TrainingSummary["iterations"] = [];
  const jobs: TrainingSummary["jobs"] = [];
  for (const [job, rows] of byJob) {
    const group = Math.ceil(rows.length / MAX_ITERATIONS);
    let compute = 0;
    let bubble = 0;
    let exposed = 0;
    let total = 0;
    for (let i = 0; i < rows.length; i += group) {
      const part = rows.slice(i, i + group);
      const sum = (name: string) => part.reduce((s, r) => s + jc.num(r, name), 0);
      iterations.push({
        job,
        first: jc.num(part[0], "iteration"),
        last: jc.num(part[part.length - 1], "iteration"),
        startS: jc.num(part[0], "start_s"),
        computeS: sum("compute_s"),
        bubbleS: sum("bubble_s"),
        exposedS: sum("exposed_comm_s"),
        iterationS: sum("iteration_s"),
      });
    }
    for (const r of rows) {
      compute += jc.num(r, "compute_s");
      bubble += jc.num(r, "bubble_s");
      exposed += jc.num(r, "exposed_comm_s");
      total += jc.num(r, "iteration_s");
    }
    jobs.push({ job, iterations: rows.length, iterationMeanS: total / rows.length, computeS: compute, bubbleS: bubble, exposedS: exposed, networkWaitShare: total > 0 ? exposed / total : 0 });
  }
  const collectives: TrainingSummary["collectives"] = [];
  let names = 0;
  if (collectivesTable) {
    const cc = tableColumns(collectivesTable);
    const groups = new Map<string, string[][]>();
    for (const r of collectivesTable.rows) {
      const key = `${cc.text(r, "job")}\u0000${cc.text(r, "name")}`;
      const g = groups.get(key) ?? [];
      groups.set(key, g);
      g.push(r);
    }
    names = groups.size;
    const sorted = (rows: string[][], name: string) => rows.map((r) => cc.num(r, name)).filter((x) => !Number.isNaN(x)).sort(ascending);
    const median = (xs: number[]) => (xs.length > 0 ? quantileSorted(xs, 0.5)! : NaN);
    const entries = [...groups.values()].map((rows) => ({ rows, totalS: rows.reduce((s, r) => s + (cc.num(r, "duration_s") || 0), 0) }));
    // Longest total duration first; equal totals keep the file's order (sort is stable).
    entries.sort((a, b) => b.totalS - a.totalS);
    for (const { rows } of entries.slice(0, MAX_COLLECTIVES)) {
      const first = rows[0];
      const busbw = sorted(rows, "busbw_gbps");
      const tiers = new Map<string, number>();
      for (const r of rows) tiers.set(cc.text(r, "bottleneck_tier"), (tiers.get(cc.text(r, "bottleneck_tier")) ?? 0) + 1);
      collectives.push({
        job: cc.text(first, "job"),
        name: cc.text(first, "name"),
        kind: cc.text(first, "kind"),
        algorithm: cc.text(first, "algorithm"),
        count: rows.length,
        sizeBytes: cc.num(first, "size_bytes"),
        durationP50S: median(sorted(rows, "duration_s")),
        algbwP50: median(sorted(rows, "algbw_gbps")),
        busbwP50: median(busbw),
        busbwMin: busbw.length > 0 ? busbw[0] : NaN,
        busbwMax: busbw.length > 0 ? busbw[busbw.length - 1] : NaN,
        bottleneckTier: [...tiers].reduce((best, e) => (e[1] > best[1] ? e : best), ["", 0] as [string, number])[0],
      });
    }
  }
  return { iterations, jobs, collectives, collectivesLeftOut: Math.max(0, names - collectives.length) };
}

// summarizeRequests: requests.csv and tasks.csv as latency, TTFT and TPOT CDFs and a latency breakdown per population.
import type { CsvColumns } from "./parseCsvColumns.js";
import type { RequestSummary } from "./RunReportData.js";
import { CDF_PROBABILITIES, distribution } from "./distribution.js";

/** The columns of requests.csv and tasks.csv summarizeRequests reads. */
export const REQUEST_TEXT_COLUMNS = ["population", "kind", "target"] as const;
export const REQUEST_NUMBER_COLUMNS = ["queue_s", "network_s", "service_s", "ttft_s", "tpot_s", "total_s"] as const;

/**
 * The serving section, per population (requests.csv's `population`, in order of first
 * appearance): requests, mean `queue_s`, `network_s`, `service_s` and `total_s`; CDFs of
 * `total_s` and, where the population has them (inference), `ttft_s` and `tpot_s`; and
 * per population of tasks.csv the CDF of `total_s`.
 */
export function summarizeRequests(requests?: CsvColumns, tasks?: CsvColumns): RequestSummary {
  const out: RequestSummary = { probabilities: [...CDF_PROBABILITIES], populations: [], total: [], ttft: [], tpot: [], tasks: [] };
  if (requests) {
    const population = requests.text("population");
    const kind = requests.text("kind");
    const target = requests.text("target");
    const columns = { queue: requests.num("queue_s"), network: requests.num("network_s"), service: requests.num("service_s"), total: requests.num("total_s"), ttft: requests.num("ttft_s"), tpot: requests.num("tpot_s") };
    for (const [p, rows] of groupRows(population)) {
      const pick = (xs: Float64Array) => Float64Array.from(rows, (i) => xs[i]);
      const mean = (xs: Float64Array) => rows.reduce((s, i) => s + (xs[i] || 0), 0) / rows.length;
      out.populations.push({
        population: p,
        kind: kind[rows[0]],
        target: [...new Set(rows.map((i) => target[i]))].join(", "),
        count: rows.length,
        meanQueueS: mean(columns.queue),
        meanNetworkS: mean(columns.network),
        meanServiceS: mean(columns.service),
        meanTotalS: mean(columns.total),
      });
      out.total.push(distribution(p, pick(columns.total)));
      const ttft = distribution(p, pick(columns.ttft));
      if (ttft.count > 0) out.ttft.push(ttft);
      const tpot = distribution(p, pick(columns.tpot));
      if (tpot.count > 0) out.tpot.push(tpot);
    }
  }
  if (tasks) {
    const total = tasks.num("total_s");
    for (const [p, rows] of groupRows(tasks.text("population"))) out.tasks.push(distribution(p, Float64Array.from(rows, (i) => total[i])));
  }
  return out;
}

/** Row indices by value, in order of first appearance. */
function groupRows(values: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  values.forEach((v, i) => {
    const g = groups.get(v);
    if (g) g.push(i);
    else groups.set(v, [i]);
  });
  return groups;
}

// summarizeRequests: requests.csv and tasks.csv as latency, TTFT and TPOT CDFs and a latency breakdown per population.
import type { CsvTable } from "./parseCsvText.js";
import type { RequestSummary } from "./RunReportData.js";
import { CDF_PROBABILITIES, distribution } from "./distribution.js";
import { tableColumns } from "./tableColumns.js";

/**
 * The serving section, per population (requests.csv's `population`, in order of first
 * appearance): requests, mean `queue_s`, `network_s`, `service_s` and `total_s`; CDFs of
 * `total_s` and, where the population has them (inference), `ttft_s` and `tpot_s`; and
 * per population of tasks.csv the CDF of `total_s`.
 */
export function summarizeRequests(requests?: CsvTable, tasks?: CsvTable): RequestSummary {
  const out: RequestSummary = { probabilities: [...CDF_PROBABILITIES], populations: [], total: [], ttft: [], tpot: [], tasks: [] };
  if (requests) {
    const c = tableColumns(requests);
    const groups = new Map<string, string[][]>();
    for (const r of requests.rows) {
      const p = c.text(r, "population");
      const g = groups.get(p) ?? [];
      groups.set(p, g);
      g.push(r);
    }
    for (const [population, rows] of groups) {
      const mean = (name: string) => rows.reduce((s, r) => s + (c.num(r, name) || 0), 0) / rows.length;
      out.populations.push({
        population,
        kind: c.text(rows[0], "kind"),
        target: [...new Set(rows.map((r) => c.text(r, "target")))].join(", "),
        count: rows.length,
        meanQueueS: mean("queue_s"),
        meanNetworkS: mean("network_s"),
        meanServiceS: mean("service_s"),
        meanTotalS: mean("total_s"),
      });
      out.total.push(distribution(population, rows.map((r) => c.num(r, "total_s"))));
      const ttft = distribution(population, rows.map((r) => c.num(r, "ttft_s")));
      if (ttft.count > 0) out.ttft.push(ttft);
      const tpot = distribution(population, rows.map((r) => c.num(r, "tpot_s")));
      if (tpot.count > 0) out.tpot.push(tpot);
    }
  }
  if (tasks) {
    const c = tableColumns(tasks);
    const groups = new Map<string, number[]>();
    for (const r of tasks.rows) {
      const p = c.text(r, "population");
      const g = groups.get(p) ?? [];
      groups.set(p, g);
      g.push(c.num(r, "total_s"));
    }
    for (const [population, xs] of groups) out.tasks.push(distribution(population, xs));
  }
  return out;
}

// readRunReport: read a run directory's CSVs and run.json into the data its HTML page shows.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../core/InputError.js";
import type { CsvTable } from "./parseCsvText.js";
import type { CsvColumns } from "./parseCsvColumns.js";
import { readCsvColumns } from "./readCsvColumns.js";
import { readCsvTable } from "./readCsvTable.js";
import type { RunEvent, RunReportData, ScenarioFacts } from "./RunReportData.js";
import { headlineNumbers } from "./headlineNumbers.js";
import { FLOW_NUMBER_COLUMNS, FLOW_TEXT_COLUMNS, summarizeFlows } from "./summarizeFlows.js";
import { SERIES_NUMBER_COLUMNS, SERIES_TEXT_COLUMNS, summarizeLinks } from "./summarizeLinks.js";
import { REQUEST_NUMBER_COLUMNS, REQUEST_TEXT_COLUMNS, summarizeRequests } from "./summarizeRequests.js";
import { summarizeTraining } from "./summarizeTraining.js";
import { summarizeVerdict } from "./summarizeVerdict.js";
import { tableColumns } from "./tableColumns.js";

/**
 * Read the reports in `dir` (a directory `chokepoint run` wrote) and summarise them for the
 * page: only CSVs and run.json are read, so the page shows what a user can read there.
 *
 * @throws InputError when `dir` is not a run's report directory (no summary.csv, flows.csv,
 * links.csv or bottlenecks.csv), naming what is missing; a study directory is named as such.
 * It reads a staging directory as any other (`run --report` draws the page from the staged
 * CSVs): the commands that read what a user names refuse those first (refuseStagingDirectory).
 */
export function readRunReport(dir: string): RunReportData {
  if (!existsSync(dir)) throw new InputError(`${dir} does not exist — give the directory a run wrote its reports to`);
  if (!statSync(dir).isDirectory()) {
    throw new InputError(`${dir} is a file, not a directory — give the directory a run wrote its reports to (chokepoint run SCENARIO --out DIR)`);
  }
  if (existsSync(join(dir, "sweep.csv")) || existsSync(join(dir, "runs"))) {
    throw new InputError(`${dir} is a study directory, not one run's (chokepoint report draws a study from its sweep-summary.csv; compare reads runs such as ${join(dir, "runs", "p0-r0")})`);
  }
  if (existsSync(join(dir, "failed.txt"))) {
    // A study's run that failed holds its message instead of reports (docs/sweeps.md): say so, rather than advise running into it.
    const why = readFileSync(join(dir, "failed.txt"), "utf8").trim().split("\n")[0];
    throw new InputError(`${dir} holds a run that failed, not its reports (failed.txt: ${JSON.stringify(why)}) — nothing to draw or compare; give a run that ended ok`);
  }
  const required = ["summary.csv", "flows.csv", "links.csv", "bottlenecks.csv"];
  const missing = required.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) throw new InputError(`${dir} holds no run reports: ${missing.join(", ")} not found (write them with chokepoint run … --out ${dir})`);
  const sources: string[] = [];
  const read = (name: string): CsvTable | undefined => {
    const t = readCsvTable(dir, name);
    if (t) sources.push(name);
    return t;
  };
  // The large files: only the columns used.
  const columns = (name: string, text: readonly string[], num: readonly string[]): CsvColumns | undefined => {
    const t = readCsvColumns(dir, name, text, num);
    if (t) sources.push(name);
    return t;
  };
  const summary = read("summary.csv")!;
  if (summary.rows.length !== 1) {
    throw new InputError(`${join(dir, "summary.csv")} holds ${summary.rows.length} rows where a run writes one — the file was edited or is not a report; rerun the scenario to write it again`);
  }
  const flows = columns("flows.csv", FLOW_TEXT_COLUMNS, FLOW_NUMBER_COLUMNS)!;
  const links = read("links.csv")!;
  const bottlenecks = read("bottlenecks.csv")!;
  const workloadsTable = read("workloads.csv");
  const tiers = read("tiers.csv");
  const workloadBottlenecks = read("workload-bottlenecks.csv");
  const cost = read("cost.csv");
  const jobs = read("jobs.csv");
  const collectives = read("collectives.csv");
  const requests = columns("requests.csv", REQUEST_TEXT_COLUMNS, REQUEST_NUMBER_COLUMNS);
  const tasks = columns("tasks.csv", ["population"], ["total_s"]);
  const timeseries = columns("timeseries.csv", SERIES_TEXT_COLUMNS, SERIES_NUMBER_COLUMNS);
  const eventsTable = read("events.csv");

  const kinds = new Map<string, string>();
  const finished = new Map<string, number>();
  if (workloadsTable) {
    const c = tableColumns(workloadsTable);
    for (const r of workloadsTable.rows) {
      const w = c.text(r, "workload");
      if (!kinds.has(w)) kinds.set(w, c.text(r, "kind"));
      if (c.text(r, "group") === "all" && c.text(r, "metric") === "fct_s") finished.set(w, c.num(r, "count"));
    }
  }
  const names = [...kinds.keys()];
  if (tiers) {
    const c = tableColumns(tiers);
    for (const r of tiers.rows) {
      const w = c.text(r, "workload");
      if (w !== "all" && !names.includes(w)) names.push(w);
    }
  }
  const summaryCells = new Map(summary.header.map((h, i) => [h, summary.rows[0]?.[i] ?? ""] as const));
  const data: RunReportData = {
    scenario: scenarioFacts(dir, links),
    headline: headlineNumbers(summary),
    verdict: summarizeVerdict({ tiers, workloadBottlenecks, cost, kinds, summary: summaryCells }),
    flows: summarizeFlows(flows, names.map((name) => ({ name, finished: finished.get(name) ?? 0 }))),
    links: summarizeLinks({ links, bottlenecks, ...(timeseries && { timeseries }) }),
    events: eventsTable ? runEvents(eventsTable) : [],
    sources,
  };
  if (jobs && jobs.rows.length > 0) data.training = summarizeTraining(jobs, collectives);
  if ((requests && requests.rows > 0) || (tasks && tasks.rows > 0)) data.requests = summarizeRequests(requests, tasks);
  return data;
}

function scenarioFacts(dir: string, links: CsvTable): ScenarioFacts {
  let info: Record<string, unknown> = {};
  const infoPath = join(dir, "run.json");
  if (existsSync(infoPath)) {
    try {
      info = JSON.parse(readFileSync(infoPath, "utf8")) as Record<string, unknown>;
    } catch {
      throw new InputError(`${infoPath} is not valid JSON — rerun the scenario to write it again`);
    }
  }
  const str = (k: string) => (typeof info[k] === "string" ? (info[k] as string) : "");
  const num = (k: string) => (typeof info[k] === "number" ? (info[k] as number) : NaN);
  const c = tableColumns(links);
  const nodes = new Set<string>();
  const tiers = new Map<string, { channels: number; capacities: Set<number> }>();
  for (const r of links.rows) {
    nodes.add(c.text(r, "from"));
    nodes.add(c.text(r, "to"));
    const tier = c.text(r, "tier");
    const e = tiers.get(tier) ?? { channels: 0, capacities: new Set<number>() };
    tiers.set(tier, e);
    e.channels++;
    e.capacities.add(c.num(r, "capacity_gbps"));
  }
  return {
    name: str("scenario"),
    hash: str("scenario_hash"),
    seed: num("seed"),
    version: str("version"),
    file: str("scenario_file"),
    endReason: str("end_reason"),
    endS: num("end_s"),
    wallS: num("wall_s"),
    topology: {
      nodes: nodes.size,
      channels: links.rows.length,
      tiers: [...tiers].map(([tier, e]) => ({ tier, channels: e.channels, capacitiesGbps: [...e.capacities].sort((a, b) => a - b) })),
    },
  };
}

function runEvents(table: CsvTable): RunEvent[] {
  const c = tableColumns(table);
  return table.rows.map((r) => {
    const e: RunEvent = { atS: c.num(r, "at_s"), kind: c.text(r, "kind"), target: c.text(r, "target"), detail: c.text(r, "detail") };
    const until = c.num(r, "until_s");
    if (Number.isFinite(until)) e.untilS = until;
    return e;
  });
}

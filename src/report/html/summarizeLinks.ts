// summarizeLinks: links.csv, bottlenecks.csv and timeseries.csv as a ranked table, per-tier utilisation, series over time and queues.
import type { CsvColumns } from "./parseCsvColumns.js";
import type { CsvTable } from "./parseCsvText.js";
import type { LinkSummary, RankedResource, SeriesPoint } from "./RunReportData.js";
import { tableColumns } from "./tableColumns.js";

/** Resources in the ranked table. */
export const RANKED_ROWS = 20;
/** Links drawn over time. */
export const BUSIEST_LINKS = 8;
/** At most this many points per series: consecutive intervals are merged beyond it. */
export const MAX_INTERVALS = 400;

/** The columns of timeseries.csv summarizeLinks reads. */
export const SERIES_TEXT_COLUMNS = ["scope", "name"] as const;
export const SERIES_NUMBER_COLUMNS = ["interval_start_s", "interval_end_s", "bytes", "throughput_gbps", "mean_util", "queue_delay_mean_s"] as const;

/** The CSVs the links section reads (timeseries.csv, its {@link SERIES_TEXT_COLUMNS} and {@link SERIES_NUMBER_COLUMNS}, only when the run wrote it). */
export interface LinkTables {
  links: CsvTable;
  bottlenecks: CsvTable;
  timeseries?: CsvColumns;
}

/**
 * The links section: the first {@link RANKED_ROWS} rows of bottlenecks.csv joined with
 * links.csv; per tier the channels' mean and highest `mean_util` and bytes; with
 * timeseries.csv, the `mean_util` of the {@link BUSIEST_LINKS} links of highest mean_util
 * over the run, each tier's utilisation per interval (Σ bits the tier's channels moved ÷
 * Σ their nominal capacities × the interval) and each workload's throughput; with queue columns, the links of longest p99
 * queueing delay and their mean delay over time.
 */
export function summarizeLinks(t: LinkTables): LinkSummary {
  const lc = tableColumns(t.links);
  const bc = tableColumns(t.bottlenecks);
  const linkRow = new Map(t.links.rows.map((r) => [lc.text(r, "link"), r] as const));
  const ranked: RankedResource[] = t.bottlenecks.rows.slice(0, RANKED_ROWS).map((r) => {
    const resource = bc.text(r, "resource");
    const l = linkRow.get(resource);
    const entry: RankedResource = {
      rank: bc.num(r, "rank"),
      resource,
      tier: bc.text(r, "tier"),
      capacityGbps: bc.num(r, "capacity_gbps"),
      bottleneckFlowS: bc.num(r, "bottleneck_flow_s"),
      share: bc.num(r, "bottleneck_share"),
      saturatedFrac: bc.num(r, "saturated_frac"),
      meanUtil: bc.num(r, "mean_util"),
    };
    if (l) {
      entry.bytes = lc.num(l, "bytes");
      entry.peakUtil = lc.num(l, "peak_util");
    }
    return entry;
  });
  const tierOf = new Map<string, string>();
  const capacityOf = new Map<string, number>();
  const tiers = new Map<string, { tier: string; channels: number; utilSum: number; maxMeanUtil: number; bytes: number; capacityGbps: number }>();
  for (const r of t.links.rows) {
    const tier = lc.text(r, "tier");
    const name = lc.text(r, "link");
    tierOf.set(name, tier);
    capacityOf.set(name, lc.num(r, "capacity_gbps"));
    const e = tiers.get(tier) ?? { tier, channels: 0, utilSum: 0, maxMeanUtil: 0, bytes: 0, capacityGbps: 0 };
    tiers.set(tier, e);
    e.channels++;
    e.utilSum += lc.num(r, "mean_util");
    e.maxMeanUtil = Math.max(e.maxMeanUtil, lc.num(r, "mean_util"));
    e.bytes += lc.num(r, "bytes");
    e.capacityGbps += lc.num(r, "capacity_gbps");
  }
  const summary: LinkSummary = {
    ranked,
    rankedOf: t.bottlenecks.rows.length,
    tiers: [...tiers.values()].map((e) => ({ tier: e.tier, channels: e.channels, meanUtil: e.utilSum / e.channels, maxMeanUtil: e.maxMeanUtil, bytes: e.bytes })),
  };
  const busiest = [...t.links.rows]
    .filter((r) => lc.num(r, "bytes") > 0)
    .sort((a, b) => lc.num(b, "mean_util") - lc.num(a, "mean_util") || lc.num(b, "bytes") - lc.num(a, "bytes"))
    .slice(0, BUSIEST_LINKS)
    .map((r) => lc.text(r, "link"));
  const queued = lc.has("queue_delay_p99_s");
  const queueLinks = queued
    ? [...t.links.rows]
        .filter((r) => lc.num(r, "queue_delay_p99_s") > 0)
        .sort((a, b) => lc.num(b, "queue_delay_p99_s") - lc.num(a, "queue_delay_p99_s") || lc.num(b, "queue_delay_mean_s") - lc.num(a, "queue_delay_mean_s"))
        .slice(0, RANKED_ROWS)
    : [];
  if (queued) {
    summary.queues = {
      links: queueLinks.map((r) => ({
        link: lc.text(r, "link"),
        tier: lc.text(r, "tier"),
        meanBytes: lc.num(r, "queue_mean_bytes"),
        p99Bytes: lc.num(r, "queue_p99_bytes"),
        delayMeanS: lc.num(r, "queue_delay_mean_s"),
        delayP99S: lc.num(r, "queue_delay_p99_s"),
        drops: lc.num(r, "drops"),
        marks: lc.num(r, "marks"),
      })),
    };
  }
  if (t.timeseries && t.timeseries.rows > 0) {
    const ts = t.timeseries;
    const scope = ts.text("scope");
    const names = ts.text("name");
    const starts = ts.num("interval_start_s");
    const bytes = ts.num("bytes");
    const gbps = ts.num("throughput_gbps");
    const util = ts.num("mean_util");
    const delay = ts.num("queue_delay_mean_s");
    const grid = intervalGrid(starts, ts.num("interval_end_s"));
    const tierCapacity = new Map([...tiers.values()].map((e) => [e.tier, e.capacityGbps] as const));
    const utilOf = new Map(busiest.map((l) => [l, new Float64Array(grid.count)] as const));
    const queueLinkNames = queueLinks.slice(0, BUSIEST_LINKS).map((r) => lc.text(r, "link"));
    const delayOf = new Map(queueLinkNames.map((l) => [l, new Float64Array(grid.count)] as const));
    const tierBits = new Map([...tiers.keys()].map((k) => [k, new Float64Array(grid.count)] as const));
    const bitsOfLink = new Map([...tierOf].map(([link, tier]) => [link, tierBits.get(tier)!] as const));
    const workloadGbps = new Map<string, Float64Array>();
    for (let i = 0; i < ts.rows; i++) {
      const name = names[i];
      const k = grid.indexOf(starts[i]);
      if (scope[i] === "workload") {
        let w = workloadGbps.get(name);
        if (!w) workloadGbps.set(name, (w = new Float64Array(grid.count)));
        w[k] = gbps[i];
        continue;
      }
      if (scope[i] !== "link") continue;
      const u = utilOf.get(name);
      if (u) u[k] = util[i];
      const d = delayOf.get(name);
      if (d) d[k] = delay[i] || 0;
      const b = bitsOfLink.get(name);
      if (b) b[k] += 8 * bytes[i];
    }
    const tierUtil = new Map(
      [...tierBits].map(([tier, bits]) => {
        const cap = tierCapacity.get(tier)! * 1e9;
        return [tier, Float64Array.from(bits, (b, k) => (cap > 0 ? b / (cap * grid.widthS(k)) : 0))] as const;
      }),
    );
    summary.series = { intervalS: grid.intervalS, links: grid.merge(utilOf), tiers: grid.merge(tierUtil), workloads: grid.merge(workloadGbps) };
    if (summary.queues && delayOf.size > 0) summary.queues.series = grid.merge(delayOf);
  }
  return summary;
}

/** The intervals of timeseries.csv, [kΔ, min((k+1)Δ, end)), and how to merge them into at most {@link MAX_INTERVALS} points. */
function intervalGrid(starts: Float64Array, ends: Float64Array) {
  let intervalS = 0;
  let endS = 0;
  for (let i = 0; i < starts.length; i++) {
    intervalS = Math.max(intervalS, ends[i] - starts[i]);
    endS = Math.max(endS, ends[i]);
  }
  const count = Math.max(1, Math.ceil(endS / intervalS - 1e-9));
  const startOf = (k: number) => k * intervalS;
  const endOf = (k: number) => Math.min((k + 1) * intervalS, endS);
  const widthS = (k: number) => endOf(k) - startOf(k);
  const group = Math.ceil(count / MAX_INTERVALS);
  return {
    intervalS,
    count,
    widthS,
    indexOf: (startS: number) => Math.min(count - 1, Math.round(startS / intervalS)),
    /** Time-weighted means over groups of consecutive intervals, one point per group and series. */
    merge(values: ReadonlyMap<string, Float64Array>): SeriesPoint[] {
      const points: SeriesPoint[] = [];
      for (const [name, v] of values) {
        for (let k = 0; k < count; k += group) {
          const last = Math.min(count, k + group);
          let sum = 0;
          for (let j = k; j < last; j++) sum += v[j] * widthS(j);
          const t0 = startOf(k);
          const t1 = endOf(last - 1);
          points.push({ t0, t1, name, value: t1 > t0 ? sum / (t1 - t0) : 0 });
        }
      }
      return points;
    },
  };
}

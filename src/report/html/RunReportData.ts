// RunReportData: what a run's HTML page shows — summaries of its CSVs, small enough to embed whatever the run's size.

/** The scenario and the run, from run.json and links.csv. */
export interface ScenarioFacts {
  name: string;
  hash: string;
  seed: number;
  version: string;
  file: string;
  endReason: string;
  endS: number;
  wallS: number;
  /** Nodes named in links.csv, directed channels, and per tier its channels and their nominal capacities. */
  topology: { nodes: number; channels: number; tiers: Array<{ tier: string; channels: number; capacitiesGbps: number[] }> };
}

/** One summary.csv cell shown on the page: the column, the cell as written, and its unit for display. */
export interface HeadlineNumber {
  column: string;
  label: string;
  /** Exactly the summary.csv cell. */
  value: string;
  unit: "s" | "bytes" | "gbps" | "share" | "count" | "ratio";
}

/** A tier's row of tiers.csv. */
export interface TierShare {
  tier: string;
  bottleneckFlowS: number;
  share: number;
  bytes: number;
  flows: number;
  /** tiers.csv queueing_flow_s, when the run built queues. */
  queueingFlowS?: number;
}

/** Where the run choked and what it cost. */
export interface Verdict {
  /** Plain sentences built from the numbers below. */
  sentences: string[];
  /** tiers.csv rows of `all`, largest share first. */
  tiers: TierShare[];
  /** Per workload: its kind, its tiers (largest first) and the resource that bound it longest (workload-bottlenecks.csv rank 1). */
  workloads: Array<{ workload: string; kind: string; tiers: TierShare[]; top?: { resource: string; tier: string; share: number; bottleneckFlowS: number } }>;
  /** cost.csv rows. */
  cost: Array<{ workload: string; item: string; usd: number }>;
}

/** Values at the probabilities of {@link FlowSummary.probabilities}, per workload. */
export interface Distribution {
  name: string;
  count: number;
  values: number[];
}

/** Flow completion from flows.csv. */
export interface FlowSummary {
  probabilities: number[];
  /** Whether each finished flow was assigned to its workload (else `fct` and `slowdown` hold one entry, "all flows"). */
  perWorkload: boolean;
  fct: Distribution[];
  slowdown: Distribution[];
  /** Slowdown by flow size: one row per workload and size bucket holding flows. */
  buckets: Array<{ workload: string; bucket: string; loBytes: number; hiBytes: number; flows: number; p50: number; p95: number; p99: number }>;
  /** With tcp: per workload, flows that opened a connection (handshake_s > 0) and their handshake times. */
  handshakes?: Distribution[];
  /** Flows per status (done, failed, unfinished). */
  status: Array<{ status: string; flows: number }>;
}

/** A link's row in the ranked table (bottlenecks.csv joined with links.csv). */
export interface RankedResource {
  rank: number;
  resource: string;
  tier: string;
  capacityGbps: number;
  bottleneckFlowS: number;
  share: number;
  saturatedFrac: number;
  meanUtil: number;
  /** links.csv, for channels. */
  bytes?: number;
  peakUtil?: number;
}

/** A value per interval of timeseries.csv (intervals merged when there are too many to draw). */
export interface SeriesPoint {
  t0: number;
  t1: number;
  name: string;
  value: number;
}

/** Links: ranked, per tier, over time, and their queues. */
export interface LinkSummary {
  ranked: RankedResource[];
  /** Resources that bound any flow (bottlenecks.csv rows), of which `ranked` shows the first. */
  rankedOf: number;
  /** Per tier over the run (links.csv): channels, mean and highest mean_util, bytes. */
  tiers: Array<{ tier: string; channels: number; meanUtil: number; maxMeanUtil: number; bytes: number }>;
  /** timeseries.csv: the busiest links' mean_util, each tier's utilisation (Σ bits ÷ Σ nominal capacity × interval) and each workload's throughput_gbps. */
  series?: { intervalS: number; links: SeriesPoint[]; tiers: SeriesPoint[]; workloads: SeriesPoint[] };
  /** When links.csv has queue columns. */
  queues?: {
    links: Array<{ link: string; tier: string; meanBytes: number; p99Bytes: number; delayMeanS: number; delayP99S: number; drops: number; marks: number }>;
    series?: SeriesPoint[];
  };
}

/** Training jobs (jobs.csv, collectives.csv). */
export interface TrainingSummary {
  /** One entry per iteration (merged by consecutive groups when a job has very many). */
  iterations: Array<{ job: string; first: number; last: number; startS: number; computeS: number; bubbleS: number; exposedS: number; iterationS: number }>;
  /** Per job: iterations and sums. */
  jobs: Array<{ job: string; iterations: number; iterationMeanS: number; computeS: number; bubbleS: number; exposedS: number; networkWaitShare: number }>;
  /** Per job and collective name: algbw and busbw. */
  collectives: Array<{ job: string; name: string; kind: string; algorithm: string; count: number; sizeBytes: number; durationP50S: number; algbwP50: number; busbwP50: number; busbwMin: number; busbwMax: number; bottleneckTier: string }>;
  /** Collective names left out of `collectives` (only the longest in total duration are kept). */
  collectivesLeftOut: number;
}

/** Requests and tasks (requests.csv, tasks.csv) per population. */
export interface RequestSummary {
  probabilities: number[];
  populations: Array<{ population: string; kind: string; target: string; count: number; meanQueueS: number; meanNetworkS: number; meanServiceS: number; meanTotalS: number }>;
  total: Distribution[];
  ttft: Distribution[];
  tpot: Distribution[];
  tasks: Distribution[];
}

/** A scenario event, from events.csv. */
export interface RunEvent {
  atS: number;
  untilS?: number;
  kind: string;
  target: string;
  detail: string;
}

/** Everything a run's page shows. */
export interface RunReportData {
  scenario: ScenarioFacts;
  headline: HeadlineNumber[];
  verdict: Verdict;
  flows: FlowSummary;
  links: LinkSummary;
  training?: TrainingSummary;
  requests?: RequestSummary;
  events: RunEvent[];
  /** The CSV files the page was drawn from. */
  sources: string[];
}

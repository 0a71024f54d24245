// runMetricNames: every name of a run metric that is not per workload or per tier — summary.csv's columns and cost_<item>_usd — so a study or a search can refuse a misspelt metric before any run.
import { COST_ITEMS } from "./costRows.js";
import { SUMMARY_CSV_HEADERS } from "./summarizeRun.js";
import { ITERATION_SUMMARY_COLUMNS, REQUEST_SUMMARY_COLUMNS } from "./summarizeWorkloads.js";

/** The column summary.csv gains in runs whose transports build queues (the share of the flows' time spent in queues). */
export const QUEUEING_SUMMARY_COLUMN = "queueing_share";

/** Every column summary.csv can have: the flows' columns, then those of training iterations, requests and queues (each only in runs that have them). */
export const SUMMARY_COLUMN_NAMES: readonly string[] = [...SUMMARY_CSV_HEADERS, ...ITERATION_SUMMARY_COLUMNS, ...REQUEST_SUMMARY_COLUMNS, QUEUEING_SUMMARY_COLUMN];

/** Every `cost_<item>_usd` metric (cost.csv's `all` rows, by item). */
export const COST_METRIC_NAMES: readonly string[] = COST_ITEMS.map((item) => `cost_${item}_usd`);

/** Every run metric named without a workload or a tier: {@link SUMMARY_COLUMN_NAMES} and {@link COST_METRIC_NAMES}. */
export const PLAIN_METRIC_NAMES: readonly string[] = [...SUMMARY_COLUMN_NAMES, ...COST_METRIC_NAMES];

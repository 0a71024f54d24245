// CostSpec: the prices of a network and the GPUs on it (GPU-hours, egress, WAN, capex), and their defaults.

/** Prices in dollars, engine units for time. */
export interface CostSpec {
  gpuHourUsd: number;
  /** $ per GB (1e9 bytes) leaving ("out") or entering ("in") a provider's sites. */
  egress: Array<{ provider: string; direction: "out" | "in"; perGbUsd: number }>;
  /** $ per GB of a flow that crosses at least one WAN link. */
  wanPerGbUsd: number;
  /** $ per GB per WAN link crossed (transit billed by the hop; default 0). */
  wanPerGbPerLinkUsd?: number;
  capex?: { devicesUsd: Record<string, number>; portsUsd: Record<string, number>; amortizationS: number };
}

/** Egress price out of a provider's sites when the scenario names none: $0.09/GB (a hyperscaler's first internet tier). */
export const DEFAULT_EGRESS_OUT_PER_GB_USD = 0.09;

/** Prices when a scenario has no `cost` block. */
export const DEFAULT_COST: CostSpec = { gpuHourUsd: 2.5, egress: [], wanPerGbUsd: 0 };

// rankBottlenecks: the resources that bottlenecked any flow, by bottleneck flow-seconds (bottlenecks.csv's rows and the summary's top).
import { spannedS } from "../core/elapsedS.js";
import type { Topology } from "../net/Topology.js";
import type { BottleneckEntry, LinkAccounts } from "./resourceCsv.js";
import { tierOf } from "./tierOf.js";

/**
 * The resources of `topology` that bottlenecked any flow in `accounts` (a ResourceRecorder's,
 * closed at its horizon), by bottleneck flow-seconds descending, ties by resource id; each with
 * its share of all bottleneck flow-seconds, saturated fraction and mean utilisation.
 */
export function rankBottlenecks(accounts: LinkAccounts, topology: Topology): BottleneckEntry[] {
  let total = 0;
  const ids: number[] = [];
  for (let r = 0; r < topology.resourceCount; r++) {
    const flowS = accounts.bottleneckFlowSOf(r);
    if (flowS > 0) {
      ids.push(r);
      total += flowS;
    }
  }
  ids.sort((a, b) => accounts.bottleneckFlowSOf(b) - accounts.bottleneckFlowSOf(a) || a - b);
  return ids.map((r) => ({
    resource: r,
    name: topology.resourceName(r),
    tier: tierOf(topology, r),
    capacityBps: topology.resourceCapacityBps[r],
    bottleneckFlowS: spannedS(accounts.bottleneckFlowSOf(r), accounts.horizonS),
    share: accounts.bottleneckFlowSOf(r) / total,
    saturatedFrac: accounts.saturatedFracOf(r),
    meanUtil: accounts.meanUtilOf(r),
  }));
}

// workloadOfFlowId: which workload started a flow, read from its id (flows.csv has no workload column).

/**
 * A function from a flow id to the index of its workload in `names`, or -1. Workloads
 * name their flows after themselves: a transfer `<name>` and `<name>#<k>`, traffic
 * `<name>-<n>`, training, inference and agents `<name>.…` (an agent's calls to a service
 * are the agents' flows: `<population>.<task>-req`). So a flow belongs to the longest
 * workload name that is its id or that its id starts with, followed by `.`, `-` or `#`.
 * A transfer with an `id` of its own is not found this way: callers check the counts
 * against workloads.csv (see summarizeFlows).
 */
export function workloadOfFlowId(names: readonly string[]): (id: string) => number {
  const index = new Map(names.map((n, i) => [n, i] as const));
  return (id) => {
    let found = index.get(id) ?? -1;
    if (found >= 0) return found;
    for (let i = id.length - 1; i > 0; i--) {
      const c = id.charCodeAt(i);
      // '.', '-', '#'
      if (c !== 46 && c !== 45 && c !== 35) continue;
      found = index.get(id.slice(0, i)) ?? -1;
      if (found >= 0) return found;
    }
    return -1;
  };
}

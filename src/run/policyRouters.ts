// policyRouters: one restricted Router per routing policy of a scenario, looked up by workload name.
import { policyMask } from "../net/RoutingPolicy.js";
import type { Router } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import type { Scenario } from "../scenario/Scenario.js";

/**
 * The router of each workload: `base` (the run's) for a workload no policy binds, else a
 * router restricted to its policy's allowed nodes, made once per policy and sharing
 * `base`'s view of the links (so failures and latency changes reach it). Workloads without
 * a policy keep `base`'s tables and caches: their routing cost does not change.
 */
export function policyRouters(scenario: Scenario, topology: Topology, base: Router): (workloadName: string) => Router {
  const byName = new Map<string, Router>();
  for (const p of scenario.policies) {
    const router = base.restricted(policyMask(topology, p));
    for (const name of p.workloads) byName.set(name, router);
  }
  // No policy: no look-up of each workload's name (20,000 transfers' ids hashed for nothing).
  if (byName.size === 0) return () => base;
  return (name) => byName.get(name) ?? base;
}

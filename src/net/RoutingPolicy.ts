// RoutingPolicy: which nodes a workload's data may cross (data sovereignty), as a node mask for a restricted Router.
import type { Topology } from "./Topology.js";

/**
 * A sovereignty policy. `stayIn` is a whitelist: every node on a route must belong to a
 * site whose jurisdiction is listed, so a node outside every site is forbidden (its
 * location is unknown, so compliance cannot be shown). `avoid` is a blacklist: a node is
 * forbidden when its site's country, provider or jurisdiction is listed; nodes outside
 * every site are not forbidden by `avoid`. Both may be given (a node must pass both).
 */
export interface RoutingPolicy {
  /** Jurisdictions the data may stay in; absent: no whitelist. */
  stayIn?: readonly string[];
  avoid?: {
    countries?: readonly string[];
    providers?: readonly string[];
    jurisdictions?: readonly string[];
  };
}

/** 1 for every node of `topology` the policy lets a route visit, else 0. */
export function policyMask(topology: Topology, policy: RoutingPolicy): Uint8Array {
  const stayIn = policy.stayIn ? new Set(policy.stayIn) : undefined;
  const countries = new Set(policy.avoid?.countries ?? []);
  const providers = new Set(policy.avoid?.providers ?? []);
  const jurisdictions = new Set(policy.avoid?.jurisdictions ?? []);
  const siteOk = topology.sites.map(
    (s) =>
      (!stayIn || stayIn.has(s.jurisdiction)) &&
      !countries.has(s.country) &&
      !(s.provider !== "" && providers.has(s.provider)) &&
      !jurisdictions.has(s.jurisdiction),
  );
  const mask = new Uint8Array(topology.nodeCount);
  for (let n = 0; n < topology.nodeCount; n++) {
    const site = topology.nodeSite[n];
    mask[n] = (site < 0 ? !stayIn : siteOk[site]) ? 1 : 0;
  }
  return mask;
}

/** A short human description of a policy, e.g. "stays in EU and avoids country US". */
export function describePolicy(policy: RoutingPolicy): string {
  const parts: string[] = [];
  if (policy.stayIn) parts.push(`stays in ${policy.stayIn.join(", ")}`);
  const a = policy.avoid;
  const avoided = [
    ...(a?.countries ?? []).map((c) => `country ${c}`),
    ...(a?.providers ?? []).map((p) => `provider ${p}`),
    ...(a?.jurisdictions ?? []).map((j) => `jurisdiction ${j}`),
  ];
  if (avoided.length > 0) parts.push(`avoids ${avoided.join(", ")}`);
  return parts.join(" and ");
}

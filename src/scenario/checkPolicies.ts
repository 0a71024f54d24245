// checkPolicies: routing policies name existing workloads and tags, and every static transfer they bind has a compliant path.
import { InputError } from "../core/InputError.js";
import { describePolicy, policyMask } from "../net/RoutingPolicy.js";
import type { Topology } from "../net/Topology.js";
import { closest } from "../core/closest.js";
import { workloadName } from "./checkEvents.js";
import { trainingGpus } from "./trainingGpus.js";
import type { Scenario } from "./Scenario.js";
import { components } from "./components.js";

/**
 * Check `s.policies` against the built network, each problem one sentence naming
 * `policies[j].<key>`: a policy gives stayIn or avoid; it names known workloads (with a
 * "did you mean"), none of them bound by two policies; every jurisdiction, country and
 * provider it lists is one some site has (with a "did you mean"); and for the workloads
 * whose endpoints are known before the run — transfers (src, dst, a pinned path),
 * traffic (its hosts) and training (its GPUs) — every endpoint is allowed and all of
 * them are joined through allowed nodes. Other kinds (inference, agents) are checked when
 * their flows start: a flow without a compliant path is then an input error of the run.
 */
export function checkPolicies(s: Scenario, topology: Topology): void {
  // No policies, nothing to check: no name made per workload (20,000 transfers are 20,000 workloads).
  if (s.policies.length === 0) return;
  const names = s.workloads.map((w, i) => workloadName(w, i));
  const bound = new Map<string, number>();
  const sites = topology.sites;
  const known = {
    jurisdiction: [...new Set(sites.map((x) => x.jurisdiction))],
    country: [...new Set(sites.map((x) => x.country))],
    provider: [...new Set(sites.map((x) => x.provider).filter((p) => p !== ""))],
  };
  s.policies.forEach((p, j) => {
    const fail = (key: string, message: string): never => {
      throw new InputError(`${s.file}: policies[${j}]${key ? `.${key}` : ""}: ${message}`);
    };
    if (!p.stayIn && !p.avoid) fail("", "a policy needs stayIn or avoid (or both)");
    const tag = (kind: keyof typeof known, values: readonly string[] | undefined, key: string) =>
      values?.forEach((v, k) => {
        if (known[kind].includes(v)) return;
        const near = closest(v, known[kind]);
        const list = known[kind].length > 0 ? `the sites' ${kind === "country" ? "countries" : `${kind}s`} are ${known[kind].join(", ")}` : "no site has one";
        fail(`${key}[${k}]`, `unknown ${kind} "${v}"${near ? ` (did you mean "${near}"?)` : ""}; ${list}`);
      });
    tag("jurisdiction", p.stayIn, "stayIn");
    tag("country", p.avoid?.countries, "avoid.countries");
    tag("provider", p.avoid?.providers, "avoid.providers");
    tag("jurisdiction", p.avoid?.jurisdictions, "avoid.jurisdictions");
    const mask = policyMask(topology, p);
    const component = components(topology, mask);
    const what = describePolicy(p);
    p.workloads.forEach((name, k) => {
      const i = names.indexOf(name);
      if (i < 0) {
        const near = closest(name, names);
        fail(`workloads[${k}]`, `unknown workload "${name}"${near ? ` (did you mean "${near}"?)` : ""}`);
      }
      const earlier = bound.get(name);
      if (earlier !== undefined) fail(`workloads[${k}]`, `workload "${name}" is already bound by policies[${earlier}] (one policy per workload)`);
      bound.set(name, j);
      const endpoints = staticEndpoints(s, i, topology);
      const why = (id: string): string => {
        const site = topology.nodeSite[topology.nodeIndex.get(id)!];
        if (site < 0) return `"${id}" is outside every site`;
        const x = sites[site];
        return `"${id}" is in site "${x.id}" (jurisdiction ${x.jurisdiction}, country ${x.country}${x.provider ? `, provider ${x.provider}` : ""})`;
      };
      for (const id of endpoints.nodes) {
        if (mask[topology.nodeIndex.get(id)!] !== 1) fail("", `workload "${name}" ${what} but ${why(id)}`);
      }
      const [first, ...rest] = endpoints.pairsFrom;
      for (const id of rest) {
        if (component[topology.nodeIndex.get(first)!] !== component[topology.nodeIndex.get(id)!]) {
          fail("", `no path from "${first}" to "${id}" ${what} (workload "${name}"; every route would cross a forbidden site)`);
        }
      }
      for (const id of endpoints.pinned) {
        if (mask[topology.nodeIndex.get(id)!] !== 1) fail("", `workload "${name}" ${what} but its pinned path crosses ${why(id)}`);
      }
    });
  });
}

/** Nodes a workload surely uses, those that must be joined (first to each other), and pinned hops; empty for kinds resolved at run time. */
function staticEndpoints(s: Scenario, i: number, t: Topology): { nodes: string[]; pairsFrom: string[]; pinned: string[] } {
  const w = s.workloads[i];
  if (w.kind === "transfer") return { nodes: [w.src, w.dst], pairsFrom: w.path ? [] : [w.src, w.dst], pinned: w.path ?? [] };
  if (w.kind === "transfers") {
    // Every node the rows name must be allowed; whether each pair can be joined is found as its flow starts.
    const l = w.list;
    const pinned = new Set<string>();
    if (l.pathNodes) for (const h of l.pathNodes) pinned.add(l.nodes[h]);
    const ends = new Set<string>();
    for (let i = 0; i < l.count; i++) {
      ends.add(l.nodes[l.src[i]]);
      ends.add(l.nodes[l.dst[i]]);
    }
    return { nodes: [...ends], pairsFrom: [], pinned: [...pinned] };
  }
  if (w.kind === "traffic") {
    const hosts = w.hosts ?? t.nodeIds.filter((_, n) => t.nodeKinds[n] === "host");
    return { nodes: hosts, pairsFrom: hosts, pinned: [] };
  }
  if (w.kind === "training") {
    const placed = trainingGpus(w.placement, t);
    const gpus = "gpus" in placed ? placed.gpus : [];
    return { nodes: gpus, pairsFrom: gpus, pinned: [] };
  }
  return { nodes: [], pairsFrom: [], pinned: [] };
}

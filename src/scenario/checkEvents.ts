// checkEvents: the scenario's events name existing links, nodes and workloads that can take them, each problem one sentence.
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import { closest } from "../core/closest.js";
import type { Scenario } from "./Scenario.js";

/**
 * Workload kinds with an arrival rate that a `surge` can scale (their Workload implements
 * `setRateFactor`). Add a kind here when its workload gains the method.
 */
export const SURGE_KINDS: readonly string[] = ["traffic", "agents"];

/**
 * Check every event of `s` against the built network: nodes exist (with a "did you
 * mean"), a link event's two nodes are joined by a link, a node capacity change names a
 * node that has a capacity, a surge names a workload of a kind in {@link SURGE_KINDS}.
 * Throws the first problem as an InputError naming `events[i].<key>`.
 */
export function checkEvents(s: Scenario, topology: Topology): void {
  // No events, nothing to check: no name made per workload (20,000 transfers are 20,000 workloads).
  if (s.events.length === 0) return;
  const workloads = new Map<string, string>();
  s.workloads.forEach((w, i) => workloads.set(workloadName(w, i), w.kind));
  s.events.forEach((e, i) => {
    const fail = (key: string, message: string): never => {
      throw new InputError(`${s.file}: events[${i}].${key}: ${message}`);
    };
    const node = (id: string, key: string): number => {
      const n = topology.nodeIndex.get(id);
      if (n !== undefined) return n;
      const near = closest(id, topology.nodeIds);
      return fail(key, `unknown node "${id}"${near ? ` (did you mean "${near}"?)` : ""}`);
    };
    const link = (key: string, from: string, to: string): void => {
      const a = node(from, `${key}.from`);
      const b = node(to, `${key}.to`);
      if (topology.channelBetween(a, b) < 0) fail(key, `no link between "${from}" and "${to}"`);
    };
    switch (e.kind) {
      case "linkDown":
      case "linkUp":
      case "latency":
        link(e.kind, e.from, e.to);
        return;
      case "linkCapacity":
        link("capacity", e.from, e.to);
        return;
      case "nodeDown":
      case "nodeUp":
        node(e.node, e.kind);
        return;
      case "nodeCapacity": {
        const n = node(e.node, "capacity.node");
        if (topology.nodeCapacityResource[n] < 0) fail("capacity.node", `node "${e.node}" has no capacity to change (give it one in topology)`);
        return;
      }
      case "surge": {
        const kind = workloads.get(e.workload);
        if (kind === undefined) {
          const near = closest(e.workload, [...workloads.keys()]);
          fail("surge.workload", `unknown workload "${e.workload}"${near ? ` (did you mean "${near}"?)` : ""}`);
        } else if (!SURGE_KINDS.includes(kind)) {
          fail("surge.workload", `workload "${e.workload}" is a ${kind}, which has no arrival rate to surge (surge applies to ${SURGE_KINDS.join(", ")})`);
        }
        return;
      }
    }
  });
}

/** A workload's name as the run knows it: its `name`, a transfer's `id`, or `transfer<index>`. */
export function workloadName(w: Scenario["workloads"][number], index: number): string {
  if ("name" in w && typeof w.name === "string") return w.name;
  if (w.kind === "transfer") return w.id ?? `transfer${index}`;
  return `${w.kind}${index}`;
}

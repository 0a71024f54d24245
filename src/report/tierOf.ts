// tierOf: the tier of a resource (NVLink, PCIe, host NIC, leaf–spine, spine–core, datacenter border, WAN, edge access, storage).
import type { Topology } from "../net/Topology.js";
import { LINK_ROLES, NodeCapacityRole } from "../net/Topology.js";

/** The tiers tiers.csv classifies resources into, in report order. */
export const TIERS = [
  "nvlink",
  "pcie",
  "host-nic",
  "leaf-spine",
  "spine-core",
  "direct",
  "global",
  "dc-border",
  "wan",
  "edge-access",
  "storage",
  "appliance",
  "other",
] as const;

/** One of {@link TIERS}. */
export type Tier = (typeof TIERS)[number];

const ENDPOINTS = new Set(["gpu", "nic", "host"]);
const ACCESS = new Set(["leaf", "edge", "switch", "tor"]);
const MIDDLE = new Set(["leaf", "edge", "agg"]);
const UPPER = new Set(["spine", "agg"]);
const TOP = new Set(["core", "spine"]);

/**
 * Classify a resource by the kinds of the nodes it joins (links are unordered here):
 * gpu–nvswitch → nvlink; nic with gpu or nvswitch → pcie; gpu, nic or host with a leaf,
 * edge or switch → host-nic; leaf or edge with spine or agg → leaf-spine; agg or spine with
 * core → spine-core; a link a generator gave a role → its role (`direct`: torus rings and a
 * dragonfly group's local links; `global`: a dragonfly's links between groups); border–border → wan; border–host in an `edge` site → edge-access;
 * border with anything else → dc-border; anything touching a storage node, and storage
 * read/write capacities → storage; other node capacities (firewalls, NAT) → appliance.
 */
export function tierOf(topology: Topology, resource: number): Tier {
  const t = topology;
  if (resource >= t.channelCount) {
    const j = resource - t.channelCount;
    const kind = t.nodeKinds[t.capacityNode[j]];
    return kind === "storage" || t.capacityRole[j] !== NodeCapacityRole.Through ? "storage" : "appliance";
  }
  const role = t.channelRole[resource];
  if (role !== 0) return LINK_ROLES[role] as Tier;
  const a = t.channelFrom[resource];
  const b = t.channelTo[resource];
  const ka = t.nodeKinds[a];
  const kb = t.nodeKinds[b];
  const has = (k: string) => ka === k || kb === k;
  const pair = (x: Set<string>, y: Set<string>) => (x.has(ka) && y.has(kb)) || (x.has(kb) && y.has(ka));
  if (has("storage")) return "storage";
  if (has("border")) {
    if (ka === "border" && kb === "border") return "wan";
    const other = ka === "border" ? b : a;
    const site = t.nodeSite[other];
    if (t.nodeKinds[other] === "host" && site >= 0 && t.sites[site].kind === "edge") return "edge-access";
    return "dc-border";
  }
  if (has("nvswitch") && has("gpu")) return "nvlink";
  if (has("nic") && (has("gpu") || has("nvswitch"))) return "pcie";
  if (pair(ENDPOINTS, ACCESS)) return "host-nic";
  if (pair(MIDDLE, UPPER) && !(ka === "agg" && kb === "agg")) return "leaf-spine";
  if (pair(UPPER, TOP)) return "spine-core";
  return "other";
}

// graphJson: a topology (and optionally a run's flows) as the node-link JSON a notebook draws — d3-force and networkx read it as it is.
import type { Topology } from "../net/Topology.js";
import { roundSignificant } from "./csvNumber.js";
import type { PlatformFlow } from "./simgridPlatform.js";

/** A node of the graph. */
export interface GraphNode {
  id: string;
  /** "host", "switch", "leaf", "gpu", … (tiers in reports). */
  kind: string;
  /** The site the node belongs to, or null. */
  site: string | null;
  /** Node capacities, bytes/s, when the node has them. */
  capacity_bps?: number;
  read_bps?: number;
  write_bps?: number;
}

/** A full-duplex link: two directed channels of `bandwidth_bps` each. */
export interface GraphLink {
  source: string;
  target: string;
  bandwidth_bps: number;
  latency_s: number;
}

/** A flow as it ran. */
export interface GraphFlow {
  id: string;
  workload: string;
  src: string;
  dst: string;
  size_bytes: number;
  start_s: number;
  /** null if the run stopped before it finished. */
  finish_s: number | null;
  /** Node ids from src to dst: the route chokepoint used. */
  path: string[];
}

/** The whole document (docs/export.md). */
export interface GraphDocument {
  format: "chokepoint-graph";
  version: 1;
  scenario: string;
  seed: number;
  directed: false;
  multigraph: false;
  graph: { name: string };
  sites: Array<{ id: string; kind: string; lat_deg: number; lon_deg: number; country: string; provider: string }>;
  nodes: GraphNode[];
  links: GraphLink[];
  flows?: GraphFlow[];
}

/**
 * The graph of `topology` in node-link form: `nodes` (id, kind, site, node capacities) and
 * `links` (source, target, bandwidth_bps, latency_s; one per full-duplex link, in the order
 * links were built), `sites` when the topology has any, and with `flows` each flow's id,
 * workload, endpoints, size, start, finish and path (node ids). Units are in the key names
 * (bytes, seconds, bytes per second). `directed`, `multigraph` and `graph` make it a
 * networkx node-link document (`networkx.node_link_graph(doc, edges="links")`). Numbers are
 * written as the CSVs write them ({@link readable}): a flow's `finish_s` is flows.csv's.
 */
export function graphJson(
  topology: Topology,
  scenario: string,
  seed: number,
  flows?: ReadonlyArray<PlatformFlow & { workload: string; finishS: number }>,
): GraphDocument {
  const capacity = (r: number) => (r >= 0 ? readable(topology.resourceCapacityBps[r]) : undefined);
  const nodes = topology.nodeIds.map((id, n): GraphNode => {
    const node: GraphNode = { id, kind: topology.nodeKinds[n], site: topology.nodeSite[n] >= 0 ? topology.sites[topology.nodeSite[n]].id : null };
    const through = capacity(topology.nodeCapacityResource[n]);
    const read = capacity(topology.nodeReadResource[n]);
    const write = capacity(topology.nodeWriteResource[n]);
    if (through !== undefined) node.capacity_bps = through;
    if (read !== undefined) node.read_bps = read;
    if (write !== undefined) node.write_bps = write;
    return node;
  });
  const links: GraphLink[] = [];
  for (let ch = 0; ch < topology.channelCount; ch += 2) {
    links.push({
      source: topology.nodeIds[topology.channelFrom[ch]],
      target: topology.nodeIds[topology.channelTo[ch]],
      bandwidth_bps: readable(topology.resourceCapacityBps[ch]),
      latency_s: readable(topology.channelLatencyS[ch]),
    });
  }
  const doc: GraphDocument = {
    format: "chokepoint-graph",
    version: 1,
    scenario,
    seed,
    directed: false,
    multigraph: false,
    graph: { name: scenario },
    sites: topology.sites.map((s) => ({ id: s.id, kind: s.kind, lat_deg: s.latDeg, lon_deg: s.lonDeg, country: s.country, provider: s.provider })),
    nodes,
    links,
  };
  if (flows) {
    doc.flows = flows.map((f) => ({
      id: f.id,
      workload: f.workload,
      src: f.src,
      dst: f.dst,
      size_bytes: f.sizeBytes,
      start_s: readable(f.startS),
      finish_s: Number.isNaN(f.finishS) ? null : readable(f.finishS),
      path: Array.from(f.route.nodes, (n) => topology.nodeIds[n]),
    }));
  }
  return doc;
}

/**
 * A number as the CSVs write it: 12 significant digits, float round-off snapped
 * ({@link roundSignificant}), so a latency given as "5us" (4.9999999999999996e-6 once
 * converted) reads 0.000005 and a finish time 0.201002, not 0.20100200000000001; whole
 * numbers (sizes, capacities in B/s) as they are.
 */
function readable(x: number): number {
  return Number.isSafeInteger(x) || !Number.isFinite(x) ? x : roundSignificant(x);
}

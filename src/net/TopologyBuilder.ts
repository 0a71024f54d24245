// TopologyBuilder: collects nodes and links (explicit or from generators) and checks them before building.
import { closest } from "../core/closest.js";
import { InputError } from "../core/InputError.js";
import type { Site } from "./Site.js";
import { Topology, type LinkRole } from "./Topology.js";

/** A node as given to the builder. */
export interface NodeSpec {
  id: string;
  /** Label used for tiers in reports (default "host"). */
  kind?: string;
  /** Throughput every flow through this node shares, bytes/s (a firewall, a storage array). */
  capacityBps?: number;
  /** Throughput shared by the flows this node sources (a storage node's read bandwidth), bytes/s. */
  readBps?: number;
  /** Throughput shared by the flows this node sinks (a storage node's write bandwidth), bytes/s. */
  writeBps?: number;
  /** Id of the site the node belongs to (default: the site being built, if any). */
  site?: string;
}

/** A full-duplex link as given to the builder: two directed channels of `bandwidthBps` each. */
export interface LinkSpec {
  from: string;
  to: string;
  bandwidthBps: number;
  latencyS: number;
  /** Buffer of each of its two ports, bytes (absent: the scenario's default). */
  bufferBytes?: number;
  /** ECN marking threshold of each of its two ports, bytes (absent: the scenario's default). */
  ecnThresholdBytes?: number;
  /** Role reports file the link under (a direct network's router links; see LINK_ROLES), absent for most links. */
  role?: LinkRole;
}

/**
 * Accumulates nodes and links and builds a {@link Topology}. Rejects duplicate node ids,
 * links to unknown nodes, self-loops and a second link between the same pair of nodes
 * (a path is a list of nodes, so it must name one channel per hop).
 */
export class TopologyBuilder {
  private readonly ids: string[] = [];
  private readonly kinds: string[] = [];
  private readonly caps: Array<number | undefined> = [];
  private readonly reads: Array<number | undefined> = [];
  private readonly writes: Array<number | undefined> = [];
  private readonly nodeSites: number[] = [];
  private readonly sites: Site[] = [];
  private readonly siteIndex = new Map<string, number>();
  private currentSite = -1;
  private readonly index = new Map<string, number>();
  private readonly links: Array<{ from: number; to: number; bandwidthBps: number; latencyS: number; bufferBytes?: number; ecnThresholdBytes?: number }> = [];
  private readonly pairs = new Set<string>();

  /** Whether a node with this id exists. */
  hasNode(id: string): boolean {
    return this.index.has(id);
  }

  /** Add a node; throws InputError on a duplicate id. */
  addNode(spec: NodeSpec): void {
    if (this.index.has(spec.id)) throw new InputError(`node "${spec.id}" is defined twice`);
    this.index.set(spec.id, this.ids.length);
    this.ids.push(spec.id);
    this.kinds.push(spec.kind ?? "host");
    this.caps.push(spec.capacityBps);
    this.reads.push(spec.readBps);
    this.writes.push(spec.writeBps);
    let site = this.currentSite;
    if (spec.site !== undefined) {
      const i = this.siteIndex.get(spec.site);
      if (i === undefined) throw new InputError(`unknown site "${spec.site}"${closestHint(spec.site, [...this.siteIndex.keys()])}`);
      site = i;
    }
    this.nodeSites.push(site);
  }

  /** Add a site (no node: its border node is added separately); throws InputError on a duplicate id. */
  addSite(site: Site): void {
    if (this.siteIndex.has(site.id)) throw new InputError(`site "${site.id}" is defined twice`);
    this.siteIndex.set(site.id, this.sites.length);
    this.sites.push(site);
  }

  /** The site with this id, if any. */
  site(id: string): Site | undefined {
    const i = this.siteIndex.get(id);
    return i === undefined ? undefined : this.sites[i];
  }

  /** " (did you mean …?)" for a mistyped site id, or "". */
  siteHint(id: string): string {
    return closestHint(id, [...this.siteIndex.keys()]);
  }

  /** Run `fn` with every node it adds (without its own `site`) placed in site `id`. */
  inSite<T>(id: string, fn: () => T): T {
    const before = this.currentSite;
    const i = this.siteIndex.get(id);
    if (i === undefined) throw new InputError(`unknown site "${id}"`);
    this.currentSite = i;
    try {
      return fn();
    } finally {
      this.currentSite = before;
    }
  }

  /** Add a full-duplex link; throws InputError on unknown nodes, self-loops or duplicates. */
  addLink(spec: LinkSpec): void {
    const a = this.index.get(spec.from);
    const b = this.index.get(spec.to);
    if (a === undefined) throw new InputError(`unknown node "${spec.from}"${this.hint(spec.from)}`);
    if (b === undefined) throw new InputError(`unknown node "${spec.to}"${this.hint(spec.to)}`);
    if (a === b) throw new InputError(`a link cannot connect node "${spec.from}" to itself`);
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (this.pairs.has(key)) {
      throw new InputError(`a second link between "${spec.from}" and "${spec.to}" (one link per pair of nodes)`);
    }
    this.pairs.add(key);
    this.links.push({ from: a, to: b, bandwidthBps: spec.bandwidthBps, latencyS: spec.latencyS, bufferBytes: spec.bufferBytes, ecnThresholdBytes: spec.ecnThresholdBytes, ...(spec.role && { role: spec.role }) });
  }

  /** Build the topology. */
  build(): Topology {
    return new Topology({
      nodeIds: this.ids,
      nodeKinds: this.kinds,
      nodeCapacityBps: this.caps,
      nodeReadBps: this.reads,
      nodeWriteBps: this.writes,
      links: this.links,
      sites: this.sites,
      nodeSite: this.nodeSites,
    });
  }

  private hint(id: string): string {
    const near = closest(id, this.ids);
    return near ? ` (did you mean "${near}"?)` : "";
  }
}

function closestHint(id: string, known: string[]): string {
  const near = closest(id, known);
  return near ? ` (did you mean "${near}"?)` : "";
}

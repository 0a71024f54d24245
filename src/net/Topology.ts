// Topology: nodes, full-duplex links as pairs of directed channels, and node capacities, in typed arrays.

import type { Site } from "./Site.js";

/** What a node-capacity resource limits: every flow through the node, flows leaving it (reads), or flows arriving (writes). */

/**
 * Roles a generator can give a link that its end nodes' kinds cannot tell: `direct`, a
 * router–router link of a direct network (torus rings, a dragonfly group's local links);
 * `global`, a dragonfly's link between groups. Index 0 is no role.
 */
export const LINK_ROLES = ["", "direct", "global"] as const;

/** A link's role (see {@link LINK_ROLES}). */
export type LinkRole = "direct" | "global";

export const NodeCapacityRole = { Through: 0, Read: 1, Write: 2 } as const;
/** One of the {@link NodeCapacityRole} values. */
export type NodeCapacityRole = (typeof NodeCapacityRole)[keyof typeof NodeCapacityRole];

const ROLE_SUFFIX = ["", ":read", ":write"];

/**
 * A built, immutable-in-shape network. Resource ids: `0 … channelCount-1` are directed
 * channels (link `l` gives channels `2l` (from→to) and `2l+1` (to→from)); node
 * capacities follow as resources `channelCount + j`: for each node in order, its
 * through capacity, then its read capacity (shared by flows it sources, e.g. a storage
 * node's read bandwidth), then its write capacity (shared by flows it sinks).
 * `resourceCapacityBps` holds the capacities as built (nominal) and never changes: the
 * capacity in force during a run, which scenario events change, is
 * `FlowNetwork.capacityOf` (one topology serves many simulations).
 */
export class Topology {
  /** Node ids as written in the scenario (index = node number). */
  readonly nodeIds: string[];
  /** Node kind labels ("host", "switch", "leaf", …), used for tiers in reports. */
  readonly nodeKinds: string[];
  /** Node number by id. */
  readonly nodeIndex: Map<string, number>;
  /** Source node of each directed channel. */
  readonly channelFrom: Int32Array;
  /** Destination node of each directed channel. */
  readonly channelTo: Int32Array;
  /** One-way latency of each directed channel, seconds. */
  /** Role a generator gave each channel's link, an index into {@link LINK_ROLES} (0: none; reports classify it by its end nodes' kinds). */
  readonly channelRole: Uint8Array;
  readonly channelLatencyS: Float64Array;
  /** Node of each node-capacity resource (index = resource - channelCount). */
  readonly capacityNode: Int32Array;
  /** Nominal capacity of every resource (channels, then node capacities) as built, bytes/s; never updated (see the class doc). */
  readonly resourceCapacityBps: Float64Array;
  /** Buffer each resource's link states (NaN: the scenario's default applies), bytes. */
  readonly resourceBufferBytes: Float64Array;
  /** ECN marking threshold each resource's link states (NaN: the scenario's default applies), bytes. */
  readonly resourceEcnThresholdBytes: Float64Array;
  /** Outgoing channels of each node, CSR: channels of node n are outChannels[outStart[n] … outStart[n+1]). */
  readonly outStart: Int32Array;
  readonly outChannels: Int32Array;
  /** Role of each node-capacity resource (index = resource - channelCount), a {@link NodeCapacityRole}. */
  readonly capacityRole: Uint8Array;
  /** Sites (cloud regions, datacenters, edge PoPs), in the order defined. */
  readonly sites: readonly Site[];
  /** Site of each node (index into `sites`), or -1 for a node outside every site. */
  readonly nodeSite: Int32Array;
  /** Node-capacity resource of each node (every flow through it), or -1. */
  readonly nodeCapacityResource: Int32Array;
  /** Read-capacity resource of each node (flows it sources), or -1. */
  readonly nodeReadResource: Int32Array;
  /** Write-capacity resource of each node (flows it sinks), or -1. */
  readonly nodeWriteResource: Int32Array;
  private readonly channelByPair: Map<number, number>;

  constructor(parts: {
    nodeIds: string[];
    nodeKinds: string[];
    nodeCapacityBps: Array<number | undefined>;
    /** Read and write capacities per node (absent: none). */
    nodeReadBps?: Array<number | undefined>;
    nodeWriteBps?: Array<number | undefined>;
    links: Array<{ from: number; to: number; bandwidthBps: number; latencyS: number; bufferBytes?: number; ecnThresholdBytes?: number; role?: LinkRole }>;
    /** Sites and each node's site (-1: none); absent means no sites. */
    sites?: readonly Site[];
    nodeSite?: readonly number[];
  }) {
    const n = parts.nodeIds.length;
    this.nodeIds = parts.nodeIds;
    this.nodeKinds = parts.nodeKinds;
    this.nodeIndex = new Map(parts.nodeIds.map((id, i) => [id, i]));
    this.sites = parts.sites ?? [];
    this.nodeSite = parts.nodeSite ? Int32Array.from(parts.nodeSite) : new Int32Array(n).fill(-1);
    const c = parts.links.length * 2;
    this.channelFrom = new Int32Array(c);
    this.channelTo = new Int32Array(c);
    this.channelLatencyS = new Float64Array(c);
    this.channelRole = new Uint8Array(c);
    const capNodes: number[] = [];
    const capRoles: number[] = [];
    const capBps: number[] = [];
    const byRole = [parts.nodeCapacityBps, parts.nodeReadBps ?? [], parts.nodeWriteBps ?? []];
    const resourceOf = byRole.map(() => new Int32Array(n).fill(-1));
    for (let i = 0; i < n; i++) {
      byRole.forEach((caps, role) => {
        const cap = caps[i];
        if (cap === undefined) return;
        resourceOf[role][i] = c + capNodes.length;
        capNodes.push(i);
        capRoles.push(role);
        capBps.push(cap);
      });
    }
    this.capacityNode = Int32Array.from(capNodes);
    this.capacityRole = Uint8Array.from(capRoles);
    this.resourceCapacityBps = new Float64Array(c + capNodes.length);
    this.resourceCapacityBps.set(capBps, c);
    [this.nodeCapacityResource, this.nodeReadResource, this.nodeWriteResource] = resourceOf;
    this.resourceBufferBytes = new Float64Array(c + capNodes.length).fill(NaN);
    this.resourceEcnThresholdBytes = new Float64Array(c + capNodes.length).fill(NaN);
    this.channelByPair = new Map();
    const degree = new Int32Array(n + 1);
    parts.links.forEach((l, i) => {
      for (const [ch, a, b] of [
        [2 * i, l.from, l.to],
        [2 * i + 1, l.to, l.from],
      ] as const) {
        this.channelFrom[ch] = a;
        this.channelTo[ch] = b;
        this.channelLatencyS[ch] = l.latencyS;
        if (l.role !== undefined) this.channelRole[ch] = LINK_ROLES.indexOf(l.role);
        this.resourceCapacityBps[ch] = l.bandwidthBps;
        if (l.bufferBytes !== undefined) this.resourceBufferBytes[ch] = l.bufferBytes;
        if (l.ecnThresholdBytes !== undefined) this.resourceEcnThresholdBytes[ch] = l.ecnThresholdBytes;
        this.channelByPair.set(a * n + b, ch);
        degree[a + 1]++;
      }
    });
    for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
    this.outStart = degree;
    this.outChannels = new Int32Array(c);
    const fill = degree.slice(0, n);
    for (let ch = 0; ch < c; ch++) this.outChannels[fill[this.channelFrom[ch]]++] = ch;
  }

  /** Number of nodes. */
  get nodeCount(): number {
    return this.nodeIds.length;
  }

  /** Number of directed channels (twice the number of links). */
  get channelCount(): number {
    return this.channelFrom.length;
  }

  /** Number of shared resources (channels plus node capacities). */
  get resourceCount(): number {
    return this.resourceCapacityBps.length;
  }

  /** The directed channel from node `a` to node `b`, or -1 if they are not adjacent. */
  channelBetween(a: number, b: number): number {
    return this.channelByPair.get(a * this.nodeCount + b) ?? -1;
  }

  /** A readable name for a resource: "a->b" for channels, "node:x" for node capacities ("node:x:read", "node:x:write"). */
  resourceName(r: number): string {
    if (r < this.channelCount) {
      return `${this.nodeIds[this.channelFrom[r]]}->${this.nodeIds[this.channelTo[r]]}`;
    }
    const j = r - this.channelCount;
    return `node:${this.nodeIds[this.capacityNode[j]]}${ROLE_SUFFIX[this.capacityRole[j]]}`;
  }
}

// FatTreeRoutes: the shortest-path ECMP routes between the hosts of a topology's fat-trees, found from the tree's structure instead of distance tables.
import type { FabricRoutes } from "./FabricRoutes.js";
import { ecmpPick, ecmpSalt } from "./ecmpHash.js";
import type { RoutingMetric } from "./Route.js";
import type { Topology } from "./Topology.js";
import type { FatTreeSpec } from "./fatTree.js";

/** One fat-tree of a topology, its nodes and channels by position (see {@link FatTreeRoutes}). */
type Instance = {
  /** k / 2. */
  half: number;
  /** Each host's one channel, up to its edge switch, by host index. */
  hostUp: Int32Array;
  /** Edge switch `pod·half + e`'s channels to the pod's aggregation switches, in its out-channel order, at `(pod·half + e)·half + r`. */
  edgeUp: Int32Array;
  /** Edge switch `pod·half + e`'s channel down to its host `port`, at `(pod·half + e)·half + port`. */
  edgeDown: Int32Array;
  /** Aggregation switch `pod·half + a`'s channels to its core switches, in its out-channel order, at `(pod·half + a)·half + r`. */
  aggUp: Int32Array;
  /** Aggregation switch `pod·half + a`'s channel down to edge switch `e` of its pod, at `(pod·half + a)·half + e`. */
  aggDown: Int32Array;
  /** Core switch `j`'s channel down to its aggregation switch in pod `pod`, at `j·k + pod`. */
  coreDown: Int32Array;
  /** Every directed channel of the tree (to tell whether the router's view has one down). */
  channels: Int32Array;
  /** Whether some channel of the tree is down in the router's view (then the router's tables route its pairs). */
  down: boolean;
};

/**
 * The {@link FabricRoutes} of the k-ary fat-trees of a topology (net/fatTree.ts): exactly the
 * routes the {@link import("./Router.js").Router} finds by its distance tables under `hops`
 * between two hosts of one tree — the same candidate channels at every node, in the node's
 * out-channel order, picked by the same hash of seed, flow key and node — read from the
 * tree's structure. From a host, the one channel up to its edge switch; then down to the
 * destination when it hangs from the same edge; otherwise any of the edge's k/2 channels up
 * (every aggregation switch of the pod is one hop closer); then, within the pod, down to the
 * destination's edge, or else any of the aggregation switch's k/2 channels to the core
 * (every one is one hop closer); from the core, the one channel to the destination pod's
 * aggregation switch it reaches, and down. No distance table is read or built.
 *
 * It answers only where that is provably the router's answer, and null otherwise (the router
 * then finds the route by its tables): the `hops` metric; both ends hosts of the same tree;
 * the tree closed (each of its nodes has exactly the generator's links and no other, so no
 * path leaves it: a fat-tree in a site, whose core switches link to the border, is not); no
 * channel of the tree down in the router's view; no policy mask.
 */
export class FatTreeRoutes implements FabricRoutes {
  private readonly instances: Instance[] = [];
  /** Instance of each node that is a host of a closed tree (−1: none). */
  private readonly instanceOf: Int32Array;
  /** Host index (h in the id `h{h}`) of each host of a closed tree. */
  private readonly hostIndex: Int32Array;
  /** Position (pod·half + i) of each aggregation switch of a closed tree, and index j of each core switch. */
  private readonly position: Int32Array;

  constructor(
    private readonly topology: Topology,
    trees: readonly FatTreeSpec[],
    private readonly metric: RoutingMetric,
  ) {
    const n = topology.nodeCount;
    this.instanceOf = new Int32Array(n).fill(-1);
    this.hostIndex = new Int32Array(n).fill(-1);
    this.position = new Int32Array(n).fill(-1);
    for (const spec of trees) {
      const inst = this.closedTree(spec);
      if (!inst) continue;
      const index = this.instances.push(inst) - 1;
      const p = spec.prefix ?? "";
      const hosts = (spec.k * spec.k * spec.k) / 4;
      for (let h = 0; h < hosts; h++) {
        const node = topology.nodeIndex.get(`${p}h${h}`)!;
        this.instanceOf[node] = index;
        this.hostIndex[node] = h;
      }
    }
  }

  /** The tree of `spec` with its channels by position, or null when it is not closed (see the class doc). */
  private closedTree(spec: FatTreeSpec): Instance | null {
    const t = this.topology;
    const { k } = spec;
    const half = k / 2;
    const p = spec.prefix ?? "";
    const node = (id: string) => t.nodeIndex.get(id) ?? -1;
    const hosts = k * half * half;
    const edges = k * half;
    const cores = half * half;
    const inst: Instance = {
      half,
      hostUp: new Int32Array(hosts),
      edgeUp: new Int32Array(edges * half),
      edgeDown: new Int32Array(edges * half),
      aggUp: new Int32Array(edges * half),
      aggDown: new Int32Array(edges * half),
      coreDown: new Int32Array(cores * k),
      channels: new Int32Array(2 * (hosts + 2 * edges * half)),
      down: false,
    };
    let channelCount = 0;
    // Each node's out-channels, checked to be exactly the generator's: `expected(to)` gives the slot a channel to `to` fills (−1: not a neighbour); `fill` gets them in out-channel order.
    const check = (u: number, degree: number, expected: (to: number) => number, fill: (slot: number, ch: number) => void): boolean => {
      if (u < 0 || t.outStart[u + 1] - t.outStart[u] !== degree) return false;
      const seen = new Set<number>();
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        const slot = expected(t.channelTo[ch]);
        if (slot < 0 || seen.has(slot)) return false;
        seen.add(slot);
        fill(slot, ch);
        inst.channels[channelCount++] = ch;
      }
      return true;
    };
    // A switch at position `at` with k/2 neighbours below (`downs[downFrom …]`) and k/2 above
    // (`ups[upFrom …]`), checked: its channel down to each by slot in `downOut`, and its channels
    // up in its out-channel order (the order the router's tables list them) in `upOut`.
    const twoLevel = (u: number, at: number, downs: Int32Array, downFrom: number, ups: Int32Array, upFrom: number, downOut: Int32Array, upOut: Int32Array): boolean => {
      let up = 0;
      return check(
        u,
        k,
        (to) => {
          for (let i = 0; i < half; i++) if (downs[downFrom + i] === to) return i;
          for (let i = 0; i < half; i++) if (ups[upFrom + i] === to) return half + i;
          return -1;
        },
        (slot, ch) => {
          if (slot < half) downOut[at * half + slot] = ch;
          else upOut[at * half + up++] = ch;
        },
      );
    };
    const hostNode = new Int32Array(hosts);
    const edgeNode = new Int32Array(edges);
    const aggNode = new Int32Array(edges);
    const coreNode = new Int32Array(cores);
    for (let h = 0; h < hosts; h++) hostNode[h] = node(`${p}h${h}`);
    for (let pod = 0; pod < k; pod++) {
      for (let i = 0; i < half; i++) {
        edgeNode[pod * half + i] = node(`${p}e${pod}_${i}`);
        aggNode[pod * half + i] = node(`${p}a${pod}_${i}`);
      }
    }
    for (let j = 0; j < cores; j++) coreNode[j] = node(`${p}c${j}`);
    for (let h = 0; h < hosts; h++) {
      const edge = edgeNode[Math.floor(h / half)];
      if (!check(hostNode[h], 1, (to) => (to === edge ? 0 : -1), (_slot, ch) => (inst.hostUp[h] = ch))) return null;
    }
    for (let pod = 0; pod < k; pod++) {
      for (let i = 0; i < half; i++) {
        const at = pod * half + i;
        // Edge i: down to its half hosts, up to the pod's aggregation switches.
        if (!twoLevel(edgeNode[at], at, hostNode, at * half, aggNode, pod * half, inst.edgeDown, inst.edgeUp)) return null;
        // Aggregation switch i: down to the pod's edge switches, up to cores i·half … i·half + half − 1.
        if (!twoLevel(aggNode[at], at, edgeNode, pod * half, coreNode, i * half, inst.aggDown, inst.aggUp)) return null;
      }
    }
    for (let j = 0; j < cores; j++) {
      const a = Math.floor(j / half);
      if (!check(coreNode[j], k, (to) => {
        for (let pod = 0; pod < k; pod++) if (aggNode[pod * half + a] === to) return pod;
        return -1;
      }, (slot, ch) => (inst.coreDown[j * k + slot] = ch))) return null;
    }
    for (let at = 0; at < edges; at++) this.position[aggNode[at]] = at;
    for (let j = 0; j < cores; j++) this.position[coreNode[j]] = j;
    return inst;
  }

  /** Number of closed trees (those it routes). */
  get treeCount(): number {
    return this.instances.length;
  }

  /** @inheritdoc */
  readonly nodesFixChannels = true;

  /** @inheritdoc */
  channels(src: number, dst: number, flowKey: number, seed: number, _usable: (channel: number) => boolean, allowed?: Uint8Array | null): number[] | null {
    if (this.metric !== "hops" || allowed) return null;
    const which = this.instanceOf[src];
    if (which < 0 || which !== this.instanceOf[dst] || src === dst) return null;
    const inst = this.instances[which];
    if (inst.down) return null;
    const half = inst.half;
    const s = this.hostIndex[src];
    const d = this.hostIndex[dst];
    // Edge positions (pod·half + e) of both ends, and their pods.
    const se = Math.floor(s / half);
    const de = Math.floor(d / half);
    const dPort = d - de * half;
    const up = inst.hostUp[s];
    if (se === de) return [up, inst.edgeDown[de * half + dPort]];
    const channelTo = this.topology.channelTo;
    const salt = ecmpSalt(seed, flowKey);
    const edge = channelTo[up];
    const toAgg = inst.edgeUp[se * half + ecmpPick(salt, edge, half)];
    const agg = channelTo[toAgg];
    const sPod = Math.floor(se / half);
    const dPod = Math.floor(de / half);
    const dEdge = de - dPod * half;
    const down = inst.edgeDown[de * half + dPort];
    if (sPod === dPod) return [up, toAgg, inst.aggDown[this.position[agg] * half + dEdge], down];
    const toCore = inst.aggUp[this.position[agg] * half + ecmpPick(salt, agg, half)];
    const core = channelTo[toCore];
    const toAgg2 = inst.coreDown[this.position[core] * 2 * half + dPod];
    const agg2 = channelTo[toAgg2];
    return [up, toAgg, toCore, toAgg2, inst.aggDown[this.position[agg2] * half + dEdge], down];
  }

  /** @inheritdoc */
  viewChanged(down: Uint8Array, _latencyS: Float64Array): void {
    for (const inst of this.instances) {
      inst.down = false;
      for (const ch of inst.channels) if (down[ch] !== 0) inst.down = true;
    }
  }
}

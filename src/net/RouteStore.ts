// RouteStore: where a router makes its Route objects (node and resource lists in shared chunks) and keeps the distinct ones by their nodes, so flows on one path share one Route.
import { Int32Pool } from "./Int32Pool.js";
import type { Route } from "./Route.js";
import { hashNodes, RouteSet } from "./RouteSet.js";
import type { Topology } from "./Topology.js";

/**
 * A {@link Router}'s routes: {@link make} builds one from its nodes and channels (its resources
 * and latency as the router sees the links), {@link shared} finds the route already made along
 * the same nodes first. Routes are never mutated, so flows share them freely.
 */
export class RouteStore {
  /** Where routes' node and resource lists are stored (views of shared chunks). */
  private readonly lists = new Int32Pool();
  /** Distinct routes already made through {@link shared}, by their nodes. */
  private readonly byNodes = new RouteSet();

  /** Routes over `topology` whose channels take `latencyS[ch]` seconds each (the router's view, read when a route is made). */
  constructor(
    private readonly topology: Topology,
    private readonly latencyS: Float64Array,
  ) {}

  /** The route along `nodes` and `channels` (written into the shared lists: the caller's arrays are not kept). */
  make(nodes: ArrayLike<number>, channels: ArrayLike<number>): Route {
    const t = this.topology;
    let latencyS = 0;
    for (let i = 0; i < channels.length; i++) latencyS += this.latencyS[channels[i]];
    // The channels, then each node's capacity, then the source's read and the destination's write resource.
    const capacity = t.nodeCapacityResource;
    const read = t.nodeReadResource[nodes[0]];
    const write = t.nodeWriteResource[nodes[nodes.length - 1]];
    let count = channels.length + (read >= 0 ? 1 : 0) + (write >= 0 ? 1 : 0);
    for (let i = 0; i < nodes.length; i++) if (capacity[nodes[i]] >= 0) count++;
    const resources = this.lists.take(count);
    let at = 0;
    for (let i = 0; i < channels.length; i++) resources[at++] = channels[i];
    for (let i = 0; i < nodes.length; i++) {
      const r = capacity[nodes[i]];
      if (r >= 0) resources[at++] = r;
    }
    if (read >= 0) resources[at++] = read;
    if (write >= 0) resources[at++] = write;
    return { nodes: this.lists.copy(nodes), resources, latencyS };
  }

  /** The route along `nodes` and `channels` made before through this call, or one {@link make}s and keeps now when no route took those nodes before. */
  shared(nodes: number[], channels: number[]): Route {
    const hash = hashNodes(nodes);
    const seen = this.byNodes.find(nodes, hash);
    if (seen) return seen;
    const route = this.make(nodes, channels);
    this.byNodes.add(route, hash);
    return route;
  }

  /** Forget the shared routes (the link view changed: the same nodes may now make another route). */
  forget(): void {
    this.byNodes.clear();
  }
}

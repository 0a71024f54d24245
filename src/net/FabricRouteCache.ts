// FabricRouteCache: a router's answers from its FabricRoutes, turned into Route objects that flows on the same path share (by nodes, or by a string of channels, bounded).
import type { FabricRoutes } from "./FabricRoutes.js";
import type { Route } from "./Route.js";
import type { RouteStore } from "./RouteStore.js";
import type { Topology } from "./Topology.js";

/**
 * The routes a {@link Router} takes from its {@link FabricRoutes}: the channels the fabric
 * gives a flow become a Route of the router's {@link RouteStore}, shared with every flow on the
 * same path — through the store's routes keyed by nodes where the fabric's nodes fix its
 * channels (and no policy mask), else through a map keyed by the channels, which starts again
 * empty beyond {@link limit} routes.
 */
export class FabricRouteCache {
  /** Routes found by channels, so flows on the same path share one Route. */
  private readonly byChannels = new Map<string, Route>();
  /** The nodes of the route being made (reused: the store copies what it keeps). */
  private readonly walkNodes: number[] = [];
  /**
   * Routes {@link byChannels} keeps before it starts again empty (default 65,536, ≈ 20 MB): a
   * flow's route is the same either way; beyond it, only the sharing of Route objects between
   * flows on the same path starts over, so memory no longer grows with every distinct path a
   * run uses.
   */
  limit = 65_536;

  constructor(
    private readonly topology: Topology,
    private readonly store: RouteStore,
  ) {}

  /** Routes kept by channels now (at most {@link limit}). */
  get size(): number {
    return this.byChannels.size;
  }

  /** Forget the routes kept by channels (the link view changed). */
  forget(): void {
    this.byChannels.clear();
  }

  /**
   * The route `fabric` gives the flow keyed `flowKey` from `src` to `dst` under run seed `seed`,
   * or null (not the fabric's pair, its links down — `down[ch]` 1 — or a node the policy mask
   * `allowed` forbids; null: every node allowed).
   */
  route(fabric: FabricRoutes, src: number, dst: number, flowKey: number, seed: number, down: Uint8Array, allowed: Uint8Array | null): Route | null {
    const channels = fabric.channels(src, dst, flowKey, seed, (ch) => down[ch] === 0, allowed);
    if (!channels) return null;
    if (fabric.nodesFixChannels && !allowed) return this.sharedByNodes(src, channels);
    const key = channels.join(",");
    const known = this.byChannels.get(key);
    if (known) return known;
    const nodes = [src];
    for (const ch of channels) nodes.push(this.topology.channelTo[ch]);
    if (allowed) for (const n of nodes) if (allowed[n] !== 1) return null;
    const route = this.store.make(nodes, channels);
    if (this.byChannels.size >= this.limit) this.byChannels.clear();
    this.byChannels.set(key, route);
    return route;
  }

  /** The route from `src` along `channels`, shared with every flow on the same nodes through the store (a fabric whose routes' nodes fix their channels, with no policy mask). */
  private sharedByNodes(src: number, channels: number[]): Route {
    const nodes = this.walkNodes;
    nodes.length = 0;
    nodes.push(src);
    for (let i = 0; i < channels.length; i++) nodes.push(this.topology.channelTo[channels[i]]);
    return this.store.shared(nodes, channels);
  }
}

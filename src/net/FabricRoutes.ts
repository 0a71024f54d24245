// FabricRoutes: the routes a generated fabric computes from its own structure, which a Router follows before its shortest paths.

/**
 * Routes a generated fabric knows from its structure (a dragonfly's minimal or Valiant
 * routes, a torus's minimal paths found from coordinates) where plain shortest paths are
 * not what the fabric's routing does, or would cost a distance table per destination. A
 * {@link import("./Router.js").Router} asks it first for every flow and falls back to its
 * shortest paths when it answers null.
 */
export interface FabricRoutes {
  /**
   * The channels, from `src` to `dst`, of the path of the flow keyed `flowKey` under run seed
   * `seed`; null when the pair is not the fabric's to route, or when `usable` rules out every
   * path the fabric's routing would take (links down: shortest paths over what is left).
   * `allowed` is the asking router's policy mask (1: a node routes may visit; null: every node).
   */
  channels(src: number, dst: number, flowKey: number, seed: number, usable: (channel: number) => boolean, allowed?: Uint8Array | null): number[] | null;
  /**
   * Told by the router whenever its view of the links changes (a link down or up, a latency
   * changed): `down[ch]` is 1 for each channel it treats as failed, `latencyS[ch]` each
   * channel's latency as it sees it. Both arrays are the router's own: read, never write.
   */
  viewChanged?(down: Uint8Array, latencyS: Float64Array): void;
  /**
   * True when the fabric's routes never take one of two parallel links, so a route's node
   * sequence fixes its channels: the router then shares them between flows through its set of
   * routes keyed by nodes (a hash of a few numbers) instead of a string key of the channels.
   */
  readonly nodesFixChannels?: boolean;
}

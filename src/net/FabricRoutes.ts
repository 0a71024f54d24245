// FabricRoutes: the routes a generated fabric computes from its own structure, which a Router follows before its shortest paths.

/**
 * Routes a generated fabric knows from its structure (a dragonfly's minimal or Valiant
 * routes) where plain shortest paths are not what the fabric's routing does. A
 * {@link import("./Router.js").Router} asks it first for every flow and falls back to its
 * shortest paths when it answers null.
 */
export interface FabricRoutes {
  /**
   * The channels, from `src` to `dst`, of the path of the flow keyed `flowKey` under run seed
   * `seed`; null when the pair is not the fabric's to route, or when `usable` rules out every
   * path the fabric's routing would take (links down: shortest paths over what is left).
   */
  channels(src: number, dst: number, flowKey: number, seed: number, usable: (channel: number) => boolean): number[] | null;
}

// RouteSet: the distinct routes a router has built, found by their node sequence, so flows on the same path share one Route object.
import type { Route } from "./Route.js";

/**
 * A hash set of {@link Route}s keyed by their node sequence (which fixes the route: its
 * channels, resources and latency follow from the nodes under one link view). Open
 * addressing over a typed array of 32-bit hashes, so a lookup that finds nothing — the common
 * case when flows between a million host pairs each take their own path — reads one slot of a
 * typed array and no Route object. It holds only routes that flows hold anyway (a flow keeps
 * its route to the end of the run), so it adds 12 bytes or so per distinct route, nothing per
 * host pair.
 */
export class RouteSet {
  private hashes = new Int32Array(1024);
  private routes: Array<Route | undefined> = new Array(1024).fill(undefined);
  private count = 0;

  /** Number of routes held. */
  get size(): number {
    return this.count;
  }

  /** The route held whose nodes are `nodes` (with hash {@link hashNodes}(nodes) = `hash`, never 0), or undefined. */
  find(nodes: ArrayLike<number>, hash: number): Route | undefined {
    const hashes = this.hashes;
    const mask = hashes.length - 1;
    // Slots are told empty (hash 0) or unlike by the hashes alone; a Route is read on a match only.
    for (let i = hash & mask; hashes[i] !== 0; i = (i + 1) & mask) {
      if (hashes[i] !== hash) continue;
      const r = this.routes[i]!;
      if (sameNodes(r.nodes, nodes)) return r;
    }
    return undefined;
  }

  /** Hold `route` (not held yet), whose nodes hash to `hash`. */
  add(route: Route, hash: number): void {
    if (2 * (this.count + 1) > this.hashes.length) this.grow();
    this.place(route, hash);
    this.count++;
  }

  /** Drop every route. */
  clear(): void {
    this.hashes = new Int32Array(1024);
    this.routes = new Array(1024).fill(undefined);
    this.count = 0;
  }

  private place(route: Route, hash: number): void {
    const mask = this.hashes.length - 1;
    let i = hash & mask;
    while (this.hashes[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = hash;
    this.routes[i] = route;
  }

  private grow(): void {
    const hashes = this.hashes;
    const routes = this.routes;
    this.hashes = new Int32Array(2 * hashes.length);
    this.routes = new Array(2 * hashes.length).fill(undefined);
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i];
      if (r !== undefined) this.place(r, hashes[i]);
    }
  }
}

/** A 32-bit hash of a node sequence, never 0 (0 marks {@link RouteSet}'s empty slots). */
export function hashNodes(nodes: ArrayLike<number>): number {
  let h = 0x811c9dc5 ^ nodes.length;
  for (let i = 0; i < nodes.length; i++) {
    h = Math.imul(h ^ nodes[i], 0x01000193);
    h ^= h >>> 15;
  }
  return h | 0 || 1;
}

function sameNodes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

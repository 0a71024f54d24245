// RouteSet: the distinct routes a router has built, found by their node sequence, so flows on the same path share one Route object; at most two generations of a bounded size are kept.
import type { Route } from "./Route.js";

/** Routes a generation holds before a new one starts (see {@link RouteSet}). */
export const ROUTE_GENERATION_LIMIT = 131_072;

/**
 * A hash set of {@link Route}s keyed by their node sequence (which fixes the route: its
 * channels, resources and latency follow from the nodes under one link view). Open
 * addressing over a typed array of 32-bit hashes, so a lookup that finds nothing — the common
 * case when flows between a million host pairs each take their own path — reads one slot of a
 * typed array and no Route object.
 *
 * Bounded: routes go into the current generation, which holds at most `limit` of them; when
 * it is full it becomes the previous generation (the one before is dropped) and a new, empty
 * one starts. A route found in the previous generation is moved into the current one, so the
 * routes a run keeps using (a training job's ring steps between the same pairs) stay shared as
 * long as fewer than `limit` distinct routes come between two uses; only the sharing of Route
 * objects between flows of paths unused for that long starts over (a flow's route is the same
 * either way). So the set's tables stay under ~6 MB however many distinct routes a run makes
 * (a million web-search flows, each on its own ECMP path, filled 24 MB before), and the routes
 * the set alone kept alive (none, while flows keep their routes to the end of the run) are not
 * pinned by it.
 */
export class RouteSet {
  private hashes = new Int32Array(1024);
  private routes: Array<Route | undefined> = new Array(1024).fill(undefined);
  private count = 0;
  /** The previous generation (null: none yet), looked in when the current one has no match. */
  private oldHashes: Int32Array | null = null;
  private oldRoutes: Array<Route | undefined> | null = null;
  private oldCount = 0;

  /** A set whose generations hold at most `limit` routes each (at least 1). */
  constructor(private readonly limit = ROUTE_GENERATION_LIMIT) {
    if (!(limit >= 1)) throw new Error(`RouteSet: limit must be at least 1, found ${limit}`);
  }

  /** Number of routes held (both generations; a route moved from the previous one into the current is counted in each). */
  get size(): number {
    return this.count + this.oldCount;
  }

  /** The route held whose nodes are `nodes` (with hash {@link hashNodes}(nodes) = `hash`, never 0), or undefined. */
  find(nodes: ArrayLike<number>, hash: number): Route | undefined {
    const found = lookUp(this.hashes, this.routes, nodes, hash);
    if (found !== undefined || this.oldHashes === null) return found;
    const old = lookUp(this.oldHashes, this.oldRoutes!, nodes, hash);
    // Still in use: into the current generation, so it outlives the previous one.
    if (old !== undefined) this.add(old, hash);
    return old;
  }

  /** Hold `route` (not held in the current generation yet), whose nodes hash to `hash`. */
  add(route: Route, hash: number): void {
    if (this.count >= this.limit) this.turn();
    if (2 * (this.count + 1) > this.hashes.length) this.grow();
    place(this.hashes, this.routes, route, hash);
    this.count++;
  }

  /** Drop every route. */
  clear(): void {
    this.hashes = new Int32Array(1024);
    this.routes = new Array(1024).fill(undefined);
    this.count = 0;
    this.oldHashes = this.oldRoutes = null;
    this.oldCount = 0;
  }

  /** The current generation becomes the previous one; a new one starts, as large as it was (it will fill as far). */
  private turn(): void {
    this.oldHashes = this.hashes;
    this.oldRoutes = this.routes;
    this.oldCount = this.count;
    this.hashes = new Int32Array(this.oldHashes.length);
    this.routes = new Array(this.oldHashes.length).fill(undefined);
    this.count = 0;
  }

  private grow(): void {
    const hashes = this.hashes;
    const routes = this.routes;
    this.hashes = new Int32Array(2 * hashes.length);
    this.routes = new Array(2 * hashes.length).fill(undefined);
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i];
      if (r !== undefined) place(this.hashes, this.routes, r, hashes[i]);
    }
  }
}

/** The route in table (`hashes`, `routes`) whose nodes are `nodes` (hash `hash`), or undefined. */
function lookUp(hashes: Int32Array, routes: Array<Route | undefined>, nodes: ArrayLike<number>, hash: number): Route | undefined {
  const mask = hashes.length - 1;
  // Slots are told empty (hash 0) or unlike by the hashes alone; a Route is read on a match only.
  for (let i = hash & mask; hashes[i] !== 0; i = (i + 1) & mask) {
    if (hashes[i] !== hash) continue;
    const r = routes[i]!;
    if (sameNodes(r.nodes, nodes)) return r;
  }
  return undefined;
}

/** Put `route` (hash `hash`) in the first free slot of its probe sequence. */
function place(hashes: Int32Array, routes: Array<Route | undefined>, route: Route, hash: number): void {
  const mask = hashes.length - 1;
  let i = hash & mask;
  while (hashes[i] !== 0) i = (i + 1) & mask;
  hashes[i] = hash;
  routes[i] = route;
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

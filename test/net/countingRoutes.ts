// countingRoutes: test helpers for a fabric's structural routes — a wrapper counting the pairs it answered, and a route as one comparable line.
import type { FabricRoutes } from "../../src/net/FabricRoutes.js";
import type { Route } from "../../src/net/Router.js";

/** `inner` (a fabric's routes, e.g. TorusRoutes or FatTreeRoutes) counting the pairs it answered. */
export class CountingRoutes implements FabricRoutes {
  answered = 0;
  readonly nodesFixChannels?: boolean;
  constructor(private readonly inner: FabricRoutes & Required<Pick<FabricRoutes, "viewChanged">>) {
    this.nodesFixChannels = inner.nodesFixChannels;
  }
  channels(...args: Parameters<FabricRoutes["channels"]>): number[] | null {
    const found = this.inner.channels(...args);
    if (found) this.answered++;
    return found;
  }
  viewChanged(down: Uint8Array, latencyS: Float64Array): void {
    this.inner.viewChanged(down, latencyS);
  }
}

/** A route (or null) as one line: its nodes, its resources and its latency. */
export function showRoute(r: Route | null): string {
  return r ? `${r.nodes.join(",")} | ${r.resources.join(",")} | ${r.latencyS}` : "null";
}

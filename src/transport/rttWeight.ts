// rttWeight: the max-min weight of a flow under maxmin-rtt — its own weight divided by its route's RTT.
import { InputError } from "../core/InputError.js";
import type { Route } from "../net/Router.js";

/**
 * The weight of a `maxmin-rtt` flow: `weight / (2 · route.latencyS)`, so flows sharing a
 * bottleneck get rates in inverse ratio of their round-trip times (SimGrid CM02's native
 * sharing, TCP's RTT unfairness).
 *
 * @throws InputError on a zero-latency route: its RTT weight would be infinite, and
 * silently falling back to some finite weight would make the result depend on an arbitrary
 * constant. Give the links a latency or use `maxmin`.
 */
export function rttWeight(route: Route, weight: number, flowId: string): number {
  if (!(route.latencyS > 0)) {
    throw new InputError(`flow "${flowId}": transport maxmin-rtt needs a route with latency > 0, found ${route.latencyS}s — give the links a latency or use model maxmin`);
  }
  return weight / (2 * route.latencyS);
}

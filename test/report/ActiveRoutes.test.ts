// ActiveRoutes keeps a copy of each draining flow's resources, reads a new route after a release, and reuses freed room.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../src/net/FlowNetwork.js";
import type { Route } from "../../src/net/Router.js";
import { ActiveRoutes } from "../../src/report/ActiveRoutes.js";

function network(routes: Route[]): FlowNetwork {
  return { routeOf: (f: number) => routes[f] } as unknown as FlowNetwork;
}

const route = (...resources: number[]): Route => ({ nodes: new Int32Array(0), resources: Int32Array.from(resources), latencyS: 0 });

function resourcesOf(a: ActiveRoutes, flow: number): number[] {
  const at = a.offsetOf(flow);
  return Array.from(a.pool.subarray(at, at + a.lengthOf(flow)));
}

describe("ActiveRoutes", () => {
  it("copies a flow's resources once and keeps them until released, then reads its route again", () => {
    const routes = [route(3, 1, 4), route(1, 5)];
    const a = new ActiveRoutes(network(routes));
    expect(resourcesOf(a, 0)).toEqual([3, 1, 4]);
    expect(resourcesOf(a, 1)).toEqual([1, 5]);
    // A rerouted flow's route changes only after its rate went to 0 (released).
    routes[0] = route(9, 2, 6);
    expect(resourcesOf(a, 0)).toEqual([3, 1, 4]);
    a.release(0);
    expect(resourcesOf(a, 0)).toEqual([9, 2, 6]);
  });

  it("reuses the room of a released route of the same length, and keeps copies intact when the pool grows", () => {
    const routes = Array.from({ length: 2000 }, (_, f) => route(f, f + 1, f + 2));
    const a = new ActiveRoutes(network(routes));
    const first = a.offsetOf(0);
    a.release(0);
    expect(a.offsetOf(1)).toBe(first);
    for (let f = 2; f < 2000; f++) a.offsetOf(f);
    for (let f = 1; f < 2000; f++) expect(resourcesOf(a, f)).toEqual([f, f + 1, f + 2]);
    a.release(7);
    a.release(7);
    expect(resourcesOf(a, 0)).toEqual([0, 1, 2]);
    expect(resourcesOf(a, 2)).toEqual([2, 3, 4]);
  });
});

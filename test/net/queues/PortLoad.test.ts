// PortLoad: every resource of a flow's route carries its rate; rate changes move it, a stop takes it off, and a reroute's stop comes off the route it was on.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { PortLoad } from "../../../src/net/queues/PortLoad.js";

describe("PortLoad", () => {
  it("sums the rates of the flows crossing each resource", () => {
    const routes = [Int32Array.of(0, 2, 4), Int32Array.of(2, 3)];
    const network = { routeOf: (f: number) => ({ resources: routes[f] }) } as unknown as FlowNetwork;
    const load = new PortLoad(network, 5);
    load.growFlows(2);
    load.move(0, 1e9);
    load.move(1, 3e8);
    expect([0, 1, 2, 3, 4].map((r) => load.loadBps(r))).toEqual([1e9, 0, 1.3e9, 3e8, 1e9]);
    load.move(0, 4e8);
    expect(load.loadBps(2)).toBeCloseTo(7e8, 3);
    expect(load.loadBps(0)).toBeCloseTo(4e8, 3);
    // Flow 0 stops on its route, then drains on another (a reroute): nothing is left on the old one.
    load.move(0, 0);
    routes[0] = Int32Array.of(1, 3);
    load.move(0, 2e8);
    expect([0, 1, 2, 3, 4].map((r) => load.loadBps(r))).toEqual([0, 2e8, 3e8, 5e8, 0]);
  });
});

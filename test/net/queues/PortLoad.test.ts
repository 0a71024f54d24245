// PortLoad: every resource of a flow's route carries its rate; rate changes move it, a stop takes it off, and a reroute's stop comes off the route it was on; the flows' number and equivalent number by hand.
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
    expect([0, 1, 2, 3, 4].map((r) => load.flowCount(r))).toEqual([0, 1, 1, 2, 0]);
  });

  it("counts the flows of rate > 0 and their equivalent number of equal-rate flows, (Σr)² / Σr²", () => {
    const routes = [Int32Array.of(0), Int32Array.of(0), Int32Array.of(0)];
    const network = { routeOf: (f: number) => ({ resources: routes[f] }) } as unknown as FlowNetwork;
    const load = new PortLoad(network, 1);
    load.growFlows(3);
    expect(load.equivalentFlows(0)).toBe(0);
    load.move(0, 3e8);
    expect(load.equivalentFlows(0)).toBe(1);
    load.move(1, 3e8);
    expect(load.equivalentFlows(0)).toBeCloseTo(2, 12);
    // 3e8, 3e8, 6e8: (12e8)² / (9 + 9 + 36)e16 = 144 / 54 = 8/3.
    load.move(2, 6e8);
    expect(load.flowCount(0)).toBe(3);
    expect(load.equivalentFlows(0)).toBeCloseTo(8 / 3, 12);
    load.move(1, 0);
    expect(load.flowCount(0)).toBe(2);
    // 3e8 and 6e8: 81 / 45 = 1.8.
    expect(load.equivalentFlows(0)).toBeCloseTo(1.8, 12);
    load.move(0, 0);
    load.move(2, 0);
    expect([load.flowCount(0), load.loadBps(0), load.equivalentFlows(0)]).toEqual([0, 0, 0]);
  });
});

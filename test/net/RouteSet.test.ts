// Tests of RouteSet: distinct routes found by their node sequence, through growth, hash collisions and its bounded generations.
import { describe, expect, it } from "vitest";
import type { Route } from "../../src/net/Router.js";
import { hashNodes, RouteSet } from "../../src/net/RouteSet.js";

const route = (nodes: number[]): Route => ({ nodes: Int32Array.from(nodes), resources: new Int32Array(0), latencyS: 0 });

describe("RouteSet", () => {
  it("finds each of 5,000 routes by its nodes after growing, and nothing for sequences it does not hold", () => {
    const set = new RouteSet();
    const held: Route[] = [];
    let x = 7;
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const nodes = [i, x % 997, (x >>> 11) % 991, 5000 + i];
      const r = route(nodes);
      expect(set.find(nodes, hashNodes(nodes))).toBeUndefined();
      set.add(r, hashNodes(nodes));
      held.push(r);
    }
    expect(set.size).toBe(5000);
    for (const r of held) expect(set.find([...r.nodes], hashNodes(r.nodes))).toBe(r);
    expect(set.find([1, 2, 3], hashNodes([1, 2, 3]))).toBeUndefined();
    // A prefix or an extension of a held sequence is another route.
    const first = [...held[0].nodes];
    expect(set.find(first.slice(0, 3), hashNodes(first.slice(0, 3)))).toBeUndefined();
    expect(set.find([...first, 9], hashNodes([...first, 9]))).toBeUndefined();
    set.clear();
    expect(set.size).toBe(0);
    expect(set.find(first, hashNodes(first))).toBeUndefined();
  });

  it("tells apart routes whose hashes are equal by their nodes", () => {
    const set = new RouteSet();
    const a = route([0, 1, 2]);
    const b = route([0, 3, 2]);
    // The same hash given for both: they share a probe sequence.
    set.add(a, 42);
    set.add(b, 42);
    expect(set.find([0, 1, 2], 42)).toBe(a);
    expect(set.find([0, 3, 2], 42)).toBe(b);
    expect(set.find([0, 4, 2], 42)).toBeUndefined();
  });

  it("hashes equal sequences alike, whatever holds them, and never to 0 (an empty slot)", () => {
    expect(hashNodes(Int32Array.of(4, 8, 15, 16))).toBe(hashNodes([4, 8, 15, 16]));
    expect(hashNodes([4, 8, 15, 16])).not.toBe(hashNodes([4, 8, 16, 15]));
    for (let a = 0; a < 200; a++) for (let b = 0; b < 200; b++) expect(hashNodes([a, b])).not.toBe(0);
  });
  it("keeps at most two generations of `limit` routes, and moves a route found in the previous one into the current", () => {
    const set = new RouteSet(4);
    const made = Array.from({ length: 12 }, (_, i) => route([i, 100 + i, 200 + i]));
    const find = (r: Route) => set.find([...r.nodes], hashNodes(r.nodes));
    const add = (i: number) => set.add(made[i], hashNodes(made[i].nodes));
    for (let i = 0; i < 5; i++) add(i);
    // 0–3 filled the first generation, now the previous one; 4 started the current one.
    expect(set.size).toBe(5);
    for (let i = 0; i < 5; i++) expect(find(made[i])).toBe(made[i]);
    // Found in the previous generation, each went into the current one (finding 3 turned it over again).
    add(5);
    add(6);
    add(7);
    expect(set.size).toBeLessThanOrEqual(8);
    for (const i of [3, 5, 6, 7]) expect(find(made[i])).toBe(made[i]);
    // A route unused for two generations is dropped: the next one made along its nodes is a new Route.
    for (let i = 8; i < 12; i++) add(i);
    expect(find(made[0])).toBeUndefined();
    expect(find(made[7])).toBe(made[7]);
    for (let i = 0; i < 12; i++) {
      const found = find(made[i]);
      if (found === undefined) add(i);
      expect(set.size).toBeLessThanOrEqual(8);
    }
    expect(() => new RouteSet(0)).toThrow(/limit/);
  });
});

// Int32Pool: copies of short lists as views of shared chunks; long lists get their own array; the Router keeps its routes there.
import { describe, expect, it } from "vitest";
import { Int32Pool } from "../../src/net/Int32Pool.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

describe("Int32Pool", () => {
  it("copies lists into views of one chunk until it is full, then starts another", () => {
    const pool = new Int32Pool(16);
    const a = pool.copy([1, 2]);
    const b = pool.copy(Int32Array.of(3, 4, 5));
    expect(Array.from(a)).toEqual([1, 2]);
    expect(Array.from(b)).toEqual([3, 4, 5]);
    expect(a.buffer).toBe(b.buffer);
    const c = pool.copy([6, 7, 8, 9]);
    const e = pool.copy([10, 11, 12, 13]); // 13 of 16 used
    expect(c.buffer).toBe(a.buffer);
    expect(e.buffer).toBe(a.buffer);
    const d = pool.copy([8, 9, 10, 11]); // does not fit: a new chunk
    expect(d.buffer).not.toBe(a.buffer);
    expect(Array.from(d)).toEqual([8, 9, 10, 11]);
    expect(Array.from(a)).toEqual([1, 2]);
  });

  it("gives a list longer than a quarter chunk its own array, and an empty list an empty view", () => {
    const pool = new Int32Pool(8);
    const long = pool.copy([1, 2, 3]);
    expect(long.buffer.byteLength).toBe(12);
    expect(pool.copy([]).length).toBe(0);
  });

  it("takes zeroed views to fill in place, next to the copies, and a long one as its own array", () => {
    const pool = new Int32Pool(16);
    const a = pool.copy([1, 2]);
    const v = pool.take(3);
    expect(Array.from(v)).toEqual([0, 0, 0]);
    expect(v.buffer).toBe(a.buffer);
    v.set([7, 8, 9]);
    expect(Array.from(pool.copy([4]))).toEqual([4]);
    expect(Array.from(v)).toEqual([7, 8, 9]);
    expect(Array.from(a)).toEqual([1, 2]);
    const long = pool.take(5);
    expect(long.buffer.byteLength).toBe(20);
  });

  it("holds the node and resource lists of a Router's routes, not a buffer each", () => {
    // Diamond s–{x, y}–t.
    const b = new TopologyBuilder();
    for (const id of ["s", "x", "y", "t"]) b.addNode({ id });
    for (const [from, to] of [["s", "x"], ["s", "y"], ["x", "t"], ["y", "t"]]) b.addLink({ from, to, bandwidthBps: 1e9, latencyS: 0 });
    const t = b.build();
    const r = new Router(t);
    const there = r.route(0, 3, 1)!;
    const back = r.route(3, 0, 2)!;
    expect(there.nodes.buffer).toBe(back.nodes.buffer);
    expect(there.resources.buffer).toBe(there.nodes.buffer);
    expect(t.nodeIds[back.nodes[0]]).toBe("t");
  });
});

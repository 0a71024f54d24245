// dragonfly: node and link counts against the formulas, global links per pair of groups, the arrangement, bisection against an exhaustive cut, bad parameters.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { dragonfly, dragonflyBisectionBps, dragonflyCounts, dragonflyGlobalLinks, dragonflyProblem, type DragonflySpec } from "../../src/net/dragonfly.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

const GBPS = 1.25e8;

/** A dragonfly with p, a, h, g as given, 100 Gb/s hosts, 200 Gb/s local and 100 Gb/s global links. */
function spec(p: number, a: number, h: number, g: number): DragonflySpec {
  return {
    p,
    a,
    h,
    g,
    hostBandwidthBps: 100 * GBPS,
    localBandwidthBps: 200 * GBPS,
    globalBandwidthBps: 100 * GBPS,
    hostLatencyS: 1e-6,
    localLatencyS: 2e-6,
    globalLatencyS: 5e-6,
    routing: "minimal",
  };
}

function build(s: DragonflySpec): { topology: Topology; hosts: string[] } {
  const b = new TopologyBuilder();
  const hosts = dragonfly(b, s);
  return { topology: b.build(), hosts };
}

/** Group of a router id "r{group}_{i}" (prefix-free). */
const groupOf = (id: string) => Number(id.slice(1, id.indexOf("_")));

/** Links of `t` by class: host–router, local (same group), global (different groups); and global links per unordered pair of groups. */
function classify(t: Topology): { host: number; local: number; global: number; pairs: Map<string, number> } {
  let host = 0;
  let local = 0;
  let global = 0;
  const pairs = new Map<string, number>();
  for (let ch = 0; ch < t.channelCount; ch += 2) {
    const a = t.nodeIds[t.channelFrom[ch]];
    const b = t.nodeIds[t.channelTo[ch]];
    if (a.startsWith("h") || b.startsWith("h")) host++;
    else if (groupOf(a) === groupOf(b)) local++;
    else {
      global++;
      const key = [groupOf(a), groupOf(b)].sort((x, y) => x - y).join("-");
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  return { host, local, global, pairs };
}

describe("dragonfly", () => {
  // (p, a, h, g): the balanced maximum (a = 2p = 2h, g = ah+1), unbalanced ones, and fewer groups (several links per pair).
  const CASES: Array<[number, number, number, number]> = [
    [2, 4, 2, 9],
    [1, 2, 1, 3],
    [3, 6, 3, 19],
    [2, 4, 2, 5],
    [1, 3, 2, 4],
    [4, 4, 4, 3],
    [1, 5, 2, 2],
  ];

  for (const [p, a, h, g] of CASES) {
    it(`(p, a, h, g) = (${p}, ${a}, ${h}, ${g}): routers a·g, hosts p·a·g, local links g·a(a−1)/2, global links g·a·h/2, a·h/(g−1) per pair of groups`, () => {
      const { topology: t, hosts } = build(spec(p, a, h, g));
      const routers = a * g;
      const hostCount = p * a * g;
      const local = (g * a * (a - 1)) / 2;
      const global = (g * a * h) / 2;
      const perPair = (a * h) / (g - 1);
      expect(dragonflyCounts({ p, a, h, g })).toEqual({ routers, hosts: hostCount, localLinks: local, globalLinks: global, linksPerGroupPair: perPair });
      expect(t.nodeCount).toBe(routers + hostCount);
      expect(hosts).toHaveLength(hostCount);
      expect(t.nodeKinds.filter((k) => k === "switch")).toHaveLength(routers);
      expect(t.nodeKinds.filter((k) => k === "host")).toHaveLength(hostCount);
      const c = classify(t);
      expect(c).toMatchObject({ host: hostCount, local, global });
      expect(t.channelCount).toBe(2 * (hostCount + local + global));
      // Every pair of groups, and only those, joined by exactly a·h/(g−1) global links.
      expect(c.pairs.size).toBe((g * (g - 1)) / 2);
      for (const n of c.pairs.values()) expect(n).toBe(perPair);
      // Every router has p hosts, a − 1 local and h global links: degree p + a − 1 + h.
      for (let n = 0; n < t.nodeCount; n++) {
        if (t.nodeKinds[n] === "switch") expect(t.outStart[n + 1] - t.outStart[n]).toBe(p + a - 1 + h);
      }
    });
  }

  it("names hosts h{(group·a + router)·p + port} and routers r{group}_{i}, with the link speeds and latencies of their class", () => {
    const { topology: t, hosts } = build({ ...spec(2, 4, 2, 9), prefix: "df." });
    expect(hosts.slice(0, 3)).toEqual(["df.h0", "df.h1", "df.h2"]);
    const ch = (a: string, b: string) => t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!);
    // Host 11 = (group 1 · 4 + router 1) · 2 + port 1.
    expect(ch("df.h11", "df.r1_1")).toBeGreaterThanOrEqual(0);
    expect(t.resourceCapacityBps[ch("df.h11", "df.r1_1")]).toBe(100 * GBPS);
    expect(t.channelLatencyS[ch("df.h11", "df.r1_1")]).toBe(1e-6);
    expect(t.resourceCapacityBps[ch("df.r1_1", "df.r1_3")]).toBe(200 * GBPS);
    expect(t.channelLatencyS[ch("df.r1_1", "df.r1_3")]).toBe(2e-6);
    // Absolute arrangement with g = ah+1: group 0's port 0 (router 0) to group 1, whose port 0 (its router 0) leads back to group 0.
    expect(t.resourceCapacityBps[ch("df.r0_0", "df.r1_0")]).toBe(100 * GBPS);
    expect(t.channelLatencyS[ch("df.r0_0", "df.r1_0")]).toBe(5e-6);
  });

  it("with g = a·h+1, group i's port k leads to group k if k < i, else k + 1 (the absolute arrangement)", () => {
    const a = 4;
    const h = 2;
    const g = 9;
    const expected: string[] = [];
    for (let i = 0; i < g; i++) {
      for (let k = 0; k < a * h; k++) {
        const t = k < i ? k : k + 1;
        // t's port towards i is i if i < t, else i − 1.
        const back = i < t ? i : i - 1;
        if (i < t) expected.push(`${i}.${Math.floor(k / h)}-${t}.${Math.floor(back / h)}`);
      }
    }
    const made = dragonflyGlobalLinks({ a, h, g }).map(([gi, ri, gt, rt]) => `${gi}.${ri}-${gt}.${rt}`);
    expect(made.sort()).toEqual(expected.sort());
  });

  it("with fewer groups, the links of a pair of groups start from different routers", () => {
    // a = 4, h = 2, g = 5: m = 2 links per pair; group 0's ports to group 1 are 0 and 4 (k mod 4 = 0), on routers 0 and 2.
    const links = dragonflyGlobalLinks({ a: 4, h: 2, g: 5 }).filter(([gi, , gt]) => gi === 0 && gt === 1);
    expect(links.map(([, ri]) => ri)).toEqual([0, 2]);
  });

  describe("bisection", () => {
    /**
     * The least capacity of a cut splitting the routers into two halves (each router with
     * its hosts), by trying every such split: independent of the formula.
     */
    function exhaustiveBisectionBps(t: Topology): number {
      const routers: number[] = [];
      t.nodeKinds.forEach((k, n) => {
        if (k === "switch") routers.push(n);
      });
      const index = new Map(routers.map((n, i) => [n, i]));
      const edges: Array<[number, number, number]> = [];
      for (let ch = 0; ch < t.channelCount; ch += 2) {
        const x = index.get(t.channelFrom[ch]);
        const y = index.get(t.channelTo[ch]);
        if (x !== undefined && y !== undefined) edges.push([x, y, t.resourceCapacityBps[ch]]);
      }
      const R = routers.length;
      let best = Infinity;
      // Router 0 always on side 1, so each split is tried once.
      for (let side = 1; side < 1 << R; side += 2) {
        if (popcount(side) !== R / 2) continue;
        let cut = 0;
        for (const [x, y, c] of edges) if (((side >> x) & 1) !== ((side >> y) & 1)) cut += c;
        best = Math.min(best, cut);
      }
      return best;
    }

    it("equals ⌊g/2⌋·⌈g/2⌉·a·h/(g−1) global links for even g, checked against every balanced cut of small instances", () => {
      // (1, 3, 1, 4): 2·2·1 = 4 links; (1, 3, 2, 4): 2·2·2 = 8; (1, 4, 3, 4): 2·2·4 = 16 — each × 100 Gb/s.
      for (const [p, a, h, g, links] of [
        [1, 3, 1, 4, 4],
        [1, 3, 2, 4, 8],
        [1, 4, 3, 4, 16],
      ]) {
        const s = { ...spec(p, a, h, g), localBandwidthBps: 100 * GBPS };
        expect(dragonflyBisectionBps(s)).toBe(links * 100 * GBPS);
        expect(exhaustiveBisectionBps(build(s).topology)).toBe(links * 100 * GBPS);
      }
    });

    it("is not the bisection when a cut through groups is cheaper (a = 2: one local link per group)", () => {
      // (1, 2, 3, 4): the group cut has 2·2·2 = 8 global links; splitting every group in two cuts 4 local links and no global one.
      const s = { ...spec(1, 2, 3, 4), localBandwidthBps: 100 * GBPS };
      expect(dragonflyBisectionBps(s)).toBe(8 * 100 * GBPS);
      expect(exhaustiveBisectionBps(build(s).topology)).toBe(4 * 100 * GBPS);
    });
  });

  describe("bad parameters", () => {
    it("refuses more groups than a·h+1, zero, and g − 1 not dividing a·h, in one sentence naming the key", () => {
      expect(dragonflyProblem({ p: 2, a: 4, h: 2, g: 10 })).toEqual({ key: "g", message: "g must be between 2 and a·h+1 = 9 (each group has a·h = 8 global ports), found 10" });
      expect(dragonflyProblem({ p: 0, a: 4, h: 2, g: 9 })).toEqual({ key: "p", message: "p must be an integer ≥ 1, found 0" });
      expect(dragonflyProblem({ p: 2, a: 4, h: 2, g: 6 })?.message).toBe(
        "g − 1 = 5 must divide a·h = 8 so that every pair of groups gets the same number of global links (g may be 2, 3, 5, 9)",
      );
      expect(dragonflyProblem({ p: 2, a: 4, h: 2, g: 1 })?.key).toBe("g");
      expect(() => build(spec(2, 4, 2, 10))).toThrow(InputError);
    });

    it("refuses a group pair whose links cannot join distinct routers", () => {
      // a = 1, h = 2, g = 2: two links between the only router of each group.
      expect(dragonflyProblem({ p: 1, a: 1, h: 2, g: 2 })?.message).toMatch(/would be linked twice\); use more groups$/);
    });
  });
});

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

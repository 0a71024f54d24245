// FatTreeRoutes against the router's own shortest paths: the same routes (ECMP choices, resources, latencies) between every pair of hosts, with links down and up, a policy mask, a prefix, and trees that are not closed.
import { describe, expect, it } from "vitest";
import { fatTree, type FatTreeSpec } from "../../src/net/fatTree.js";
import { FatTreeRoutes } from "../../src/net/FatTreeRoutes.js";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { CountingRoutes, showRoute } from "./countingRoutes.js";

const spec = (k: number, prefix?: string): FatTreeSpec => ({ k, bandwidthBps: 1.25e10, latencyS: 1e-6, ...(prefix && { prefix }) });

function build(s: FatTreeSpec, extra?: (b: TopologyBuilder) => void): { t: Topology; hosts: number[] } {
  const b = new TopologyBuilder();
  const ids = fatTree(b, s);
  extra?.(b);
  const t = b.build();
  return { t, hosts: ids.map((id) => t.nodeIndex.get(id)!) };
}

/** Every ordered pair of hosts, with each of `keys` as the flow key; returns how many the fat-tree routes answered, of how many pairs, and the first difference ("" if none). */
function compare(t: Topology, hosts: number[], mine: Router, counting: CountingRoutes, generic: Router, keys = [0, 77, 0x9e3779b9]): { answered: number; asked: number; first: string } {
  counting.answered = 0;
  let asked = 0;
  let first = "";
  for (const s of hosts) {
    for (const d of hosts) {
      for (const key of keys) {
        const [a, b] = [showRoute(mine.steer(s, d, key)), showRoute(generic.steer(s, d, key))];
        if (a !== b && !first) first = `${t.nodeIds[s]} → ${t.nodeIds[d]} key ${key}: got ${a}, expected ${b}`;
        if (s !== d) asked++;
      }
    }
  }
  return { answered: counting.answered, asked, first };
}

function routers(s: FatTreeSpec, seed: number, t: Topology): { mine: Router; generic: Router; counting: CountingRoutes; trees: number } {
  const mine = new Router(t, "hops", seed);
  const inner = new FatTreeRoutes(t, [s], "hops");
  const counting = new CountingRoutes(inner);
  mine.fabricRoutes = counting;
  return { mine, generic: new Router(t, "hops", seed), counting, trees: inner.treeCount };
}

describe("FatTreeRoutes against the router's shortest paths", () => {
  for (const k of [2, 4, 6, 8]) {
    it(`k=${k}: the same routes for every pair of hosts, intact, with links down, and up again`, () => {
      const s = spec(k);
      const { t, hosts } = build(s);
      // k = 8 (128 hosts, 16,256 pairs): one seed and one key, to keep the test short.
      const keys = k === 8 ? [0x9e3779b9] : undefined;
      for (const seed of k === 8 ? [1] : [0, 5]) {
        const { mine, generic, counting, trees } = routers(s, seed, t);
        expect(trees).toBe(1);
        let c = compare(t, hosts, mine, counting, generic, keys);
        expect(c.first).toBe("");
        expect(c.answered).toBe(c.asked);
        // A link of the tree down (an edge's uplink, or a host's link for k = 2): every pair goes back to the tables.
        const edge = t.nodeIndex.get("e0_0")!;
        const link = t.outChannels[t.outStart[edge + 1] - 1] >> 1;
        for (const r of [mine, generic]) r.setLinkUsable(link, false);
        c = compare(t, hosts, mine, counting, generic, keys);
        expect(c.first).toBe("");
        expect(c.answered).toBe(0);
        for (const r of [mine, generic]) r.setLinkUsable(link, true);
        c = compare(t, hosts, mine, counting, generic, keys);
        expect(c.first).toBe("");
        expect(c.answered).toBe(c.asked);
      }
    });
  }

  it("shares one Route between flows on the same path, and routes a prefixed tree with capacitated hosts alike", () => {
    const s = spec(4, "x.");
    const { t, hosts } = build(s);
    const { mine, generic, counting } = routers(s, 2, t);
    const c = compare(t, hosts, mine, counting, generic);
    expect(c.first).toBe("");
    expect(c.answered).toBe(c.asked);
    expect(mine.steer(hosts[0], hosts[15], 9)).toBe(mine.steer(hosts[0], hosts[15], 9));
  });

  it("leaves a policy's restricted router to its tables", () => {
    const s = spec(4);
    const { t, hosts } = build(s);
    const { mine, generic, counting } = routers(s, 1, t);
    const mask = Uint8Array.from({ length: t.nodeCount }, (_, n) => (t.nodeIds[n] === "c1" ? 0 : 1));
    const c = compare(t, hosts, mine.restricted(mask), counting, generic.restricted(mask));
    expect(c.first).toBe("");
    expect(c.answered).toBe(0);
  });

  it("routes no pair of a tree that is not closed (a link into it from outside, or a shortcut), and the same routes", () => {
    const cases: Array<[string, (b: TopologyBuilder) => void]> = [
      [
        "a border linked to every core",
        (b) => {
          b.addNode({ id: "border", kind: "border" });
          for (let j = 0; j < 4; j++) b.addLink({ from: "border", to: `c${j}`, bandwidthBps: 1e11, latencyS: 1e-6 });
        },
      ],
      ["a shortcut between two edges", (b) => b.addLink({ from: "e0_0", to: "e1_0", bandwidthBps: 1e11, latencyS: 1e-6 })],
      ["a host linked to a second edge", (b) => b.addLink({ from: "h0", to: "e0_1", bandwidthBps: 1e11, latencyS: 1e-6 })],
    ];
    for (const [name, extra] of cases) {
      const s = spec(4);
      const { t, hosts } = build(s, extra);
      const { mine, generic, counting, trees } = routers(s, 3, t);
      expect(trees, name).toBe(0);
      const c = compare(t, hosts, mine, counting, generic);
      expect(c.first, name).toBe("");
      expect(c.answered, name).toBe(0);
    }
  });

  it("answers nothing under the latency metric", () => {
    const s = spec(4);
    const { t, hosts } = build(s);
    const routes = new FatTreeRoutes(t, [s], "latency");
    expect(routes.channels(hosts[0], hosts[15], 1, 0, () => true, null)).toBeNull();
  });
});

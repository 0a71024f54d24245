// Router against its distance-array twin: the same routes (same ECMP choices, tie-breaks, latencies, resources) on every generated fabric and on arbitrary graphs, with links down, policies and evicted tables.
import { describe, expect, it } from "vitest";
import { fatTree } from "../../src/net/fatTree.js";
import { gpuCluster, type GpuClusterSpec } from "../../src/net/gpuCluster.js";
import { leafSpine } from "../../src/net/leafSpine.js";
import { type Route, Router, type RoutingMetric } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { DistanceArrayRouter } from "./distanceArrayRouter.js";

function build(add: (b: TopologyBuilder) => void): Topology {
  const b = new TopologyBuilder();
  add(b);
  return b.build();
}

const GPU: GpuClusterSpec = {
  hosts: 6,
  gpusPerHost: 4,
  nvlinkBandwidthBps: 450e9,
  nicBandwidthBps: 50e9,
  railOptimized: true,
  spines: 3,
  uplinkBandwidthBps: 100e9,
  latencyS: 1e-6,
  nvlinkLatencyS: 0,
  storage: { nodes: 2, readBps: 1e10, writeBps: 1e10, linkBandwidthBps: 5e10 },
};

const FABRICS: Record<string, () => Topology> = {
  "fat-tree k=4": () => build((b) => fatTree(b, { k: 4, bandwidthBps: 1e10, latencyS: 1e-6 })),
  "fat-tree k=8": () => build((b) => fatTree(b, { k: 8, bandwidthBps: 1e10, latencyS: 1e-6 })),
  "leaf-spine 6×4": () =>
    build((b) => leafSpine(b, { leaves: 6, spines: 4, hostsPerLeaf: 5, hostBandwidthBps: 1e10, uplinkBandwidthBps: 4e10, latencyS: 1e-6 })),
  "gpu rails, NIC in the GPU's link": () => build((b) => gpuCluster(b, GPU)),
  "gpu rails, NIC nodes over PCIe": () => build((b) => gpuCluster(b, { ...GPU, pcieBandwidthBps: 64e9 })),
  "gpu rails, 2 shared NICs per host": () => build((b) => gpuCluster(b, { ...GPU, nicsPerHost: 2 })),
  "gpu leaves, 2 hosts per leaf": () => build((b) => gpuCluster(b, { ...GPU, railOptimized: false, hostsPerLeaf: 2 })),
  "gpu 3 tiers, NVLink domains of 2 hosts, 2 planes": () =>
    build((b) => gpuCluster(b, { ...GPU, tiers: 3, hostsPerPod: 2, cores: 3, scaleUpDomain: 8, planes: 2 })),
  "two fat-trees joined by a chain of 20 routers": () =>
    build((b) => {
      fatTree(b, { k: 4, bandwidthBps: 1e10, latencyS: 1e-6, prefix: "x" });
      fatTree(b, { k: 4, bandwidthBps: 1e10, latencyS: 2e-6, prefix: "y" });
      for (let i = 0; i < 20; i++) b.addNode({ id: `r${i}`, kind: "router" });
      for (let i = 0; i + 1 < 20; i++) b.addLink({ from: `r${i}`, to: `r${i + 1}`, bandwidthBps: 1e9, latencyS: 1e-3 });
      b.addLink({ from: "xc0", to: "r0", bandwidthBps: 1e9, latencyS: 1e-3 });
      b.addLink({ from: "r19", to: "yc3", bandwidthBps: 1e9, latencyS: 1e-3 });
      b.addLink({ from: "xh3", to: "r7", bandwidthBps: 1e9, latencyS: 5e-4 });
    }),
  "a chain of 300 routers (distances past 255 hops) with leaf-spines at both ends": () =>
    build((b) => {
      leafSpine(b, { leaves: 2, spines: 2, hostsPerLeaf: 2, hostBandwidthBps: 1e10, uplinkBandwidthBps: 4e10, latencyS: 1e-6, prefix: "x" });
      leafSpine(b, { leaves: 2, spines: 2, hostsPerLeaf: 2, hostBandwidthBps: 1e10, uplinkBandwidthBps: 4e10, latencyS: 1e-6, prefix: "y" });
      for (let i = 0; i < 300; i++) b.addNode({ id: `r${i}`, kind: "router" });
      for (let i = 0; i + 1 < 300; i++) b.addLink({ from: `r${i}`, to: `r${i + 1}`, bandwidthBps: 1e9, latencyS: 1e-4 });
      b.addLink({ from: "xspine0", to: "r0", bandwidthBps: 1e9, latencyS: 1e-3 });
      b.addLink({ from: "r299", to: "yspine1", bandwidthBps: 1e9, latencyS: 1e-3 });
    }),
  "random sparse graph with pendants and short chains": () =>
    build((b) => {
      // A deterministic pseudo-random graph: 60 nodes, a spanning path plus 30 chords.
      let x = 12345;
      const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
      for (let i = 0; i < 60; i++) b.addNode({ id: `n${i}` });
      const seen = new Set<string>();
      const link = (a: number, c: number) => {
        const key = a < c ? `${a},${c}` : `${c},${a}`;
        if (a === c || seen.has(key)) return;
        seen.add(key);
        b.addLink({ from: `n${a}`, to: `n${c}`, bandwidthBps: 1e9, latencyS: ((next() % 5) + 1) * 1e-4 });
      };
      for (let i = 0; i + 1 < 60; i++) link(i, i + 1);
      for (let i = 0; i < 30; i++) link(next() % 40, next() % 40);
    }),
};

/** "" when both routes are the same (nodes, resources, latency) or both null, else what differs. */
function difference(got: Route | null, want: Route | null): string {
  const show = (r: Route | null) => (r ? `${r.nodes.join(",")} | ${r.resources.join(",")} | ${r.latencyS}` : "null");
  const [g, w] = [show(got), show(want)];
  return g === w ? "" : `got ${g}, expected ${w}`;
}

/** Every ordered pair of nodes (each with three flow keys), or `limit` pseudo-random pairs when there are more. */
function* pairs(n: number, limit: number): Generator<[number, number, number]> {
  if (n * n * 3 <= limit) {
    for (let s = 0; s < n; s++) for (let d = 0; d < n; d++) for (const key of [0, 77, 0x9e3779b9]) yield [s, d, key];
    return;
  }
  let x = 99;
  for (let i = 0; i < limit; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const s = x % n;
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    yield [s, x % n, i * 2654435761];
  }
}

/** Routes, reachability and min-max routes of both routers over many pairs: the first difference, or none. */
function compare(t: Topology, mine: Router, twin: DistanceArrayRouter, label: string, limit = 4_000): void {
  const cost = (r: number) => ((r * 2654435761) >>> 0) % 17;
  let first = "";
  let compared = 0;
  for (const [s, d, key] of pairs(t.nodeCount, limit)) {
    const at = `${label}: ${t.nodeIds[s]} → ${t.nodeIds[d]} key ${key}: `;
    let diff = difference(mine.route(s, d, key), twin.route(s, d, key));
    if (!diff && mine.reachable(s, d) !== twin.reachable(s, d)) diff = "reachable differs";
    if (!diff && key === 0) diff = difference(mine.minMaxRoute(s, d, cost), twin.minMaxRoute(s, d, cost));
    if (diff && !first) first = at + diff;
    compared++;
  }
  expect(first).toBe("");
  expect(compared).toBeGreaterThan(0);
}

describe("Router against the distance-array router", () => {
  for (const [name, make] of Object.entries(FABRICS)) {
    for (const metric of ["hops", "latency"] as RoutingMetric[]) {
      it(`${name}, ${metric}: the same routes for every pair, seed and flow key, with links down and up again`, () => {
        const t = make();
        for (const seed of [0, 3]) {
          const mine = new Router(t, metric, seed);
          const twin = new DistanceArrayRouter(t, metric, seed);
          compare(t, mine, twin, `seed ${seed}`);
          // Take down every 7th link (switch uplinks, host links, NVLinks alike), then bring them back.
          const links = t.channelCount / 2;
          for (let l = seed; l < links; l += 7) {
            mine.setLinkUsable(l, false);
            twin.setLinkUsable(l, false);
          }
          compare(t, mine, twin, `seed ${seed}, links down`);
          for (let l = seed; l < links; l += 7) {
            mine.setLinkUsable(l, true);
            twin.setLinkUsable(l, true);
          }
          mine.setLinkLatency(1, 5e-3);
          twin.setLinkLatency(1, 5e-3);
          compare(t, mine, twin, `seed ${seed}, links up, link 1 slower`);
        }
      });
    }
  }

  it("keeps routes identical when its tables are evicted at once (a budget of one byte) and under a policy mask", () => {
    for (const name of ["fat-tree k=8", "gpu rails, NIC nodes over PCIe", "two fat-trees joined by a chain of 20 routers"]) {
      const t = FABRICS[name]();
      for (const metric of ["hops", "latency"] as RoutingMetric[]) {
        const mine = new Router(t, metric, 5);
        mine.tableBudgetBytes = 1;
        const twin = new DistanceArrayRouter(t, metric, 5);
        compare(t, mine, twin, `${name}, ${metric}, budget 1 B`);
        // A policy that forbids every third node.
        const mask = Uint8Array.from({ length: t.nodeCount }, (_, n) => (n % 3 === 1 ? 0 : 1));
        compare(t, mine.restricted(mask), twin.restricted(mask), `${name}, ${metric}, mask`);
      }
    }
  });
});

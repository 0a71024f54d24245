// buildTopology: builds the network of a scenario, reporting builder errors with the key path they came from.
import { InputError } from "../core/InputError.js";
import { clos3 } from "../net/clos3.js";
import { dragonfly, dragonflyRouterId } from "../net/dragonfly.js";
import { fatTree } from "../net/fatTree.js";
import { gpuCluster } from "../net/gpuCluster.js";
import { gpuClusterTop } from "../net/gpuClusterScaleOut.js";
import { leafSpine } from "../net/leafSpine.js";
import { torus } from "../net/torus.js";
import type { Topology } from "../net/Topology.js";
import { TopologyBuilder } from "../net/TopologyBuilder.js";
import { fiberLatencyS, greatCircleM } from "../net/greatCircle.js";
import type { Site } from "../net/Site.js";
import { closest } from "../core/closest.js";
import { loadCities, type City } from "./cities.js";
import type { Fabrics, Scenario, SiteSpec } from "./Scenario.js";

/**
 * Build the {@link Topology} of `s`. All nodes come first (generated fabrics — fatTree,
 * leafSpine, gpuCluster, clos3, torus, dragonfly — then sites, then explicit nodes, part by part) and links last
 * (explicit links, then WAN links), so a link may attach to a node of any part. Builder
 * errors become `file: topology[1].links[2]: a second link between …`.
 *
 * A site adds its border node `<id>` (kind "border"), its fabric (ids prefixed `<id>.`)
 * with `uplink` links from the border to every top switch (fat-tree cores, spines, clos3
 * super-spines; a 3-tier gpuCluster's cores, every plane; a torus's first router; a
 * dragonfly's router 0 of each group), and
 * access hosts `<id>.h{i}` linked to the border; every one of these nodes belongs to the
 * site. A WAN link without a latency gets great-circle distance × inflation ÷ 2e8 m/s.
 */
export function buildTopology(s: Scenario): Topology {
  const b = new TopologyBuilder();
  const at = (keyPath: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`${s.file}: ${keyPath}: ${e.message}`);
      throw e;
    }
  };
  let cities: Map<string, City> | undefined;
  for (const part of s.topology) {
    addFabrics(b, part, part.keyPath, at);
    part.sites?.forEach((site, i) => {
      const where = `${part.keyPath}.sites[${i}]`;
      cities ??= loadCities();
      const resolved = resolveSite(site, cities);
      if ("problem" in resolved) at(`${where}${resolved.key ? `.${resolved.key}` : ""}`, () => fail(resolved.problem));
      else at(where, () => b.addSite(resolved));
      b.inSite(site.id, () => addSiteNodes(b, site, where, at));
    });
    part.nodes.forEach((n, i) => at(`${part.keyPath}.nodes[${i}]`, () => b.addNode(n)));
  }
  for (const part of s.topology) {
    part.links.forEach((l, i) => at(`${part.keyPath}.links[${i}]`, () => b.addLink(l)));
  }
  for (const part of s.topology) {
    part.wan?.forEach((l, i) =>
      at(`${part.keyPath}.wan[${i}]`, () => {
        const site = (id: string) => b.site(id) ?? failSite(id, b);
        const a = site(l.from);
        const z = site(l.to);
        const latencyS = l.latencyS ?? fiberLatencyS(greatCircleM(a.latDeg, a.lonDeg, z.latDeg, z.lonDeg), l.inflation);
        b.addLink({ from: l.from, to: l.to, bandwidthBps: l.bandwidthBps, latencyS });
      }),
    );
  }
  const topology = b.build();
  if (topology.nodeCount === 0) throw new InputError(`${s.file}: topology: the topology has no nodes`);
  return topology;
}

type At = (keyPath: string, fn: () => void) => void;

function addFabrics(b: TopologyBuilder, f: Fabrics, keyPath: string, at: At): void {
  if (f.fatTree) at(`${keyPath}.fatTree`, () => fatTree(b, f.fatTree!));
  if (f.leafSpine) at(`${keyPath}.leafSpine`, () => leafSpine(b, f.leafSpine!));
  if (f.gpuCluster) at(`${keyPath}.gpuCluster`, () => gpuCluster(b, f.gpuCluster!));
  if (f.clos3) at(`${keyPath}.clos3`, () => clos3(b, f.clos3!));
  if (f.torus) at(`${keyPath}.torus`, () => torus(b, f.torus!));
  if (f.dragonfly) at(`${keyPath}.dragonfly`, () => dragonfly(b, f.dragonfly!));
}

/** The site's place: its city's coordinates and country, or its own lat/lon and country; or what is wrong and under which key. */
function resolveSite(s: SiteSpec, cities: Map<string, City>): Site | { key: string; problem: string } {
  let latDeg = s.latDeg;
  let lonDeg = s.lonDeg;
  let country = s.country;
  if (s.city !== undefined) {
    const city = cities.get(s.city.toLowerCase());
    if (!city) {
      const near = closest(s.city, [...cities.values()].map((c) => c.name));
      return {
        key: "city",
        problem: `unknown city "${s.city}"${near ? ` (did you mean "${near}"?)` : ""}; give lat and lon instead, or add it to data/cities.csv`,
      };
    }
    if (latDeg !== undefined || lonDeg !== undefined) return { key: "", problem: "give either city or lat and lon, not both" };
    latDeg = city.latDeg;
    lonDeg = city.lonDeg;
    country ??= city.country;
  }
  if (latDeg === undefined || lonDeg === undefined) return { key: "", problem: "a site needs a city, or both lat and lon" };
  if (country === undefined) return { key: "", problem: 'a site given by lat and lon needs a country (ISO 3166-1 alpha-2, e.g. "DE")' };
  return { id: s.id, kind: s.kind, latDeg, lonDeg, country, jurisdiction: s.jurisdiction ?? country, provider: s.provider ?? "" };
}

/** The border node, the fabric with its uplinks, and the access hosts of a site. */
function addSiteNodes(b: TopologyBuilder, s: SiteSpec, where: string, at: At): void {
  at(where, () => b.addNode({ id: s.id, kind: "border" }));
  if (s.fabric) {
    const f = s.fabric;
    addFabrics(b, f, `${where}.fabric`, at);
    if (!s.uplink) at(`${where}`, () => fail("uplink: a site with a fabric needs an uplink (bandwidth, latency) from its border to the fabric"));
    const top: string[] = [];
    const p = `${s.id}.`;
    if (f.fatTree) for (let j = 0; j < (f.fatTree.k / 2) ** 2; j++) top.push(`${p}c${j}`);
    if (f.leafSpine) for (let j = 0; j < f.leafSpine.spines; j++) top.push(`${p}spine${j}`);
    if (f.gpuCluster) top.push(...gpuClusterTop(f.gpuCluster));
    if (f.clos3) for (let j = 0; j < f.clos3.spinesPerPod; j++) for (let i = 0; i < f.clos3.superSpinesPerPlane; i++) top.push(`${p}super${j}_${i}`);
    if (f.torus) top.push(`${p}r${f.torus.dims.map(() => 0).join("_")}`);
    // A dragonfly has no top tier: the border links to router 0 of every group.
    if (f.dragonfly) for (let q = 0; q < f.dragonfly.g; q++) top.push(dragonflyRouterId(p, q, 0));
    for (const t of top) at(`${where}.uplink`, () => b.addLink({ from: s.id, to: t, ...s.uplink! }));
  }
  for (let i = 0; s.hosts && i < s.hosts.count; i++) {
    const h = `${s.id}.h${i}`;
    at(`${where}.hosts`, () => {
      b.addNode({ id: h, kind: "host" });
      b.addLink({ from: h, to: s.id, bandwidthBps: s.hosts!.bandwidthBps, latencyS: s.hosts!.latencyS });
    });
  }
}

function failSite(id: string, b: TopologyBuilder): never {
  throw new InputError(`unknown site "${id}"${b.siteHint(id)}`);
}

function fail(message: string): never {
  throw new InputError(message);
}

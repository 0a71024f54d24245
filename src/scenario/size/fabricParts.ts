// fabricParts: the nodes and links of a part's or a site's generated fabrics, as their generators make them.
import { dragonflyCounts, type DragonflySpec } from "../../net/dragonfly.js";
import { gpuClusterSize } from "../../net/gpuClusterFormulas.js";
import { formatCount } from "../formatCount.js";
import type { Fabrics } from "../Scenario.js";
import { topologyPart, type PartSink, type SizePart } from "./SizePart.js";

/** The generated fabrics of a part or a site: nodes and links as their generators make them. */
export function fabricParts(f: Fabrics, keyPath: string, parts: PartSink): void {
  if (f.clos3) {
    const { pods: P, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C } = f.clos3;
    const hosts = P * L * H;
    parts.add(topologyPart(`${keyPath}.clos3`, hosts + P * L + P * S + S * C, hosts + P * L * S + P * S * C, `${formatCount(P)} pods of ${formatCount(L)} leaves × ${formatCount(H)} hosts (${formatCount(hosts)} hosts)`));
  }
  if (f.torus) {
    const { dims, hostsPerNode: H } = f.torus;
    const n = dims.reduce((a, k) => a * k, 1);
    const ringLinks = dims.reduce((a, k) => a + (k >= 3 ? n : n / 2), 0);
    parts.add(topologyPart(`${keyPath}.torus`, n * (1 + H), n * H + ringLinks, `a ${dims.map(formatCount).join(" × ")} torus with ${H === 1 ? "one host" : `${formatCount(H)} hosts`} per router`));
  }
  if (f.fatTree) {
    const k = f.fatTree.k;
    parts.add(topologyPart(`${keyPath}.fatTree`, (5 * k * k) / 4 + k ** 3 / 4, (3 * k ** 3) / 4, `k = ${formatCount(k)} gives ${formatCount(k ** 3 / 4)} hosts`));
  }
  if (f.leafSpine) {
    const { leaves, spines, hostsPerLeaf } = f.leafSpine;
    const hosts = leaves * hostsPerLeaf;
    parts.add(topologyPart(`${keyPath}.leafSpine`, spines + leaves + hosts, leaves * spines + hosts, `${formatCount(leaves)} leaves × ${formatCount(spines)} spines and ${formatCount(hosts)} hosts`));
  }
  if (f.dragonfly) parts.add(dragonflyPart(f.dragonfly, keyPath));
  if (f.gpuCluster) {
    const g = f.gpuCluster;
    const gpus = g.hosts * g.gpusPerHost;
    // As gpuCluster builds it (its formula is tested against the builder).
    const { nodes, links } = gpuClusterSize(g);
    parts.add(topologyPart(`${keyPath}.gpuCluster`, nodes, links, `${formatCount(g.hosts)} hosts × ${formatCount(g.gpusPerHost)} GPUs (${formatCount(gpus)} GPUs)`));
  }
}

function dragonflyPart(d: DragonflySpec, keyPath: string): SizePart {
  const c = dragonflyCounts(d);
  return topologyPart(`${keyPath}.dragonfly`, c.routers + c.hosts, c.hosts + c.localLinks + c.globalLinks, `${formatCount(d.g)} groups × ${formatCount(d.a)} routers × ${formatCount(d.p)} hosts`);
}

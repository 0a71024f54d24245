// teEndpoints: where traffic engineering starts or ends each node's paths (its site's border node, or itself).
import type { Topology } from "./Topology.js";

/**
 * For every node of `t`, the border node of its site (the site's node whose id is the
 * site's id), or the node itself when it is outside every site or its site has no such
 * node: a WAN controller engineers between sites and leaves the paths inside a site to ECMP.
 */
export function teEndpoints(t: Topology): Int32Array {
  const borders = t.sites.map((s) => t.nodeIndex.get(s.id) ?? -1);
  return Int32Array.from({ length: t.nodeCount }, (_, n) => {
    const site = t.nodeSite[n];
    return site >= 0 && borders[site] >= 0 ? borders[site] : n;
  });
}

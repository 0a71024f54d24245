// AttachmentRegions: a topology's nodes split into hubs (switches) and small regions of the rest (hosts, GPUs, NICs), so distances to a region node come from its hubs' tables.
import type { Topology } from "./Topology.js";

/** Largest region kept as a region; the nodes of a larger one become hubs (each with its own table). */
export const MAX_REGION_NODES = 16;

/**
 * Hubs and attachment regions of a topology. A hub is a node with three or more links
 * (a switch), unless of kind "nic" (a NIC with a port per plane); the other nodes fall
 * into regions, the connected groups they form among themselves (a fat-tree host alone,
 * a GPU with its NIC), each bordered by the hubs they link to. A region larger than {@link MAX_REGION_NODES} (a long chain) is made of hubs
 * instead. Why this helps: a shortest path into region R last leaves the hubs at some
 * border hub h, so the distance from any node v to a node d of R is the least of
 * dist(v, h) + dist_R(h, d) over R's border hubs, or a path inside R — one table per hub
 * serves every host, GPU or NIC attached to it, instead of one table per destination.
 */
export interface AttachmentRegions {
  /** 1 for a hub. */
  isHub: Uint8Array;
  /** Region of each non-hub node, -1 for a hub. */
  regionOf: Int32Array;
  /** Nodes of region r: regionNodes[regionStart[r] … regionStart[r+1]). */
  regionStart: Int32Array;
  regionNodes: Int32Array;
}

/** The hubs and attachment regions of `topology` (static: the links as built, whichever are down later). */
export function attachmentRegions(topology: Topology): AttachmentRegions {
  const t = topology;
  const n = t.nodeCount;
  const isHub = new Uint8Array(n);
  // A NIC with a port on each of several planes has three links or more, but it is an
  // endpoint's attachment, not a switch: kept in its GPU's region, so a multi-plane cluster
  // needs tables for its switches only, not one per NIC.
  for (let u = 0; u < n; u++) if (t.outStart[u + 1] - t.outStart[u] >= 3 && t.nodeKinds[u] !== "nic") isHub[u] = 1;
  const regionOf = new Int32Array(n).fill(-1);
  const starts: number[] = [0];
  const members: number[] = [];
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (isHub[s] || regionOf[s] >= 0) continue;
    // Breadth-first over non-hub neighbours: the connected group of non-hubs holding s.
    const r = starts.length - 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    regionOf[s] = r;
    while (head < tail) {
      const u = queue[head++];
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const v = t.channelTo[t.outChannels[i]];
        if (isHub[v] || regionOf[v] >= 0) continue;
        regionOf[v] = r;
        queue[tail++] = v;
      }
    }
    if (tail > MAX_REGION_NODES) {
      for (let i = 0; i < tail; i++) {
        isHub[queue[i]] = 1;
        regionOf[queue[i]] = -1;
      }
      continue;
    }
    for (let i = 0; i < tail; i++) members.push(queue[i]);
    starts.push(members.length);
  }
  return { isHub, regionOf, regionStart: Int32Array.from(starts), regionNodes: Int32Array.from(members) };
}

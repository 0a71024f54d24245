// regionPart: what a destination adds to its border hubs' distance tables under the hop metric (a breadth-first search inside its attachment region).
import type { RegionPart } from "./DistanceTable.js";
import type { Topology } from "./Topology.js";

/** Breadth-first from `dst` inside its region, stopping at the border hubs (`isHub`; usable links — `down[ch]` 0 —, nodes `allowed` when a mask is given). */
export function regionPart(topology: Topology, dst: number, down: Uint8Array, allowed: Uint8Array | null, isHub: Uint8Array): RegionPart {
  const t = topology;
  const nodes = [dst];
  const dist = [0];
  const hubs: number[] = [];
  const offsets: number[] = [];
  for (let head = 0; head < nodes.length; head++) {
    const u = nodes[head];
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      if (down[ch]) continue;
      const v = t.channelTo[ch];
      if (allowed && allowed[v] !== 1) continue;
      if (isHub[v]) {
        if (!hubs.includes(v)) {
          hubs.push(v);
          offsets.push(dist[head] + 1);
        }
      } else if (!nodes.includes(v)) {
        nodes.push(v);
        dist.push(dist[head] + 1);
      }
    }
  }
  return { nodes: Int32Array.from(nodes), dist: Float64Array.from(dist), hubs: Int32Array.from(hubs), offsets: Float64Array.from(offsets) };
}

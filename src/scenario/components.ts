// components: connected components of a topology's nodes, optionally of the nodes a mask allows (reachability checks).
import type { Topology } from "../net/Topology.js";

/**
 * The component of every node, named by its lowest-numbered member (links are full duplex,
 * so two nodes can reach each other exactly when their components are equal). With
 * `allowed`, only nodes with `allowed[n] === 1` are visited and joined; the others get -1.
 */
export function components(t: Topology, allowed?: Uint8Array): Int32Array {
  const comp = new Int32Array(t.nodeCount).fill(-1);
  const stack: number[] = [];
  for (let s = 0; s < t.nodeCount; s++) {
    if (comp[s] >= 0 || (allowed && allowed[s] !== 1)) continue;
    comp[s] = s;
    stack.push(s);
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const v = t.channelTo[t.outChannels[i]];
        if (comp[v] < 0 && (!allowed || allowed[v] === 1)) {
          comp[v] = s;
          stack.push(v);
        }
      }
    }
  }
  return comp;
}

// buildTopology: builds the network of a scenario, reporting builder errors with the key path they came from.
import { InputError } from "../core/InputError.js";
import { fatTree } from "../net/fatTree.js";
import { gpuCluster } from "../net/gpuCluster.js";
import { leafSpine } from "../net/leafSpine.js";
import type { Topology } from "../net/Topology.js";
import { TopologyBuilder } from "../net/TopologyBuilder.js";
import type { Scenario } from "./Scenario.js";

/**
 * Build the {@link Topology} of `s`. All nodes come first (generated fabrics — fatTree,
 * leafSpine, gpuCluster — then explicit nodes, part by part) and explicit links last, so a
 * link may attach to a node of any part. Builder errors become
 * `file: topology[1].links[2]: a second link between …`.
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
  for (const part of s.topology) {
    if (part.fatTree) at(`${part.keyPath}.fatTree`, () => fatTree(b, part.fatTree!));
    if (part.leafSpine) at(`${part.keyPath}.leafSpine`, () => leafSpine(b, part.leafSpine!));
    if (part.gpuCluster) at(`${part.keyPath}.gpuCluster`, () => gpuCluster(b, part.gpuCluster!));
    part.nodes.forEach((n, i) => at(`${part.keyPath}.nodes[${i}]`, () => b.addNode(n)));
  }
  for (const part of s.topology) {
    part.links.forEach((l, i) => at(`${part.keyPath}.links[${i}]`, () => b.addLink(l)));
  }
  const topology = b.build();
  if (topology.nodeCount === 0) throw new InputError(`${s.file}: topology: the topology has no nodes`);
  return topology;
}

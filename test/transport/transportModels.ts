// A tiny network with a NetworkContext, for driving transfers under a chosen transport model in tests.
import { Simulation } from "../../src/core/Simulation.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder, type LinkSpec } from "../../src/net/TopologyBuilder.js";
import { NetworkContext } from "../../src/run/NetworkContext.js";

/** A simulation on `nodes` and `links` (latency routing) with a NetworkContext, seed 1. */
export function transportNetwork(nodes: string[], links: LinkSpec[]) {
  const builder = new TopologyBuilder();
  for (const id of nodes) builder.addNode({ id });
  for (const l of links) builder.addLink(l);
  const topology = builder.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const context = new NetworkContext(sim, network, new Router(topology, "latency", 1), topology, 1);
  return { sim, network, context };
}

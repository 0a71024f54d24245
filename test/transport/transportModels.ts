// A tiny network with a NetworkContext, for driving transfers under a chosen transport model in tests.
import { Simulation } from "../../src/core/Simulation.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { NetworkDynamics } from "../../src/net/NetworkDynamics.js";
import { QueueState } from "../../src/net/queues/QueueState.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder, type LinkSpec } from "../../src/net/TopologyBuilder.js";
import { NetworkContext } from "../../src/run/NetworkContext.js";
import { queueSettings } from "../../src/run/queueSettings.js";
import { TCP_DEFAULTS, type TransportSpec } from "../../src/transport/TransportSpec.js";

/**
 * A simulation on `nodes` and `links` (latency routing) with a NetworkContext, seed 1; ports
 * take their link's buffer and marking threshold, else 1,000 packets and no marking (or, with
 * `dctcp`, the default K of 65 packets per 10 Gb/s).
 */
export function transportNetwork(nodes: string[], links: LinkSpec[], options: { dctcp?: boolean; seed?: number } = {}) {
  const builder = new TopologyBuilder();
  for (const id of nodes) builder.addNode({ id });
  for (const l of links) builder.addLink(l);
  const topology = builder.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const dctcp = options.dctcp ? [{ transport: { model: "tcp" as const, cc: "dctcp" as const } }] : [];
  const queues = new QueueState(network, topology, queueSettings(topology, { workloads: dctcp as never }));
  const router = new Router(topology, "latency", 1);
  const context = new NetworkContext(sim, network, router, topology, options.seed ?? 1, false, queues);
  return { sim, network, context, queues, topology, router };
}

/**
 * {@link transportNetwork} whose links can fail: `failAt` takes one down and reroutes its
 * flows `convergenceS` later (the routes converge); `node` and `channel` name its parts.
 */
export function failingNetwork(nodes: string[], links: LinkSpec[], options: { dctcp?: boolean } = {}) {
  const n = transportNetwork(nodes, links, options);
  const { sim, context, topology } = n;
  const dynamics = new NetworkDynamics(topology, n.network, n.router);
  const node = (id: string) => topology.nodeIndex.get(id)!;
  /** Take the link `from`–`to` down at `atS`; the routes converge (its flows rerouted) `convergenceS` later. */
  const failAt = (atS: number, from: string, to: string, convergenceS = 0) =>
    sim.at(atS, () => {
      const down = dynamics.linkDown(dynamics.linkBetween(node(from), node(to)));
      sim.at(atS + convergenceS, () => dynamics.converge(down, context.rerouteHooks()));
    });
  /** The channel from `from` to `to`. */
  const channel = (from: string, to: string) => topology.channelBetween(node(from), node(to));
  return { ...n, failAt, node, channel };
}

/** Header bytes per packet in bench/ns3's cases: TCP/IP with timestamps (52 B) + PPP (2 B), as ns-3's point-to-point links. */
export const NS3_HEADER_BYTES = 54;

/** `tcp` under NewReno as bench/ns3's cases set it (three-way handshake, ns-3's headers, an ACK per packet), with a receive window of `windowBytes`. */
export function ns3NewReno(windowBytes: number): TransportSpec {
  return { ...TCP_DEFAULTS, cc: "newreno", handshake: "tcp", headerBytes: NS3_HEADER_BYTES, delayedAck: 1, windowBytes };
}

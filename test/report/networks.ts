// Tiny hand-checkable networks with both recorders attached, shared by the report tests.
import { Simulation } from "../../src/core/Simulation.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder, type LinkSpec } from "../../src/net/TopologyBuilder.js";
import { FlowRecorder } from "../../src/report/FlowRecorder.js";
import { ResourceRecorder } from "../../src/report/ResourceRecorder.js";

/** A simulation on the given nodes and links, with a FlowRecorder (labels f0, f1, …) and a ResourceRecorder. */
export function recordedNetwork(nodes: Array<{ id: string; kind?: string }>, links: LinkSpec[]) {
  const builder = new TopologyBuilder();
  for (const n of nodes) builder.addNode(n);
  for (const l of links) builder.addLink(l);
  const topology = builder.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const router = new Router(topology);
  const labels = Array.from({ length: 16 }, (_, i) => `f${i}`);
  const flows = new FlowRecorder(network, topology, labels);
  const resources = new ResourceRecorder(network, topology);
  const node = (id: string) => topology.nodeIndex.get(id)!;
  return { topology, sim, network, router, flows, resources, node };
}

/**
 * a —100 Gb/s (12.5e9 B/s), 1 µs— s —40 Gb/s (5e9 B/s), 1 µs— b. Channels: 0 a->s,
 * 1 s->a, 2 s->b, 3 b->s. Flow f0: 1 GB a→b at 0 s; flow f1: 500 MB a→b, pinned to
 * a,s,b, at 1 ms.
 *
 * By hand: f0 alone at 5e9 B/s from 2 µs to 1.002 ms drains 5e6 B (995e6 B left). Then
 * both share 2.5e9 B/s on s->b; f1 needs 5e8 / 2.5e9 = 0.2 s → finishes at 0.201002 s
 * (FCT 0.200002 s). f0 has sent another 5e8 B, 495e6 B left, alone at 5e9 B/s in
 * 0.099 s → finishes at 0.300002 s (FCT 0.300002 s). s->b is f0's and f1's bottleneck
 * throughout.
 */
export function twoFlowsSharing() {
  const net = recordedNetwork(
    [{ id: "a" }, { id: "s", kind: "switch" }, { id: "b" }],
    [
      { from: "a", to: "s", bandwidthBps: 12.5e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 },
    ],
  );
  const { sim, network, router, node } = net;
  network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9);
  const pinned = router.pinned([node("a"), node("s"), node("b")]);
  if (typeof pinned === "string") throw new Error(pinned);
  sim.at(1e-3, () => network.startFlow(pinned, 5e8));
  const run = sim.run();
  return { ...net, run };
}

/** Parse a CSV written by the report layer (no quoted cells) into records keyed by header. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const headers = lines[0].split(",");
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
  });
}

/**
 * Two bottlenecks in turn, zero latencies: a —5e9 B/s— s —6e9 B/s— b, and c —12.5e9 B/s— s.
 * Channels: 0 a->s, 1 s->a, 2 c->s, 3 s->c, 4 s->b, 5 b->s. Flow f0: 1e9 B a→b at 0 s;
 * flow f1: `f1Bytes` c→b at 0.1 s. Run until `untilS` (default: idle).
 *
 * f0 alone is held by a->s at 5e9 B/s (s->b offers 6e9): 5e8 B sent by 0.1 s. With f1,
 * s->b splits 6e9 into 3e9 each (a->s would give f0 5e9, c->s f1 12.5e9), so both are
 * bound by s->b.
 */
export function twoBottlenecksInTurn(f1Bytes: number, untilS = Infinity) {
  const net = recordedNetwork(
    [{ id: "a" }, { id: "c" }, { id: "s", kind: "switch" }, { id: "b" }],
    [
      { from: "a", to: "s", bandwidthBps: 5e9, latencyS: 0 },
      { from: "c", to: "s", bandwidthBps: 12.5e9, latencyS: 0 },
      { from: "s", to: "b", bandwidthBps: 6e9, latencyS: 0 },
    ],
  );
  const { sim, network, router, node } = net;
  network.startFlow(router.route(node("a"), node("b"), 0)!, 1e9);
  sim.at(0.1, () => network.startFlow(router.route(node("c"), node("b"), 1)!, f1Bytes));
  const run = sim.run({ untilS });
  return { ...net, run };
}

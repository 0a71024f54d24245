// NetworkDynamics: links and nodes failing and recovering, capacities and latencies changing, and the rerouting that follows.
import type { FlowNetwork } from "./FlowNetwork.js";
import type { Route } from "./Route.js";
import type { Router } from "./Router.js";
import type { Topology } from "./Topology.js";

/** What the run decides for a flow whose route crosses a failed link (see {@link NetworkDynamics.converge}). */
export interface RerouteHooks {
  /** The flow's new route, or null when it cannot go on (no surviving path, or a pinned path). */
  routeFor(flow: number): Route | null;
  /** Called after a flow was given up (FlowNetwork.fail), e.g. to tell its workload. */
  failed(flow: number): void;
}

/**
 * The state of a changing network and the two planes it acts on. The data plane reacts at
 * once: a link that goes down (or a link of a node that goes down) gets capacity 0 on both
 * channels, so the flows crossing it stall at rate 0; a link that comes back up gets its
 * capacity back, so flows still on it resume. The control plane (the {@link Router})
 * learns later, when the run calls {@link converge} after its convergence delay: the
 * router's view of the links named is brought up to date (its cached tables dropped), and
 * every live flow whose route crosses one of them that is still down is rerouted on a
 * surviving shortest path with its remaining bytes, or failed if none remains.
 *
 * A link is down while it was taken down itself or either of its end nodes is down; a
 * capacity change on a down link is kept and applied when it comes back up.
 *
 * Cost: an event touches its links only; a convergence also scans every flow started so
 * far once (one state read each, route checks for the live ones), which is cheap for the
 * handful of events a scenario has.
 */
export class NetworkDynamics {
  private readonly linkFailed: Uint8Array;
  private readonly nodeFailed: Uint8Array;
  /**
   * Capacity each channel gets back when it is up (the one in force when this was made, or
   * the last capacity event's), bytes/s. Not the capacity in force (a down channel has 0
   * there): that is FlowNetwork.capacityOf.
   */
  private readonly upCapacityBps: Float64Array;

  constructor(
    private readonly topology: Topology,
    private readonly network: FlowNetwork,
    private readonly router: Router,
  ) {
    this.linkFailed = new Uint8Array(topology.channelCount / 2);
    this.nodeFailed = new Uint8Array(topology.nodeCount);
    this.upCapacityBps = Float64Array.from({ length: topology.channelCount }, (_, ch) => network.capacityOf(ch));
  }

  /** The link joining nodes `a` and `b` (either order), or -1. */
  linkBetween(a: number, b: number): number {
    const ch = this.topology.channelBetween(a, b);
    return ch < 0 ? -1 : ch >> 1;
  }

  /** Links with `node` at one end, in channel order. */
  linksOf(node: number): number[] {
    const t = this.topology;
    const links: number[] = [];
    for (let i = t.outStart[node]; i < t.outStart[node + 1]; i++) links.push(t.outChannels[i] >> 1);
    return links;
  }

  /** Whether a link carries nothing now (taken down, or an end node down). */
  isDown(link: number): boolean {
    const t = this.topology;
    return this.linkFailed[link] === 1 || this.nodeFailed[t.channelFrom[2 * link]] === 1 || this.nodeFailed[t.channelTo[2 * link]] === 1;
  }

  /** Take a link down (data plane: now); returns the links to converge on. */
  linkDown(link: number): number[] {
    return this.change([link], () => (this.linkFailed[link] = 1));
  }

  /** Bring a link back up (data plane: now); returns the links to converge on. */
  linkUp(link: number): number[] {
    return this.change([link], () => (this.linkFailed[link] = 0));
  }

  /** Take every link of a node down; returns the links to converge on. */
  nodeDown(node: number): number[] {
    return this.change(this.linksOf(node), () => (this.nodeFailed[node] = 1));
  }

  /** Bring a node back (its links that are not down themselves come up); returns the links to converge on. */
  nodeUp(node: number): number[] {
    return this.change(this.linksOf(node), () => (this.nodeFailed[node] = 0));
  }

  /** Set both channels of a link to `capacityBps` (kept for later if the link is down now). */
  setLinkCapacity(link: number, capacityBps: number): void {
    for (const ch of [2 * link, 2 * link + 1]) {
      this.upCapacityBps[ch] = capacityBps;
      if (!this.isDown(link)) this.network.setCapacity(ch, capacityBps);
    }
  }

  /** Set the through capacity of a node (every flow through it shares it). */
  setNodeCapacity(node: number, capacityBps: number): void {
    const r = this.topology.nodeCapacityResource[node];
    if (r < 0) throw new Error(`NetworkDynamics.setNodeCapacity: node "${this.topology.nodeIds[node]}" has no capacity`);
    this.network.setCapacity(r, capacityBps);
  }

  /** Set both directions of a link to `latencyS` for routes found from now on (flows already routed keep theirs). */
  setLinkLatency(link: number, latencyS: number): void {
    this.router.setLinkLatency(link, latencyS);
  }

  /**
   * The control plane learns the current state of `links`: the router's view of each is
   * updated, then every live flow crossing one of them that is down is moved to
   * `hooks.routeFor(flow)` (FlowNetwork.reroute) or, when that is null, failed
   * (FlowNetwork.fail, then `hooks.failed`). Flows are visited in id order.
   */
  converge(links: readonly number[], hooks: RerouteHooks): void {
    const downChannels = new Uint8Array(this.topology.channelCount);
    let anyDown = false;
    for (const l of links) {
      const down = this.isDown(l);
      this.router.setLinkUsable(l, !down);
      if (down) {
        downChannels[2 * l] = downChannels[2 * l + 1] = 1;
        anyDown = true;
      }
    }
    if (!anyDown) return;
    const net = this.network;
    const channels = this.topology.channelCount;
    for (let f = 0; f < net.flowCount; f++) {
      if (!net.isLive(f)) continue;
      const resources = net.routeOf(f).resources;
      let crosses = false;
      for (let i = 0; i < resources.length; i++) {
        const r = resources[i];
        if (r < channels && downChannels[r] === 1) {
          crosses = true;
          break;
        }
      }
      if (!crosses) continue;
      const route = hooks.routeFor(f);
      if (route) net.reroute(f, route);
      else {
        net.fail(f);
        hooks.failed(f);
      }
    }
  }

  /** Apply `mutate` to the state, then give each of `links` whose up/down state changed its new capacity. */
  private change(links: number[], mutate: () => void): number[] {
    const before = links.map((l) => this.isDown(l));
    mutate();
    links.forEach((l, i) => {
      const down = this.isDown(l);
      if (down === before[i]) return;
      for (const ch of [2 * l, 2 * l + 1]) this.network.setCapacity(ch, down ? 0 : this.upCapacityBps[ch]);
    });
    return links;
  }
}

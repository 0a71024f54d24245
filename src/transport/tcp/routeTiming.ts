// routeTiming: what a route's channels add to a packet's time — base round trip, store-and-forward, slowest channel.
import type { FlowNetwork } from "../../net/FlowNetwork.js";

/**
 * Base round-trip time of a route of one-way `latencyS` over `resources` (the first
 * `channelCount` resource numbers are channels, the rest node capacities) for a packet of
 * `outBytes` answered by one of `backBytes`: twice the latency plus both packets'
 * serialisation at every channel, at the capacities in force in `network` (none at a channel
 * that is down: a flow started over it stalls there until it is rerouted).
 */
export function baseRttS(network: FlowNetwork, channelCount: number, resources: Int32Array, latencyS: number, outBytes: number, backBytes: number): number {
  let serial = 0;
  for (let i = 0; i < resources.length; i++) {
    if (resources[i] >= channelCount) continue;
    // A channel that is down (capacity 0) adds none: its flows stall until they are rerouted.
    const capacity = network.capacityOf(resources[i]);
    if (capacity > 0) serial += (outBytes + backBytes) / capacity;
  }
  return 2 * latencyS + serial;
}

/** Store-and-forward of a route's last packet of `packetBytes`: its serialisation at every channel but the slowest (that one is in the drain) and those that are down, seconds. */
export function storeAndForwardS(network: FlowNetwork, channelCount: number, resources: Int32Array, packetBytes: number): number {
  let sum = 0;
  let worst = 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r >= channelCount) continue;
    const capacity = network.capacityOf(r);
    if (!(capacity > 0)) continue;
    const t = packetBytes / capacity;
    sum += t;
    if (t > worst) worst = t;
  }
  return sum - worst;
}

/** Capacity in force of the slowest channel among `resources`, bytes/s (Infinity with none). */
export function slowestChannelBps(network: FlowNetwork, channelCount: number, resources: Int32Array): number {
  let min = Infinity;
  for (let i = 0; i < resources.length; i++) if (resources[i] < channelCount) min = Math.min(min, network.capacityOf(resources[i]));
  return min;
}

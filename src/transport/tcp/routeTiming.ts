// routeTiming: what a route's channels add to a packet's time — base round trip, store-and-forward, slowest channel.
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";

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

/** Capacity in force of the slowest channel among `resources[from … to)` (default: all of them), bytes/s (Infinity with none). */
export function slowestChannelBps(network: FlowNetwork, channelCount: number, resources: Int32Array, from = 0, to = resources.length): number {
  let min = Infinity;
  for (let i = from; i < to; i++) if (resources[i] < channelCount) min = Math.min(min, network.capacityOf(resources[i]));
  return min;
}

/** What a connection's start reads off its route ({@link startTiming}), written into a record the caller keeps. */
export interface StartTiming {
  /** Base round trip of a full packet answered by an ACK, seconds ({@link baseRttS}). */
  baseRttS: number;
  /** Base round trip of a handshake segment answered by one, seconds ({@link baseRttS} of headers both ways). */
  handshakeBaseRttS: number;
  /** Queueing delay on the way out ({@link QueueState.pathDelayS}) and back ({@link QueueState.reversePathDelayS}), seconds. */
  outS: number;
  backS: number;
  /** Store-and-forward of the first packet ({@link storeAndForwardS}), seconds. */
  storeAndForwardS: number;
}

/**
 * Everything {@link TcpFlows.start} reads off a route, in one walk of its resources instead of
 * one walk each: {@link baseRttS} for a packet of `packetBytes` answered by `headerBytes` and for
 * headers both ways, the queueing delays out and back, and {@link storeAndForwardS} of
 * `firstPacketBytes`. Each sum adds the same terms in the same order as its own function, so
 * every value is bit for bit the same.
 */
export function startTiming(
  network: FlowNetwork,
  queues: QueueState,
  channelCount: number,
  resources: Int32Array,
  latencyS: number,
  packetBytes: number,
  headerBytes: number,
  firstPacketBytes: number,
  into: StartTiming,
): void {
  let serial = 0;
  let handshakeSerial = 0;
  let out = 0;
  let back = 0;
  let sum = 0;
  let worst = 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    out += queues.delayS(r);
    if (r >= channelCount) continue;
    back += queues.delayS(r ^ 1);
    const capacity = network.capacityOf(r);
    if (!(capacity > 0)) continue;
    serial += (packetBytes + headerBytes) / capacity;
    handshakeSerial += (headerBytes + headerBytes) / capacity;
    const t = firstPacketBytes / capacity;
    sum += t;
    if (t > worst) worst = t;
  }
  into.baseRttS = 2 * latencyS + serial;
  into.handshakeBaseRttS = 2 * latencyS + handshakeSerial;
  into.outS = out;
  into.backS = back;
  into.storeAndForwardS = sum - worst;
}

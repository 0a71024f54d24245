// BusyPortWaits: what a connection's handshake and first data packet wait at the busy ports of its route that bind no flow (N·D/D/1 draws).
import type { RandomStream } from "../../core/randomStream.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import { nddOneDrawWaitS } from "../../net/queues/nddOneWait.js";
import type { QueueState } from "../../net/queues/QueueState.js";

/** The waits one connection's start draws ({@link BusyPortWaits.draw}), written into a record the caller keeps. */
export interface BusyWaits {
  /** One handshake round's: the SYN's at the ports of the route, the SYN-ACK's at their reverse channels, seconds. */
  handshakeS: number;
  /** The first data packet's at the ports of the route, seconds. */
  firstByteS: number;
}

/**
 * The queueing a connection's start meets at ports that are busy but bind no flow: the model
 * keeps queues only where flows bind (a saturated port's standing queue, DCTCP's K), yet a port
 * carrying other flows' traffic below its capacity holds a few packets now and then. Those
 * flows reach it paced at the rates they are bound to elsewhere, so a packet from outside waits
 * as at an N·D/D/1 queue ({@link nddOneDrawWaitS}): ρ = the max-min rates crossing it over its
 * capacity ({@link QueueState.busyUtilisation}), N = the number of equal-rate flows of the same
 * variance ({@link QueueState.busySources}), service s = a full packet of the starting flow over
 * that capacity, buffer: the port's, in those packets; one draw per segment per port. Ports with
 * a queue of their own add that queue's mean, as before (startTiming), and nothing here.
 */
export class BusyPortWaits {
  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channelCount: number,
    private readonly random: RandomStream,
  ) {}

  /**
   * Draw the waits of a connection over `resources` whose full packets are `packetBytes`: the
   * SYN's at each port in route order, then the SYN-ACK's at their reverse channels back, then
   * the first data packet's at each port (draws only at ports with a utilisation above 0).
   */
  draw(resources: Int32Array, packetBytes: number, into: BusyWaits): void {
    const channels = this.channelCount;
    let syn = 0;
    let synAck = 0;
    let first = 0;
    for (let i = 0; i < resources.length; i++) if (resources[i] < channels) syn += this.wait(resources[i], packetBytes);
    for (let i = resources.length - 1; i >= 0; i--) if (resources[i] < channels) synAck += this.wait(resources[i] ^ 1, packetBytes);
    for (let i = 0; i < resources.length; i++) if (resources[i] < channels) first += this.wait(resources[i], packetBytes);
    into.handshakeS = syn + synAck;
    into.firstByteS = first;
  }

  /** One packet's wait at port `r` ({@link nddOneDrawWaitS}), seconds; 0 without a draw where ρ is 0. */
  private wait(r: number, packetBytes: number): number {
    const rho = this.queues.busyUtilisation(r);
    if (!(rho > 0)) return 0;
    const capacity = this.network.capacityOf(r);
    return nddOneDrawWaitS(rho, this.queues.busySources(r), packetBytes / capacity, this.queues.settings.bufferBytes[r] / packetBytes, this.random);
  }
}

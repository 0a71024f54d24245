// AckLoad: the ACK packets per second each port carries from the flows whose data crosses its reverse channel, and the marking threshold in data packets they leave a port.
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../FlowNetwork.js";
import type { Topology } from "../Topology.js";
import type { BoundFlows } from "./BoundFlows.js";
import type { DirtyResources } from "./DirtyResources.js";
import type { QueueSettings } from "./QueueSettings.js";

/** ACKs per data packet served by which a marking port's ACK load moves before the port is judged again ({@link AckLoad.move}). */
const ACKS_MOVED = 0.01;

/**
 * The ACKs of {@link QueueState}'s flows: links are full duplex, so the ACKs of the data one
 * way queue with the data the other way, and count toward a marking port's threshold K as
 * data packets do. Kept only where some port marks (without one, ACKs change no queue).
 */
export class AckLoad {
  /** Per flow: ACK packets its receiver sends back per data packet (1 / delayed-ACK count for tcp; 0 for a flow whose ACKs no queue counts). */
  private acksPerPacket = new Float64Array(0);
  /** Per flow: the ACK packets per second it adds now to the reverse channel of every channel on its route. */
  private ackRateOf = new Float64Array(0);
  /** Per resource: ACK packets per second arriving at it, from the flows whose data crosses its reverse channel. */
  private readonly ackRate: Float64Array;
  /** Per resource: {@link ackRate} when its queue was last computed ({@link used}). */
  private readonly ackRateUsed: Float64Array;
  /** Whether any port marks (has an ECN threshold): only then do the ACKs' rates matter (without, {@link move} need not be called). */
  readonly marking: boolean;

  constructor(
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    private readonly settings: QueueSettings,
    private readonly bound: BoundFlows,
    private readonly dirty: DirtyResources,
  ) {
    const n = topology.resourceCount;
    this.ackRate = new Float64Array(n);
    this.ackRateUsed = new Float64Array(n);
    this.marking = settings.ecnThresholdBytes.some((k) => k > 0);
  }

  /** Make room for flows 0 … `n` − 1. */
  growFlows(n: number): void {
    this.acksPerPacket = grown(this.acksPerPacket, n);
    this.ackRateOf = grown(this.ackRateOf, n);
  }

  /** Flow `flow`'s receiver sends `acksPerPacket` ACKs back per data packet (0: none the queues count). */
  register(flow: number, acksPerPacket: number): void {
    this.acksPerPacket[flow] = acksPerPacket;
  }

  /**
   * Flow `flow`, of `packetBytes` per packet, now drains at `rateBps`: its receiver's ACKs
   * (rate ÷ packet × ACKs per packet) arrive at the reverse channel of every channel on its
   * route. A marking port there that binds flows is marked dirty (judged again at the end of
   * the solve) once its ACKs moved by more than {@link ACKS_MOVED} ACK per data packet served
   * since it was last judged (its threshold by at most that share of K: a solve moves many
   * flows' rates by a hair, and each would re-judge the port); when it is judged, for whatever
   * reason, it takes the ACKs of that moment.
   */
  move(flow: number, rateBps: number, packetBytes: number): void {
    if (!this.marking || !(this.acksPerPacket[flow] > 0)) return;
    const rate = rateBps > 0 ? (rateBps / packetBytes) * this.acksPerPacket[flow] : 0;
    const delta = rate - this.ackRateOf[flow];
    if (delta === 0) return;
    this.ackRateOf[flow] = rate;
    const res = this.network.routeOf(flow).resources;
    const channels = this.topology.channelCount;
    const k = this.settings.ecnThresholdBytes;
    for (let i = 0; i < res.length; i++) {
      if (res[i] >= channels) continue;
      const back = res[i] ^ 1;
      const acks = this.ackRate[back] + delta;
      // The last flow leaving takes its own rate back off: what rounding leaves is no ACK.
      this.ackRate[back] = acks > 1e-3 ? acks : 0;
      if (!(k[back] > 0) || this.bound.windowed(back) === 0) continue;
      if (Math.abs(this.ackRate[back] - this.ackRateUsed[back]) * packetBytes > ACKS_MOVED * this.network.capacityOf(back)) this.dirty.mark(back);
    }
  }

  /** Port `r`'s queue is being computed: it takes the ACKs arriving now. */
  used(r: number): void {
    this.ackRateUsed[r] = this.ackRate[r];
  }

  /**
   * The data packets of `packetBytes` at which marking port `r` starts to mark: its threshold K
   * counts packets, the ACKs queued among the data as much as data packets (ns-3's marking queue
   * disc, and K as the DCTCP paper sets it, in packets). ACKs arrive at `ackRate` per second from
   * the flows the other way; in the FIFO a packet arriving now waits behind what arrived over the
   * queue's drain time (Little's law), so D data packets (drain D × packet ÷ C) sit with
   * A = D × x ACKs, x = ackRate × packet ÷ C (ACKs arriving per data packet served; the ACKs' own
   * 54 B are left out), and the port marks at D + A = K: D = K ÷ (1 + x). K ÷ packet where no
   * ACKs arrive (or no port marks), 0 where the port does not mark.
   */
  markingThresholdPackets(r: number, packetBytes: number): number {
    const k = this.settings.ecnThresholdBytes[r] / packetBytes;
    const acks = this.ackRate[r];
    return acks > 0 ? k / (1 + (acks * packetBytes) / this.network.capacityOf(r)) : k;
  }
}

// SlowStartQueues: the packets loss-based tcp flows in slow start keep queued at the drop-tail port that binds them, which the other flows crossing it wait behind.
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";

/**
 * A loss-based flow in slow start whose window exceeds its pipe keeps the excess queued at the
 * port that binds it, as one in avoidance does ({@link LossPorts}): each round's ACKs come back at
 * that port's rate and release two packets each, so over a round from window w to 2w the queue
 * there climbs from w − P to 2w − P (P = rate × base RTT, packets), (3w/2 − P) on average, at
 * most what the flow has not delivered less its pipe. Packets of other flows crossing the port
 * wait behind it. A connection starting across the port reads it with the port's queueing delay
 * (its handshake and first flight, {@link QueueState.startDelayS}); the flows' rounds do not: the
 * bursts are judged with each round's standing packets, and a recovery with the buffer its loss
 * filled ({@link BurstJudge}, {@link LossRecovery}), so it is counted there already. Only
 * drop-tail ports: at a marking port DCTCP's flights are in its sawtooth already.
 */
export class SlowStartQueues {
  /** The port each flow's slow-start excess is counted at (-1: none). */
  private portOf = new Int32Array(0);
  /** Each flow's slow-start excess counted there, bytes. */
  private bytesOf = new Float64Array(0);
  /** Per resource, the sum of the excess counted there, bytes. */
  private readonly sumAt: Float64Array;

  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    resourceCount: number,
  ) {
    this.sumAt = new Float64Array(resourceCount);
  }

  /**
   * Flow `f`, in slow start, sends a round of window `nextPackets` grown from `prevPackets`
   * (equal for a first flight) with `leftPackets` not yet delivered: count its excess over its pipe
   * at the port that binds it now, if a drop-tail one, else nowhere.
   */
  round(f: number, prevPackets: number, nextPackets: number, leftPackets: number, packetBytes: number, baseRttS: number): void {
    const r = this.queues.boundAt(f);
    if (r < 0 || this.queues.settings.ecnThresholdBytes[r] > 0) {
      this.clear(f);
      return;
    }
    const pipe = (this.network.rateOf(f) * baseRttS) / packetBytes;
    this.set(f, r, Math.max(0, meanSlowStartQueuePackets(prevPackets, nextPackets, leftPackets, pipe)) * packetBytes);
  }

  /** Flow `f` left slow start (or finished, or timed out): it keeps no slow-start excess anywhere. */
  clear(f: number): void {
    if (f >= this.portOf.length || this.portOf[f] < 0) return;
    this.set(f, -1, 0);
  }

  private set(f: number, r: number, bytes: number): void {
    if (f >= this.portOf.length) this.grow(f + 1);
    const was = this.portOf[f];
    if (was === r && this.bytesOf[f] === bytes) return;
    if (was >= 0) {
      this.sumAt[was] = Math.max(0, this.sumAt[was] - this.bytesOf[f]);
      if (was !== r) this.queues.setSlowStartBytes(was, this.sumAt[was] > 1e-6 ? this.sumAt[was] : 0);
    }
    this.portOf[f] = r;
    this.bytesOf[f] = r >= 0 ? bytes : 0;
    if (r >= 0) {
      this.sumAt[r] += bytes;
      this.queues.setSlowStartBytes(r, this.sumAt[r] > 1e-6 ? this.sumAt[r] : 0);
    }
  }

  private grow(n: number): void {
    const size = Math.max(n, this.portOf.length * 2, 1024);
    this.portOf = grown(this.portOf, size, -1);
    this.bytesOf = grown(this.bytesOf, size);
  }
}

/**
 * Mean queue, packets, a slow-start round keeps at its bottleneck: from `prev` − `pipe` when it
 * starts to `next` − `pipe` when its last packet arrives (the ACK clock releases two per one
 * delivered), each end at most what is left to deliver less the pipe; a first flight
 * (`prev` = `next`) keeps `next` − `pipe`. May be negative (the caller takes 0).
 */
export function meanSlowStartQueuePackets(prev: number, next: number, left: number, pipe: number): number {
  const from = Math.min(prev, left) - pipe;
  const to = Math.min(next, left) - pipe;
  return (Math.max(0, from) + Math.max(0, to)) / 2;
}

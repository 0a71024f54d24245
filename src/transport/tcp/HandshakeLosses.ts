// HandshakeLosses: the drop-tail ports overflowing now, and whether a connection's SYN or SYN-ACK is lost at one of them.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * Per drop-tail port, the overflow in force: bursts judged there ({@link BurstJudge}) lost a
 * share of their arrivals over their span, so a packet arriving at the port before the span
 * ends is dropped with that share. A connection's handshake segments carry no payload and are
 * no burst of their own, but a full port drops them like any other arrival: the SYN at the
 * ports of its route, the SYN-ACK at their reverse channels (links are full duplex, channels
 * come in pairs 2i, 2i+1). A lost one is sent again after the SYN timeout ({@link SynRetries}).
 *
 * Marking ports never record an overflow here (DCTCP holds their queue near K), so a run whose
 * ports all mark never draws from this stream.
 */
export class HandshakeLosses {
  /** When each port's overflow ends, seconds (0: none yet). */
  private readonly untilS: Float64Array;
  /** Share of its arrivals each port drops until then. */
  private readonly share: Float64Array;

  constructor(
    resourceCount: number,
    private readonly channelCount: number,
    private readonly random: RandomStream,
  ) {
    this.untilS = new Float64Array(resourceCount);
    this.share = new Float64Array(resourceCount);
  }

  /**
   * Port `r` drops `share` of what arrives from `nowS` until `untilS` (bursts overflowing it).
   * While an earlier overflow still runs, the port keeps the larger share until the later end.
   */
  overflowing(r: number, share: number, nowS: number, untilS: number): void {
    if (nowS < this.untilS[r]) {
      if (share > this.share[r]) this.share[r] = share;
      if (untilS > this.untilS[r]) this.untilS[r] = untilS;
      return;
    }
    this.share[r] = share;
    this.untilS[r] = untilS;
  }

  /**
   * Whether a SYN over `resources` reaching their ports at `synS`, or its SYN-ACK reaching their
   * reverse channels at `synAckS`, is lost: one draw at each port it meets while it overflows, in
   * the order the segments meet them (the SYN out, the SYN-ACK back), up to the first loss.
   */
  lost(resources: Int32Array, synS: number, synAckS: number): boolean {
    const channels = this.channelCount;
    const until = this.untilS;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < channels && synS < until[r] && this.random() < this.share[r]) return true;
    }
    for (let i = resources.length - 1; i >= 0; i--) {
      const r = resources[i];
      if (r >= channels) continue;
      const back = r ^ 1;
      if (synAckS < until[back] && this.random() < this.share[back]) return true;
    }
    return false;
  }
}

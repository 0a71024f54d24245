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
 *
 * An overflow of loss-based flows in congestion avoidance ({@link LossPorts}) keeps its port full
 * too, over the round trip before its losses are told: it is recorded apart ({@link fullInAvoidance})
 * and drawn from its own stream (`avoidanceRandom`), after every draw at the bursts' overflows,
 * so a handshake that meets no avoidance overflow draws exactly what it drew without them.
 */
export class HandshakeLosses {
  /** When each port's overflow ends, seconds (0: none yet). */
  private readonly untilS: Float64Array;
  /** Share of its arrivals each port drops until then. */
  private readonly share: Float64Array;

  /** When each port's bursts last filled its buffer and when that ended, seconds, and the share of arrivals it dropped then ({@link burstsFull}). */
  private readonly fullFromS: Float64Array;
  private readonly fullUntilS: Float64Array;
  private readonly fullShare: Float64Array;

  /** When each port's avoidance overflow ends, seconds (0: none yet), and the share it drops until then. */
  private readonly avoidUntilS: Float64Array;
  private readonly avoidShare: Float64Array;

  constructor(
    resourceCount: number,
    private readonly channelCount: number,
    private readonly random: RandomStream,
    private readonly avoidanceRandom: RandomStream = random,
  ) {
    this.untilS = new Float64Array(resourceCount);
    this.share = new Float64Array(resourceCount);
    this.avoidUntilS = new Float64Array(resourceCount);
    this.avoidShare = new Float64Array(resourceCount);
    this.fullFromS = new Float64Array(resourceCount);
    this.fullUntilS = new Float64Array(resourceCount);
    this.fullShare = new Float64Array(resourceCount);
  }

  /**
   * Bursts overflowed port `r`, their arrivals ending at `endS`: its buffer was full over the
   * last `fullS` of them, dropping `share` of what arrived then ({@link fifoOverflow}'s full
   * share). A full FIFO drops any arrival then at that share — a later burst's too
   * ({@link shareAt}); before the buffer filled and after the arrivals end it drops none.
   */
  burstsFull(r: number, share: number, fullS: number, endS: number): void {
    if (!(fullS > 0) || !(share > 0)) return;
    this.fullFromS[r] = endS - fullS;
    this.fullUntilS[r] = endS;
    this.fullShare[r] = share;
  }

  /**
   * Port `r`'s buffer overflowed with loss-based flows in avoidance at `nowS`: it stays full until
   * their cut windows reach it (`untilS`), dropping `share` of what arrives meanwhile. While an
   * earlier one still runs, the larger share and the later end are kept.
   */
  fullInAvoidance(r: number, share: number, nowS: number, untilS: number): void {
    if (nowS < this.avoidUntilS[r]) {
      if (share > this.avoidShare[r]) this.avoidShare[r] = share;
      if (untilS > this.avoidUntilS[r]) this.avoidUntilS[r] = untilS;
      return;
    }
    this.avoidShare[r] = share;
    this.avoidUntilS[r] = untilS;
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

  /** Until when the overflow {@link shareAt} last found runs, seconds. */
  foundUntilS = 0;

  /**
   * The share port `r` drops of what arrives at `atS` while an overflow keeps its buffer full —
   * bursts' ({@link burstsFull}: not the share over their whole span, which {@link overflowing}
   * keeps for handshakes) or flows' in avoidance — (the larger, if both; 0: none), its end in
   * {@link foundUntilS}. Slow-start rounds and first flights that cross the port then lose their
   * packets at that share as handshakes do ({@link BurstAnswers}).
   */
  shareAt(r: number, atS: number): number {
    let share = 0;
    if (atS >= this.fullFromS[r] && atS < this.fullUntilS[r] && this.fullShare[r] > share) {
      share = this.fullShare[r];
      this.foundUntilS = this.fullUntilS[r];
    }
    if (atS < this.avoidUntilS[r] && this.avoidShare[r] > share) {
      share = this.avoidShare[r];
      this.foundUntilS = this.avoidUntilS[r];
    }
    return share;
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
    const avoidUntil = this.avoidUntilS;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < channels && synS < avoidUntil[r] && this.avoidanceRandom() < this.avoidShare[r]) return true;
    }
    for (let i = resources.length - 1; i >= 0; i--) {
      const r = resources[i];
      if (r >= channels) continue;
      const back = r ^ 1;
      if (synAckS < avoidUntil[back] && this.avoidanceRandom() < this.avoidShare[back]) return true;
    }
    return false;
  }
}

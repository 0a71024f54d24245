// PortOverflow: what a port that cannot hold the bursts arriving there drops and marks of each — BurstJudge's rare path, the FIFO's verdict.
import { empty } from "../../core/empty.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import { fifoOverflow } from "../../net/queues/fifoOverflow.js";
import type { Burst, BurstVerdicts } from "./Burst.js";
import { FeedCapacity } from "./FeedCapacity.js";
import { peakOfferedBps } from "./peakOfferedBps.js";
import type { PortArrivals } from "./PortArrivals.js";

/**
 * The verdict at a port where {@link BurstJudge}'s test found that the bursts arriving overflow
 * its buffer or pass its marking threshold K: which packets of which bursts are dropped or
 * marked is the FIFO's to say ({@link fifoOverflow}, over arrival offsets drawn from the run's
 * loss stream). Compiled on its own: the test runs at every port of every burst, this at a few.
 */
export class PortOverflow {
  /** The channels that feed the port being judged. */
  private readonly feeds: FeedCapacity;
  /** Scratch trains for {@link spread}: its records (kept between calls) and the list it returns. */
  private readonly trainPool: Array<{ packets: number; durationS: number; offsetS: number }> = [];
  private readonly trains: Array<{ packets: number; durationS: number; offsetS: number }> = [];

  constructor(
    network: FlowNetwork,
    channelCount: number,
    private readonly random: RandomStream,
  ) {
    this.feeds = new FeedCapacity(network, channelCount);
  }

  /**
   * The port `at` describes ({@link BurstJudge}'s test of the port) cannot hold what arrives there
   * from the bursts of `list`: what it drops and marks of each (first verdicts appended to
   * `judged`; the port's drops to `v`'s port lists).
   */
  judge(at: PortArrivals, list: Burst[], judged: Burst[], v: BurstVerdicts): void {
    const { r, arrivals, bytes, packet, longest, clocked, ecnAll, capacity, saturated, drainBps, standing, buffer, k, offsetMaxS } = at;
    // Some packets overflow: which, is the FIFO's to say. The bursts arrive within the span, each
    // over its own train starting at a drawn offset; the port fills, marks above K, and once full
    // drops what arrives beyond its drain, from the bursts arriving then, in proportion to their
    // rates. Late bursts lose the most: with a large overflow every burst loses its tail, with a
    // small one a few late ones lose all (a drop-tail FIFO's lock-out).
    const limit = ecnAll || !(k > 0) ? buffer : Math.min(k, buffer);
    // The bursts reach the port through the channels before it on their routes: together they
    // carry at most the sum of those channels' capacities, which spreads the arrivals out.
    const feedBps = this.feeds.capacityBps(list, r);
    // The bursts of an instant leave their senders together; where the feeds cannot carry them at
    // their own rates together, the feeds' FIFOs serve them interleaved, each at its share of the
    // arrivals: every train reaches the port stretched by the same factor, all of them from the
    // start of the span (they do not queue one behind another).
    // A marking port keeps the drawn offsets over the feeds' span (docs/transport.md, "Not modelled").
    let stretch = 1;
    if (feedBps > 0 && !(k > 0)) {
      let offeredBps = 0;
      // Bursts of different instants load the feeds together only while their trains overlap.
      if (offsetMaxS > 0) offeredBps = peakOfferedBps(list, capacity);
      else
        for (let i = 0; i < list.length; i++) {
          const b = list[i];
          offeredBps += (b.packets * b.packetBytes) / Math.max(b.durationS, b.packetBytes / capacity);
        }
      stretch = Math.max(1, offeredBps / feedBps);
    }
    const spanS = Math.max(longest * stretch, clocked / capacity, k > 0 && feedBps > 0 ? bytes / feedBps : 0);
    // ACK-clocked bursts whose previous rounds shared this drop-tail port (their ACKs took longer
    // to come back than the longest train alone) come back interleaved as the port served those
    // rounds: each arrives spread over the whole span, not as its own train at a drawn offset.
    const interleaved = !(k > 0) && clocked / capacity > longest * stretch;
    const { dropped, marked, fullS, fullShare } = fifoOverflow(interleaved ? this.spread(list, spanS / stretch) : list, spanS, drainBps / packet, standing, limit, k > 0 ? k : Infinity, this.random, stretch);
    let lost = 0;
    for (let i = 0; i < dropped.length; i++) lost += dropped[i];
    // (The port's kind is tested first: at a marking port the loss test never runs, so the code
    // compiled for a run without drops has what it needs when one comes.)
    if (!(k > 0) && lost > 0) {
      // What else arrives over the span (a handshake's SYN) finds the port full as often as any
      // arrival does: the share of all arrivals it drops — the bursts', and at a saturated port
      // the other flows' packets, which keep coming at the rest of its capacity.
      const others = ((capacity - drainBps) * (spanS + offsetMaxS)) / packet;
      v.dropTailPorts.push(r);
      v.dropTailShares.push(Math.min(1, lost / (arrivals + others)));
      v.dropTailSpansS.push(spanS + offsetMaxS);
      v.dropTailFullS.push(fullS);
      v.dropTailFullShares.push(fullShare);
    }
    if (saturated && lost > 0) {
      v.overflowPorts.push(r);
      v.overflowShares.push(Math.min(1, lost / arrivals));
    }
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      const share = Math.min(1, dropped[i] / b.packets);
      const m = b.ecn ? Math.min(b.packets, marked[i]) : 0;
      if (!(share > 0) && !(m > 0)) continue;
      if (!b.judged) {
        b.judged = true;
        b.port = r;
        b.markPort = r;
        judged.push(b);
      }
      if (share > b.share) {
        b.share = share;
        b.port = r;
        b.fullShare = fullShare;
      }
      if (m > b.marked) {
        b.marked = m;
        b.markPort = r;
      }
    }
  }

  /** `list` as {@link fifoOverflow} takes it, each ACK-clocked burst (one with a previous round) over `trainS` (scratch records, valid until the next call). */
  private spread(list: Burst[], trainS: number): Array<{ packets: number; durationS: number; offsetS: number }> {
    const pool = this.trainPool;
    while (pool.length < list.length) pool.push({ packets: 0, durationS: 0, offsetS: 0 });
    const out = this.trains;
    empty(out);
    for (let i = 0; i < list.length; i++) {
      const r = pool[i];
      r.packets = list[i].packets;
      r.durationS = list[i].prevBytes > 0 ? trainS : list[i].durationS;
      r.offsetS = list[i].offsetS;
      out.push(r);
    }
    return out;
  }
}

// Burst: one burst a tcp flow sends (a slow-start round, a first flight, a catch-up), the verdict the ports it crosses give it, and what BurstJudge returns for the bursts it judged together.

import { emptyDoubles, emptyRecords } from "../../core/emptyDoubles.js";

/** A burst of packets a flow sends in one round, and the verdict of the ports it crosses. */
export interface Burst {
  flow: number;
  packets: number;
  /** Seconds over which its packets arrive (its own train). */
  durationS: number;
  /** Packets of the flow's previous window beyond its pipe, still queued when the burst begins. */
  standing: number;
  /** Bytes of the flow's previous round, whose ACKs clock this one out (0 for a first flight). */
  prevBytes: number;
  /** Bytes of one of its packets on the wire. */
  packetBytes: number;
  /** Whether its flow reacts to ECN marks (DCTCP): its packets above K are marked, not dropped. */
  ecn: boolean;
  /** When it was offered, seconds (simulated time). */
  atS: number;
  /**
   * Whether it may hold or join an overflow episode: its flow's first flight (at line rate, no ACK
   * clock), or a slow-start round of a flow whose last flight lost packets in an episode and
   * survived (its ACKs came back clocked by that port's drain, as the other survivors' did).
   */
  joins: boolean;
  /** Kept in an overflow episode: whether its instant's judge dropped some of it (it answers that verdict, not the episode's). */
  answered: boolean;
  /** Scratch of the port being judged: seconds its train starts after the earliest of the bursts there (0 at one instant). */
  offsetS: number;
  /** Verdict: the largest share of its packets a port dropped (0 for none), and that port. */
  share: number;
  port: number;
  /** Verdict: the share of the arrivals that port dropped while its buffer was full (its FIFO's drop share once full, {@link fifoOverflow}). */
  fullShare: number;
  /** Verdict: the most packets a port marked (0 for none), and that port. */
  marked: number;
  markPort: number;
  /** Whether some port dropped or marked any of it. */
  judged: boolean;
}

/**
 * A new burst record, fields not yet set: a literal of constants (NaN where the field holds
 * fractions). Every record is made here — {@link BurstJudge}'s offered ones and
 * {@link BurstEpisode}'s copies — so that all have one hidden class: a copy made by spreading a
 * record (`{ ...b }`) gets a map of its own, and the judge's port test, reading bursts of both,
 * was then compiled for two maps at every field (session 57: +104 M instructions on the k16 run).
 */
export function newBurst(): Burst {
  return { flow: 0, packets: NaN, durationS: NaN, standing: NaN, prevBytes: NaN, packetBytes: NaN, ecn: false, atS: NaN, joins: false, answered: false, offsetS: NaN, share: NaN, port: -1, fullShare: NaN, marked: NaN, markPort: -1, judged: false };
}

/** Clear `b`'s verdict and its judge's scratch (as offered: no port has judged it yet). */
export function clearVerdict(b: Burst): void {
  b.offsetS = 0;
  b.share = 0;
  b.port = -1;
  b.fullShare = 0;
  b.marked = 0;
  b.markPort = -1;
  b.judged = false;
}

/** What {@link BurstJudge.judge} returns: every burst of the instant, and those some port dropped or marked, in flow order. */
export interface BurstVerdicts {
  bursts: Burst[];
  judged: Burst[];
  /** Saturated drop-tail ports that dropped packets of these bursts, and the share of the arrivals each dropped (in port order of judging). */
  overflowPorts: number[];
  overflowShares: number[];
  /** Drop-tail ports (no ECN threshold) that dropped packets of these bursts, saturated or not, the share of the arrivals each dropped, and the span over which they arrived, seconds. */
  dropTailPorts: number[];
  dropTailShares: number[];
  dropTailSpansS: number[];
  /** For each of those, the seconds it dropped arrivals (its buffer full) and the share of the bursts' arrivals it dropped then. */
  dropTailFullS: number[];
  dropTailFullShares: number[];
}

/** An empty {@link BurstVerdicts} (its arrays typed as the judge fills them), for the judge to reset and reuse. */
export function newVerdicts(): BurstVerdicts {
  return {
    bursts: emptyRecords<Burst>(),
    judged: emptyRecords<Burst>(),
    overflowPorts: [],
    overflowShares: emptyDoubles(),
    dropTailPorts: [],
    dropTailShares: emptyDoubles(),
    dropTailSpansS: emptyDoubles(),
    dropTailFullS: emptyDoubles(),
    dropTailFullShares: emptyDoubles(),
  };
}

// BurstJudge: the bursts tcp flows send at one instant, judged together at every port they cross — what each port drops or marks.
import { empty } from "../../core/empty.js";
import { emptyDoubles, emptyRecords } from "../../core/emptyDoubles.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { fifoOverflow } from "../../net/queues/fifoOverflow.js";

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

/**
 * A port and the bursts of an instant arriving there, as {@link BurstJudge}'s test of the port
 * found them: the scratch record its overflow path reads (numbers NaN until the first).
 */
class PortArrivals {
  /** The port (a channel). */
  r = -1;
  /** Packets the bursts bring, and their bytes (`packet` bytes each on average). */
  arrivals = NaN;
  bytes = NaN;
  packet = NaN;
  /** The longest of the bursts' own trains, seconds, and the bytes of their previous rounds, whose ACKs clock them out. */
  longest = NaN;
  clocked = NaN;
  /** Whether every burst reacts to ECN marks (DCTCP). */
  ecnAll = false;
  /** The port's capacity in force, bytes/s, and the rate it drains the bursts at (their flows' shares at a `saturated` drop-tail port). */
  capacity = NaN;
  saturated = false;
  drainBps = NaN;
  /** Packets queued before the bursts (the port's standing queue and their flows' own), its buffer and its marking threshold K (0: it does not mark), in packets. */
  standing = NaN;
  buffer = NaN;
  k = NaN;
}

/**
 * Collects the bursts of one instant and judges them port by port at the end of its solve:
 * arrivals beyond what the port drains while they arrive and its headroom (limit minus the
 * standing queue) overflow, as a share of every burst there. At an ECN port DCTCP's packets
 * above K are marked; the others' are dropped there (RED); everyone's above the buffer are
 * dropped. A flow takes its worst port. Which bursts lose what is the FIFO's to say
 * ({@link fifoOverflow}, over arrival offsets drawn from the run's loss stream).
 */
export class BurstJudge {
  private pending: Burst[] = emptyRecords<Burst>();
  /** The bursts the last {@link judge} returned: taken back into {@link free} at the next one, and that array then holds the next instant's pending bursts. */
  private judgedLast: Burst[] = emptyRecords<Burst>();
  /** Bursts no longer in use, reused by {@link offer} (a round offers one per flow per RTT: they need not be new objects). */
  private readonly free: Burst[] = [];
  /** The verdicts {@link judge} returns: one record and its arrays, reset by each call. */
  private readonly verdicts: BurstVerdicts = {
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
  /** Per port, the bursts of the instant crossing it (kept between instants, emptied after each), and the ports in the order bursts first reached them. */
  private readonly byPort: Array<Burst[] | undefined> = [];
  private readonly touched: number[] = [];
  /** The channels that feed the port being judged, once each in the order first met, and which channels are among them: scratch of {@link judgePort} (emptied after each use). */
  private readonly feeds: number[] = [];
  private readonly isFeed: Uint8Array;
  /** Scratch trains for {@link spread}: its records (kept between calls) and the list it returns. */
  private readonly trainPool: Array<{ packets: number; durationS: number }> = [];
  private readonly trains: Array<{ packets: number; durationS: number }> = [];
  /** What {@link judgePort} found at the port it hands to {@link overflow}: one record, rewritten by each overflow (the rare path allocates nothing). */
  private readonly port = new PortArrivals();

  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channelCount: number,
    private readonly random: RandomStream,
  ) {
    this.isFeed = new Uint8Array(channelCount);
  }

  /** Whether bursts wait to be judged. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Offer `packets` of `flow` (of `packetBytes` each) arriving over `durationS` at every channel
   * of its route, on top of `standing` of its own already queued, clocked out by the ACKs of
   * `prevBytes`; `ecn` for DCTCP.
   */
  offer(flow: number, packets: number, durationS: number, standing: number, prevBytes: number, packetBytes: number, ecn: boolean): void {
    // A new record only when none is free: a literal of constants (NaN where the field holds
    // fractions), then filled as a reused one is. (The path that made and pushed a record of its
    // own ran only in a run's first instants, so the compiled code had no feedback for it and was
    // thrown away when an instant's bursts first outnumbered the free records, with every caller
    // it was inlined into: the slow-start round among them.)
    let b = this.free.pop();
    if (b === undefined) b = { flow: 0, packets: NaN, durationS: NaN, standing: NaN, prevBytes: NaN, packetBytes: NaN, ecn: false, share: NaN, port: -1, fullShare: NaN, marked: NaN, markPort: -1, judged: false };
    b.flow = flow;
    b.packets = packets;
    b.durationS = durationS;
    b.standing = standing;
    b.prevBytes = prevBytes;
    b.packetBytes = packetBytes;
    b.ecn = ecn;
    b.share = 0;
    b.fullShare = 0;
    b.port = -1;
    b.marked = 0;
    b.markPort = -1;
    b.judged = false;
    this.pending.push(b);
  }

  /** Drop `flow`'s pending bursts (it left the route they were sent on before they were judged). */
  withdraw(flow: number): void {
    if (this.pending.some((b) => b.flow === flow)) this.pending = this.pending.filter((b) => b.flow !== flow);
  }

  /**
   * Judge the pending bursts at every port they cross; they are then no longer pending. The
   * verdicts (and the bursts in them) are valid until the next call, which reuses them.
   */
  judge(): BurstVerdicts {
    const bursts = this.pending;
    // The previous instant's bursts are done with: reuse them, and their array for the next pending ones.
    const last = this.judgedLast;
    for (let i = 0; i < last.length; i++) this.free.push(last[i]);
    empty(last);
    this.pending = last;
    this.judgedLast = bursts;
    const v = this.verdicts;
    const judged = v.judged;
    empty(judged);
    v.bursts = bursts;
    empty(v.overflowPorts);
    empty(v.overflowShares);
    empty(v.dropTailPorts);
    empty(v.dropTailShares);
    empty(v.dropTailSpansS);
    empty(v.dropTailFullS);
    empty(v.dropTailFullShares);
    if (bursts.length === 1) {
      // The common case: one burst alone at this instant, judged on its own route.
      const channels = this.channelCount;
      const res = this.network.routeOf(bursts[0].flow).resources;
      for (let i = 0; i < res.length; i++) if (res[i] < channels) this.judgePort(res[i], bursts, judged);
    } else this.judgeTogether(bursts, judged);
    return v;
  }

  /** {@link judge} of several `bursts` at one instant: each port with all the bursts that cross it, verdicts to `judged` in flow order. */
  private judgeTogether(bursts: Burst[], judged: Burst[]): void {
    const channels = this.channelCount;
    const byPort = this.byPort;
    const touched = this.touched;
    for (let j = 0; j < bursts.length; j++) {
      const b = bursts[j];
      const res = this.network.routeOf(b.flow).resources;
      for (let i = 0; i < res.length; i++) {
        const r = res[i];
        if (r >= channels) continue;
        let list = byPort[r];
        if (list === undefined) byPort[r] = list = [];
        if (list.length === 0) touched.push(r);
        list.push(b);
      }
    }
    // Ports in the order bursts first reached them (as a Map keyed by port iterated them).
    for (let i = 0; i < touched.length; i++) {
      const list = byPort[touched[i]]!;
      this.judgePort(touched[i], list, judged);
      empty(list);
    }
    empty(touched);
    // In flow order (stable: a flow's bursts in the order their verdicts came), so the draws from the stream do not depend on map order.
    if (judged.length > 1) judged.sort((a, b) => a.flow - b.flow);
  }

  /** The rate port `r` (of `capacity`) gives the flows of `list` now, bytes/s: the sum of their shares, or its capacity if they have none yet. */
  private shareOf(list: Burst[], capacity: number): number {
    let bps = 0;
    for (let i = 0; i < list.length; i++) bps += this.network.rateOf(list[i].flow);
    return bps > 0 ? Math.min(capacity, bps) : capacity;
  }

  /** `list` as {@link fifoOverflow} takes it, each ACK-clocked burst (one with a previous round) over `trainS` (scratch records, valid until the next call). */
  private spread(list: Burst[], trainS: number): Array<{ packets: number; durationS: number }> {
    const pool = this.trainPool;
    while (pool.length < list.length) pool.push({ packets: 0, durationS: 0 });
    const out = this.trains;
    empty(out);
    for (let i = 0; i < list.length; i++) {
      const r = pool[i];
      r.packets = list[i].packets;
      r.durationS = list[i].prevBytes > 0 ? trainS : list[i].durationS;
      out.push(r);
    }
    return out;
  }

  /**
   * Judge port `r` with the `list` of bursts crossing it; record each burst's worst drop share and
   * marks on it (first verdicts appended to `judged`). Most ports hold what arrives: the test is
   * here, and what a port that overflows does is {@link overflow}'s (compiled on its own: the
   * test runs at every port of every burst, an overflow at a few).
   */
  private judgePort(r: number, list: Burst[], judged: Burst[]): void {
    let arrivals = 0;
    let bytes = 0;
    let own = 0;
    let clocked = 0;
    let longest = 0;
    let ecnAll = true;
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      arrivals += b.packets;
      own += b.standing;
      clocked += b.prevBytes;
      if (b.durationS > longest) longest = b.durationS;
      bytes += b.packets * b.packetBytes;
      if (!b.ecn) ecnAll = false;
    }
    if (!(arrivals > 0)) return;
    const settings = this.queues.settings;
    const packet = bytes / arrivals;
    // The bursts arrive over the longest of their own trains, or longer where their previous
    // rounds shared this port: their ACKs then came back one port-time after another.
    const capacity = this.network.capacityOf(r);
    // At a saturated drop-tail port the other flows' packets keep arriving at the rates the port
    // gives them, so what it drains of the bursts is only their own flows' shares of it. So at a
    // marking port that binds a windowed flow, for ACK-clocked rounds (a slow-start round grows
    // past its share there and is marked, as ns-3's newcomers are in their first windows at a busy
    // port); a first flight there, and bursts elsewhere, have its line rate (a first flight's marks
    // hang on the sawtooth's phase at its arrival, which the mean queue does not tell).
    const saturated = this.queues.saturated(r);
    const busyMarking = clocked > 0 && this.queues.busyMarking(r);
    const drainBps = saturated || busyMarking ? this.shareOf(list, capacity) : capacity;
    const drain = (drainBps * Math.max(longest, clocked / capacity)) / packet;
    const standing = this.queues.queueBytes(r) / packet + own;
    const buffer = settings.bufferBytes[r] / packet;
    const k = this.queues.markingThresholdPackets(r, packet);
    const overBuffer = (arrivals - drain - Math.max(0, buffer - standing)) / arrivals;
    const overK = k > 0 ? (arrivals - drain - Math.max(0, k - standing)) / arrivals : 0;
    if (overBuffer <= 0 && overK <= 0) return;
    const at = this.port;
    at.r = r;
    at.arrivals = arrivals;
    at.bytes = bytes;
    at.packet = packet;
    at.longest = longest;
    at.clocked = clocked;
    at.ecnAll = ecnAll;
    at.capacity = capacity;
    at.saturated = saturated;
    at.drainBps = drainBps;
    at.standing = standing;
    at.buffer = buffer;
    at.k = k;
    this.overflow(at, list, judged);
  }

  /**
   * The port `at` describes ({@link judgePort}) cannot hold what arrives there from the bursts of
   * `list`: what it drops and marks of each (first verdicts appended to `judged`).
   */
  private overflow(at: PortArrivals, list: Burst[], judged: Burst[]): void {
    const { r, arrivals, bytes, packet, longest, clocked, ecnAll, capacity, saturated, drainBps, standing, buffer, k } = at;
    // Some packets overflow: which, is the FIFO's to say. The bursts arrive within the span, each
    // over its own train starting at a drawn offset; the port fills, marks above K, and once full
    // drops what arrives beyond its drain, from the bursts arriving then, in proportion to their
    // rates. Late bursts lose the most: with a large overflow every burst loses its tail, with a
    // small one a few late ones lose all (a drop-tail FIFO's lock-out).
    const limit = ecnAll || !(k > 0) ? buffer : Math.min(k, buffer);
    // The bursts reach the port through the channels before it on their routes: together they
    // carry at most the sum of those channels' capacities, which spreads the arrivals out.
    const feeds = this.feeds;
    const isFeed = this.isFeed;
    for (let i = 0; i < list.length; i++) {
      const res = this.network.routeOf(list[i].flow).resources;
      const at = res.indexOf(r);
      if (at > 0 && res[at - 1] < this.channelCount && isFeed[res[at - 1]] === 0) {
        isFeed[res[at - 1]] = 1;
        feeds.push(res[at - 1]);
      }
    }
    // Summed in the order first met (as a Set of them iterated).
    let feedBps = 0;
    for (let i = 0; i < feeds.length; i++) {
      feedBps += this.network.capacityOf(feeds[i]);
      isFeed[feeds[i]] = 0;
    }
    empty(feeds);
    // The bursts of an instant leave their senders together; where the feeds cannot carry them at
    // their own rates together, the feeds' FIFOs serve them interleaved, each at its share of the
    // arrivals: every train reaches the port stretched by the same factor, all of them from the
    // start of the span (they do not queue one behind another).
    // A marking port keeps the drawn offsets over the feeds' span (docs/transport.md, "Not modelled").
    let stretch = 1;
    if (feedBps > 0 && !(k > 0)) {
      let offeredBps = 0;
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
      const others = ((capacity - drainBps) * spanS) / packet;
      const v = this.verdicts;
      v.dropTailPorts.push(r);
      v.dropTailShares.push(Math.min(1, lost / (arrivals + others)));
      v.dropTailSpansS.push(spanS);
      v.dropTailFullS.push(fullS);
      v.dropTailFullShares.push(fullShare);
    }
    if (saturated && lost > 0) {
      this.verdicts.overflowPorts.push(r);
      this.verdicts.overflowShares.push(Math.min(1, lost / arrivals));
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
}

// BurstJudge: the bursts tcp flows send at one instant, judged together at every port they cross — what each port drops or marks.
import { empty } from "../../core/empty.js";
import { emptyDoubles, emptyRecords } from "../../core/emptyDoubles.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { fifoOverflow } from "../../net/queues/fifoOverflow.js";
import type { Burst, BurstVerdicts } from "./Burst.js";
import { BurstEpisode } from "./BurstEpisode.js";
import { FeedCapacity } from "./FeedCapacity.js";
import { peakOfferedBps } from "./peakOfferedBps.js";
import { PortArrivals } from "./PortArrivals.js";

export type { Burst, BurstVerdicts } from "./Burst.js";

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
  /** The channels that feed the port being judged ({@link overflow}'s scratch). */
  private readonly feeds: FeedCapacity;
  /** Scratch trains for {@link spread}: its records (kept between calls) and the list it returns. */
  private readonly trainPool: Array<{ packets: number; durationS: number; offsetS: number }> = [];
  private readonly trains: Array<{ packets: number; durationS: number; offsetS: number }> = [];
  /** The bursts kept for their overflow episode ({@link openEpisode}, {@link joinEpisode}, {@link closeEpisode}). */
  private readonly episode: BurstEpisode;
  /** What {@link judgePort} found at the port it hands to {@link overflow}: one record, rewritten by each overflow (the rare path allocates nothing). */
  private readonly port = new PortArrivals();

  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channelCount: number,
    private readonly random: RandomStream,
  ) {
    this.feeds = new FeedCapacity(network, channelCount);
    this.episode = new BurstEpisode(queues, channelCount);
  }

  /** The bursts the last {@link judge} judged (read only, valid until the next: for the caller's choice to keep them in an episode). */
  get lastBursts(): readonly Burst[] {
    return this.judgedLast;
  }

  /** The bursts kept in the open episode (empty when none is open). */
  get episodeBursts(): readonly Burst[] {
    return this.episode.bursts;
  }

  /** Whether a route of `resources` crosses a port of the open episode, or the reverse channel of one (a SYN-ACK's way). */
  episodeCrosses(resources: Int32Array): boolean {
    return this.episode.crosses(resources, true);
  }

  /** Whether some of the bursts the last {@link judge} judged may hold an overflow episode ({@link Burst.joins}). */
  get lastJoins(): boolean {
    const b = this.judgedLast;
    for (let i = 0; i < b.length; i++) if (b[i].joins) return true;
    return false;
  }

  /** Keep every burst the last {@link judge} judged in an overflow episode (opened now; none may be open). */
  openEpisode(): void {
    const b = this.judgedLast;
    for (let i = 0; i < b.length; i++) this.episode.add(b[i], this.network.routeOf(b[i].flow).resources);
    this.episode.snapshot();
  }

  /**
   * Those of the bursts the last {@link judge} judged that may join ({@link Burst.joins}) and cross a
   * port of the open episode join it (kept, as copies). Whether any joined.
   */
  joinEpisode(): boolean {
    const b = this.judgedLast;
    const ep = this.episode;
    let joined = false;
    for (let i = 0; i < b.length; i++) {
      if (!b[i].joins) continue;
      const res = this.network.routeOf(b[i].flow).resources;
      if (!ep.crosses(res)) continue;
      ep.add(b[i], res);
      joined = true;
    }
    if (joined) ep.snapshot();
    return joined;
  }

  /**
   * Close the episode and judge its bursts again where bursts of different instants meet at a port
   * and together overflow its buffer: there, all of them together, each at its own offset, against
   * the port's queue when the last joined (the FIFO's one verdict of the overflow). A port no two
   * instants meet at, or that they cannot overflow, keeps the verdicts its instants' judges gave
   * (nothing a train that fits leaves at a port changes a later one's fate there but its marks,
   * which the port's queue at K already gives a flight as its instant's judge reads it). The
   * verdicts (of the episode's records: `bursts`, and those judged again in `judged`) are valid
   * until the next call of {@link judge} or this; the episode is then empty.
   */
  closeEpisode(): BurstVerdicts {
    const v = this.resetVerdicts();
    const bursts = this.episode.bursts;
    v.bursts = bursts;
    const judged = v.judged;
    const byPort = this.byPort;
    const touched = this.touched;
    for (let j = 0; j < bursts.length; j++) this.listAtPorts(bursts[j], this.episode.resourcesOf(j));
    for (let i = 0; i < touched.length; i++) {
      const r = touched[i];
      const list = byPort[r]!;
      let instants = false;
      for (let j = 1; j < list.length && !instants; j++) instants = list[j].atS !== list[0].atS;
      const queued = this.episode.queuedAtStart(r);
      if (instants && this.judgePort(r, list, judged, queued, false) > 0) this.judgePort(r, list, judged, queued);
      empty(list);
    }
    empty(touched);
    if (judged.length > 1) judged.sort((a, b) => a.flow - b.flow);
    return v;
  }

  /** Let go of the closed episode's records ({@link closeEpisode}'s verdicts are answered). */
  clearEpisode(): void {
    this.episode.clear();
  }

  /** Whether bursts wait to be judged. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Offer `packets` of `flow` (of `packetBytes` each) arriving over `durationS` at every channel
   * of its route, on top of `standing` of its own already queued, clocked out by the ACKs of
   * `prevBytes`; `ecn` for DCTCP; `joins`: it may hold or join an overflow episode ({@link Burst.joins}).
   */
  offer(flow: number, packets: number, durationS: number, standing: number, prevBytes: number, packetBytes: number, ecn: boolean, atS = 0, joins = false): void {
    // A new record only when none is free: a literal of constants (NaN where the field holds
    // fractions), then filled as a reused one is. (The path that made and pushed a record of its
    // own ran only in a run's first instants, so the compiled code had no feedback for it and was
    // thrown away when an instant's bursts first outnumbered the free records, with every caller
    // it was inlined into: the slow-start round among them.)
    let b = this.free.pop();
    if (b === undefined) b = { flow: 0, packets: NaN, durationS: NaN, standing: NaN, prevBytes: NaN, packetBytes: NaN, ecn: false, atS: NaN, joins: false, answered: false, offsetS: NaN, share: NaN, port: -1, fullShare: NaN, marked: NaN, markPort: -1, judged: false };
    b.flow = flow;
    b.packets = packets;
    b.durationS = durationS;
    b.standing = standing;
    b.prevBytes = prevBytes;
    b.packetBytes = packetBytes;
    b.ecn = ecn;
    b.atS = atS;
    b.joins = joins;
    b.answered = false;
    b.offsetS = 0;
    b.share = 0;
    b.fullShare = 0;
    b.port = -1;
    b.marked = 0;
    b.markPort = -1;
    b.judged = false;
    this.pending.push(b);
  }

  /** Drop `flow`'s pending and held bursts (it left the route they were sent on before they were judged). */
  withdraw(flow: number): void {
    if (this.pending.some((b) => b.flow === flow)) this.pending = this.pending.filter((b) => b.flow !== flow);
    if (this.episode.holds(flow)) this.episode.withdraw(flow);
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
    const v = this.resetVerdicts();
    const judged = v.judged;
    v.bursts = bursts;
    if (bursts.length === 1) {
      // The common case: one burst alone at this instant, judged on its own route.
      const channels = this.channelCount;
      const res = this.network.routeOf(bursts[0].flow).resources;
      for (let i = 0; i < res.length; i++) if (res[i] < channels) this.judgePort(res[i], bursts, judged, this.queues.queueBytes(res[i]));
    } else this.judgeTogether(bursts, judged);
    return v;
  }

  /** The verdicts record, emptied for a judge. */
  private resetVerdicts(): BurstVerdicts {
    const v = this.verdicts;
    empty(v.judged);
    empty(v.overflowPorts);
    empty(v.overflowShares);
    empty(v.dropTailPorts);
    empty(v.dropTailShares);
    empty(v.dropTailSpansS);
    empty(v.dropTailFullS);
    empty(v.dropTailFullShares);
    return v;
  }

  /** Lists burst `b` at each port (channel) of its route's resources `res`; a port's first burst puts the port in `touched`. */
  private listAtPorts(b: Burst, res: ArrayLike<number>): void {
    const channels = this.channelCount;
    const byPort = this.byPort;
    for (let i = 0; i < res.length; i++) {
      const r = res[i];
      if (r >= channels) continue;
      let list = byPort[r];
      if (list === undefined) byPort[r] = list = [];
      if (list.length === 0) this.touched.push(r);
      list.push(b);
    }
  }

  /** {@link judge} of several `bursts` at one instant: each port with all the bursts that cross it, verdicts to `judged` in flow order. */
  private judgeTogether(bursts: Burst[], judged: Burst[]): void {
    const byPort = this.byPort;
    const touched = this.touched;
    for (let j = 0; j < bursts.length; j++) this.listAtPorts(bursts[j], this.network.routeOf(bursts[j].flow).resources);
    // Ports in the order bursts first reached them (as a Map keyed by port iterated them).
    for (let i = 0; i < touched.length; i++) {
      const list = byPort[touched[i]]!;
      this.judgePort(touched[i], list, judged, this.queues.queueBytes(touched[i]));
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

  /**
   * Judge port `r`, holding `queuedBytes`, with the `list` of bursts crossing it; record each
   * burst's worst drop share and marks on it (first verdicts appended to `judged`). Most ports hold
   * what arrives: the test is here, and what a port that overflows does is {@link overflow}'s
   * (compiled on its own: the test runs at every port of every burst, an overflow at a few).
   * Returns the share of the arrivals beyond the buffer's headroom (≤ 0: none); with `judge`
   * false, only that (nothing recorded).
   */
  private judgePort(r: number, list: Burst[], judged: Burst[], queuedBytes: number, judge = true): number {
    let arrivals = 0;
    let bytes = 0;
    let own = 0;
    let clocked = 0;
    let longest = 0;
    // The end of the latest train after the earliest start (the longest train at one instant).
    let arrivedS = 0;
    let ecnAll = true;
    // Each burst's start after the earliest's (all 0 for the bursts of one instant).
    let firstS = Infinity;
    let lastS = -Infinity;
    for (let i = 0; i < list.length; i++) {
      if (list[i].atS < firstS) firstS = list[i].atS;
      if (list[i].atS > lastS) lastS = list[i].atS;
    }
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      b.offsetS = b.atS - firstS;
      arrivals += b.packets;
      own += b.standing;
      clocked += b.prevBytes;
      if (b.durationS > longest) longest = b.durationS;
      if (b.offsetS + b.durationS > arrivedS) arrivedS = b.offsetS + b.durationS;
      bytes += b.packets * b.packetBytes;
      if (!b.ecn) ecnAll = false;
    }
    if (!(arrivals > 0)) return 0;
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
    const drain = (drainBps * Math.max(arrivedS, clocked / capacity)) / packet;
    const standing = queuedBytes / packet + own;
    const buffer = settings.bufferBytes[r] / packet;
    const k = this.queues.markingThresholdPackets(r, packet);
    const overBuffer = (arrivals - drain - Math.max(0, buffer - standing)) / arrivals;
    const overK = k > 0 ? (arrivals - drain - Math.max(0, k - standing)) / arrivals : 0;
    // Bursts of different instants are tested over the span they arrive in, as an instant's over its longest train.
    const offsetMaxS = lastS - firstS;
    if (!judge || (overBuffer <= 0 && overK <= 0)) return overBuffer;
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
    at.offsetMaxS = offsetMaxS;
    this.overflow(at, list, judged);
    return overBuffer;
  }

  /**
   * The port `at` describes ({@link judgePort}) cannot hold what arrives there from the bursts of
   * `list`: what it drops and marks of each (first verdicts appended to `judged`).
   */
  private overflow(at: PortArrivals, list: Burst[], judged: Burst[]): void {
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
      const v = this.verdicts;
      v.dropTailPorts.push(r);
      v.dropTailShares.push(Math.min(1, lost / (arrivals + others)));
      v.dropTailSpansS.push(spanS + offsetMaxS);
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

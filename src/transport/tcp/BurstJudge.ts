// BurstJudge: the bursts tcp flows send at one instant, judged together at every port they cross — what each port drops or marks.
import { empty } from "../../core/empty.js";
import { emptyRecords } from "../../core/emptyDoubles.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { type Burst, type BurstVerdicts, clearVerdict, newBurst, newVerdicts } from "./Burst.js";
import { BurstEpisode } from "./BurstEpisode.js";
import { PortArrivals } from "./PortArrivals.js";
import { PortOverflow } from "./PortOverflow.js";

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
  private readonly verdicts: BurstVerdicts = newVerdicts();
  /** Per port, the bursts of the instant crossing it (kept between instants, emptied after each), and the ports in the order bursts first reached them. */
  private readonly byPort: Array<Burst[] | undefined> = [];
  private readonly touched: number[] = [];
  /** What a port that cannot hold its arrivals drops and marks of each burst (the rare path of {@link judgePort}). */
  private readonly overflows: PortOverflow;
  /** The bursts kept for their overflow episode ({@link openEpisode}, {@link joinEpisode}, {@link closeEpisode}). */
  private readonly episode: BurstEpisode;
  /** What {@link judgePort} found at the port it hands to {@link PortOverflow}: one record, rewritten by each overflow (the rare path allocates nothing). */
  private readonly port = new PortArrivals();

  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channelCount: number,
    random: RandomStream,
  ) {
    this.overflows = new PortOverflow(network, channelCount, random);
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
    // Bursts of one instant only (none joined): no port is judged again.
    if (!this.episode.instants) return v;
    const judged = v.judged;
    const byPort = this.byPort;
    const touched = this.touched;
    for (let j = 0; j < bursts.length; j++) this.listAtPorts(bursts[j], this.episode.resourcesOf(j));
    for (let i = 0; i < touched.length; i++) {
      const r = touched[i];
      const list = byPort[r]!;
      let instants = false;
      for (let j = 1; j < list.length && !instants; j++) instants = list[j].atS !== list[0].atS;
      if (instants) this.judgePort(r, list, judged, this.episode.queuedAtStart(r), true);
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
    // A new record only when none is free ({@link newBurst}), then filled as a reused one is. (The path that made and pushed a record of its
    // own ran only in a run's first instants, so the compiled code had no feedback for it and was
    // thrown away when an instant's bursts first outnumbered the free records, with every caller
    // it was inlined into: the slow-start round among them.)
    let b = this.free.pop();
    if (b === undefined) b = newBurst();
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
    clearVerdict(b);
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

  /**
   * Judge port `r`, holding `queuedBytes`, with the `list` of bursts crossing it; record each
   * burst's worst drop share and marks on it (first verdicts appended to `judged`). Most ports hold
   * what arrives: the test is here, and what a port that overflows does is {@link PortOverflow}'s
   * (compiled on its own: the test runs at every port of every burst, an overflow at a few). A
   * port is judged where the arrivals pass its buffer's headroom or its marking threshold K; with
   * `bufferOnly` (an episode's close) only where they pass its buffer's.
   */
  private judgePort(r: number, list: Burst[], judged: Burst[], queuedBytes: number, bufferOnly = false): void {
    let arrivals = 0;
    let bytes = 0;
    let own = 0;
    let clocked = 0;
    let longest = 0;
    let ecnAll = true;
    let firstS = Infinity;
    let lastS = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      b.offsetS = 0;
      if (b.atS < firstS) firstS = b.atS;
      if (b.atS > lastS) lastS = b.atS;
      arrivals += b.packets;
      own += b.standing;
      clocked += b.prevBytes;
      if (b.durationS > longest) longest = b.durationS;
      bytes += b.packets * b.packetBytes;
      if (!b.ecn) ecnAll = false;
    }
    // The end of the latest train after the earliest start: at one instant (every judge's bursts)
    // the longest train; bursts of different instants (an episode's) each start after the
    // earliest's by its offset (one loop for the common case, a second only for an episode's).
    let arrivedS = longest;
    if (lastS > firstS) {
      arrivedS = 0;
      for (let i = 0; i < list.length; i++) {
        const b = list[i];
        b.offsetS = b.atS - firstS;
        if (b.offsetS + b.durationS > arrivedS) arrivedS = b.offsetS + b.durationS;
      }
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
    const drain = (drainBps * Math.max(arrivedS, clocked / capacity)) / packet;
    const standing = queuedBytes / packet + own;
    const buffer = settings.bufferBytes[r] / packet;
    const k = this.queues.markingThresholdPackets(r, packet);
    const overBuffer = (arrivals - drain - Math.max(0, buffer - standing)) / arrivals;
    const overK = k > 0 ? (arrivals - drain - Math.max(0, k - standing)) / arrivals : 0;
    // Bursts of different instants are tested over the span they arrive in, as an instant's over its longest train.
    const offsetMaxS = lastS - firstS;
    if (bufferOnly ? !(overBuffer > 0) : overBuffer <= 0 && overK <= 0) return;
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
    this.overflows.judge(at, list, judged, this.verdicts);
  }
}

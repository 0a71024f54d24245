// BurstEpisode: copies of the bursts of an overflow episode, judged each at its instant and kept until the episode closes, and the channels they cross.
import { empty } from "../../core/empty.js";
import { emptyRecords } from "../../core/emptyDoubles.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { type Burst, clearVerdict, newBurst } from "./Burst.js";

/**
 * The bursts {@link BurstJudge} keeps (as copies: its own records are reused by the next instant)
 * so that first flights (and the survivors' next rounds, `Burst.joins`) offered a little apart can
 * be judged again together, each at its own offset, where together they overflow a port — and the
 * channels (ports) they cross: a later one crossing one of them joins.
 */
export class BurstEpisode {
  /** The kept bursts, in the order they joined, and the resources of each one's route. */
  readonly bursts: Burst[] = emptyRecords<Burst>();
  private readonly resources: Int32Array[] = [];
  /** Records no longer in use, reused by {@link add}. */
  private readonly free: Burst[] = [];
  /** 1 for each channel some kept burst crosses; `ports` lists them (to clear). */
  private readonly at: Uint8Array;
  private readonly ports: number[] = [];
  /** Per port kept, the bytes queued there when the last burst joined ({@link snapshot}: what the episode's arrivals meet, every flow of it started). */
  private readonly queuedBytes: Float64Array;
  /** Set when a burst of another instant than the first kept one's joins ({@link instants}). */
  private several = false;

  constructor(
    private readonly queues: QueueState,
    private readonly channelCount: number,
  ) {
    this.at = new Uint8Array(channelCount);
    this.queuedBytes = new Float64Array(channelCount);
  }

  /** The bytes queued at port `r` at the last {@link snapshot}, or NaN if no kept burst crosses it. */
  queuedAtStart(r: number): number {
    return this.at[r] === 1 ? this.queuedBytes[r] : NaN;
  }

  /** Whether the kept bursts were offered at more than one instant (a later one joined; stays set until {@link clear}). */
  get instants(): boolean {
    return this.several;
  }

  /** Whether bursts are kept. */
  get open(): boolean {
    return this.bursts.length > 0;
  }

  /**
   * Keep a copy of `b` (as offered, with `answered`: whether its instant's judge dropped some of
   * it), which crosses `resources` (its route's; entries ≥ the channel count are not ports).
   */
  add(b: Burst, resources: Int32Array): void {
    let c = this.free.pop();
    // (A record of the judge's own hidden class: newBurst.)
    if (c === undefined) c = newBurst();
    c.flow = b.flow;
    c.packets = b.packets;
    c.durationS = b.durationS;
    c.standing = b.standing;
    c.prevBytes = b.prevBytes;
    c.packetBytes = b.packetBytes;
    c.ecn = b.ecn;
    c.atS = b.atS;
    c.joins = b.joins;
    c.answered = b.share > 0;
    clearVerdict(c);
    if (this.bursts.length > 0 && b.atS !== this.bursts[0].atS) this.several = true;
    this.bursts.push(c);
    this.resources.push(resources);
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < this.channelCount && this.at[r] === 0) {
        this.at[r] = 1;
        this.ports.push(r);
      }
    }
  }

  /** The resources of the route of the `i`-th kept burst. */
  resourcesOf(i: number): Int32Array {
    return this.resources[i];
  }

  /** Read the queues of the kept ports now (after the bursts of an instant joined). */
  snapshot(): void {
    for (let i = 0; i < this.ports.length; i++) this.queuedBytes[this.ports[i]] = this.queues.queueBytes(this.ports[i]);
  }

  /** Whether a route of `resources` crosses a port some kept burst crosses (or, with `reverse`, that port's reverse channel: channels come in pairs 2k, 2k + 1). */
  crosses(resources: Int32Array, reverse = false): boolean {
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < this.channelCount && (this.at[r] === 1 || (reverse && this.at[r ^ 1] === 1))) return true;
    }
    return false;
  }

  /** Whether a burst of `flow` is kept. */
  holds(flow: number): boolean {
    for (let i = 0; i < this.bursts.length; i++) if (this.bursts[i].flow === flow) return true;
    return false;
  }

  /** Let go of `flow`'s kept bursts (its ports stay marked until {@link clear}). */
  withdraw(flow: number): void {
    const b = this.bursts;
    const res = this.resources;
    let k = 0;
    for (let i = 0; i < b.length; i++) {
      if (b[i].flow === flow) {
        this.free.push(b[i]);
        continue;
      }
      res[k] = res[i];
      b[k++] = b[i];
    }
    b.length = k;
    res.length = k;
  }

  /** Keep nothing. */
  clear(): void {
    this.several = false;
    for (let i = 0; i < this.bursts.length; i++) this.free.push(this.bursts[i]);
    empty(this.bursts);
    empty(this.resources);
    for (let i = 0; i < this.ports.length; i++) this.at[this.ports[i]] = 0;
    empty(this.ports);
  }
}

// BurstEpisode: the bursts of an overflow episode held back from judging until it closes, and the channels they cross.
import { empty } from "../../core/empty.js";
import { emptyRecords } from "../../core/emptyDoubles.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { Burst } from "./Burst.js";

/**
 * The bursts {@link BurstJudge} holds back so that first flights (and the survivors' next rounds,
 * `Burst.joins`) offered a little apart are judged together, each at its own offset (one verdict
 * per episode), and the channels (ports) they cross: a later one crossing one of them joins.
 */
export class BurstEpisode {
  /** The held bursts, in the order they joined. */
  readonly bursts: Burst[] = emptyRecords<Burst>();
  /** 1 for each channel some held burst crosses; `ports` lists them (to clear). */
  private readonly at: Uint8Array;
  private readonly ports: number[] = [];
  /** Per port held, the bytes queued there when the last burst joined ({@link snapshot}: what the episode's arrivals meet, every flow of it started, none of its verdicts in). */
  private readonly queuedBytes: Float64Array;

  constructor(
    private readonly queues: QueueState,
    private readonly channelCount: number,
  ) {
    this.at = new Uint8Array(channelCount);
    this.queuedBytes = new Float64Array(channelCount);
  }

  /** The bytes queued at port `r` at the last {@link snapshot}, or NaN if no held burst crosses it. */
  queuedAtStart(r: number): number {
    return this.at[r] === 1 ? this.queuedBytes[r] : NaN;
  }

  /** Whether bursts are held. */
  get open(): boolean {
    return this.bursts.length > 0;
  }

  /** Hold `b`, which crosses `resources` (its route's; entries ≥ the channel count are not ports). */
  add(b: Burst, resources: Int32Array): void {
    b.held = true;
    this.bursts.push(b);
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < this.channelCount && this.at[r] === 0) {
        this.at[r] = 1;
        this.ports.push(r);
      }
    }
  }

  /** Read the queues of the held ports now (after the bursts of an instant joined). */
  snapshot(): void {
    for (let i = 0; i < this.ports.length; i++) this.queuedBytes[this.ports[i]] = this.queues.queueBytes(this.ports[i]);
  }

  /** Whether a route of `resources` crosses a port some held burst crosses (or, with `reverse`, that port's reverse channel: channels come in pairs 2k, 2k + 1). */
  crosses(resources: Int32Array, reverse = false): boolean {
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < this.channelCount && (this.at[r] === 1 || (reverse && this.at[r ^ 1] === 1))) return true;
    }
    return false;
  }

  /** Whether a burst of `flow` is held. */
  holds(flow: number): boolean {
    for (let i = 0; i < this.bursts.length; i++) if (this.bursts[i].flow === flow) return true;
    return false;
  }

  /** Let go of `flow`'s held bursts (its ports stay marked until {@link clear}). */
  withdraw(flow: number): void {
    const b = this.bursts;
    let k = 0;
    for (let i = 0; i < b.length; i++) if (b[i].flow !== flow) b[k++] = b[i];
    b.length = k;
  }

  /** Hold nothing. */
  clear(): void {
    empty(this.bursts);
    for (let i = 0; i < this.ports.length; i++) this.at[this.ports[i]] = 0;
    empty(this.ports);
  }
}

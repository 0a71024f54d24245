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
  /** The held bursts, in the order they joined, and the resources of each one's route. */
  readonly bursts: Burst[] = emptyRecords<Burst>();
  private readonly resources: Int32Array[] = [];
  /** 1 for each channel some held burst crosses; `ports` lists them (to clear). */
  private readonly at: Uint8Array;
  private readonly ports: number[] = [];
  /** Per port held, the bytes queued there when the last burst joined ({@link snapshot}: what the episode's arrivals meet, every flow of it started, none of its verdicts in). */
  private readonly queuedBytes: Float64Array;
  /**
   * Per instant that bursts joined at ({@link snapshot}), the bytes queued then at the ports its
   * bursts cross: `instantS[i]`, and its ports and bytes from `instantFrom[i]` to `instantFrom[i + 1]`
   * in `instantPorts`, `instantBytes` ({@link queuedAtInstant}: what that instant's bursts met).
   */
  private readonly instantS: number[] = [];
  private readonly instantFrom: number[] = [0];
  private readonly instantPorts: number[] = [];
  private readonly instantBytes: number[] = [];
  /** The bursts added since the last {@link snapshot} (those of the instant it records). */
  private sinceSnapshot = 0;

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

  /**
   * The bytes queued at port `r` at the instant `atS` when bursts crossing it joined (its
   * {@link snapshot}), or NaN if none of that instant's bursts crosses it.
   */
  queuedAtInstant(r: number, atS: number): number {
    for (let i = 0; i < this.instantS.length; i++) {
      if (this.instantS[i] !== atS) continue;
      for (let j = this.instantFrom[i]; j < this.instantFrom[i + 1]; j++) if (this.instantPorts[j] === r) return this.instantBytes[j];
    }
    return NaN;
  }

  /** Whether bursts are held. */
  get open(): boolean {
    return this.bursts.length > 0;
  }

  /** Hold `b`, which crosses `resources` (its route's; entries ≥ the channel count are not ports). */
  add(b: Burst, resources: Int32Array): void {
    b.held = true;
    this.bursts.push(b);
    this.resources.push(resources);
    this.sinceSnapshot++;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < this.channelCount && this.at[r] === 0) {
        this.at[r] = 1;
        this.ports.push(r);
      }
    }
  }

  /** Read the queues of the held ports now (after the bursts of an instant joined), and record those of the ports this instant's bursts cross ({@link queuedAtInstant}). */
  snapshot(): void {
    for (let i = 0; i < this.ports.length; i++) this.queuedBytes[this.ports[i]] = this.queues.queueBytes(this.ports[i]);
    const b = this.bursts;
    if (this.sinceSnapshot === 0) return;
    this.instantS.push(b[b.length - 1].atS);
    const from = this.instantPorts.length;
    for (let i = b.length - this.sinceSnapshot; i < b.length; i++) {
      const res = this.resources[i];
      for (let j = 0; j < res.length; j++) {
        const r = res[j];
        if (r >= this.channelCount || this.instantPorts.indexOf(r, from) >= 0) continue;
        this.instantPorts.push(r);
        this.instantBytes.push(this.queuedBytes[r]);
      }
    }
    this.instantFrom.push(this.instantPorts.length);
    this.sinceSnapshot = 0;
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
    const res = this.resources;
    let k = 0;
    let since = 0;
    for (let i = 0; i < b.length; i++) {
      if (b[i].flow === flow) {
        if (i >= b.length - this.sinceSnapshot) since++;
        continue;
      }
      res[k] = res[i];
      b[k++] = b[i];
    }
    b.length = k;
    res.length = k;
    this.sinceSnapshot -= since;
  }

  /** Hold nothing. */
  clear(): void {
    empty(this.bursts);
    empty(this.resources);
    empty(this.instantS);
    this.instantFrom.length = 1;
    empty(this.instantPorts);
    empty(this.instantBytes);
    this.sinceSnapshot = 0;
    for (let i = 0; i < this.ports.length; i++) this.at[this.ports[i]] = 0;
    empty(this.ports);
  }
}

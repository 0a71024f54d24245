// BoundFlows: per resource, the queue-building flows it is the max-min bottleneck of — how many of each class, and their base RTTs, packets, DCTCP α and limited flights summed.
import { QueueClass } from "./QueueClass.js";

/** Places in a resource's record of counts: the bound flows of each class at its {@link QueueClass} value (0–4), the flight-limited ones at LIMITED. */
const LIMITED = 5;
const COUNTS = 8;
/** Places in a resource's record of sums. */
const RTT_SUM = 0;
const PACKET_SUM = 1;
const ALPHA_SUM = 2;
const LIMITED_SUM = 3;
const SUMS = 4;

/**
 * What {@link QueueState} computes a port's queue from: for every resource, the flows bound
 * there counted by {@link QueueClass} and summed. A flow is added where it binds and taken off
 * where it no longer does with the values it was added with, so each sum is a running sum
 * (floating point: the order of additions is the order of rate changes).
 */
export class BoundFlows {
  /**
   * Per resource, side by side at `r * COUNTS` (one cache line for what a rate change or a
   * judgement of the port reads, where five arrays took five): the flows of each
   * {@link QueueClass} bound there (at `+ cls`), and those whose flight is limited (at `+ LIMITED`).
   */
  private readonly counts: Int32Array;
  /**
   * Per resource, side by side at `r * SUMS`: the bound flows' base RTTs (`+ RTT_SUM`), packet
   * sizes (`+ PACKET_SUM`), the α of the DCTCP ones (`+ ALPHA_SUM`) and the limited ones'
   * flights, bytes (`+ LIMITED_SUM`).
   */
  private readonly sums: Float64Array;

  constructor(resourceCount: number) {
    this.counts = new Int32Array(resourceCount * COUNTS);
    this.sums = new Float64Array(resourceCount * SUMS);
  }

  /** Add a flow of class `cls` (a {@link QueueClass} value) to resource `r`: its base RTT, packet size, α (counted for DCTCP only) and flight (Infinity: not limited). */
  add(r: number, cls: number, baseRttS: number, packetBytes: number, alpha: number, flightBytes: number): void {
    const counts = this.counts;
    const sums = this.sums;
    counts[r * COUNTS + cls]++;
    const a = r * SUMS;
    sums[a + RTT_SUM] += baseRttS;
    sums[a + PACKET_SUM] += packetBytes;
    if (cls === QueueClass.Dctcp) sums[a + ALPHA_SUM] += alpha;
    if (flightBytes !== Infinity) {
      counts[r * COUNTS + LIMITED]++;
      sums[a + LIMITED_SUM] += flightBytes;
    }
  }

  /** Take a flow {@link add}ed to `r` off it again, with the values it has now (those it was added with, or moved to since). */
  remove(r: number, cls: number, baseRttS: number, packetBytes: number, alpha: number, flightBytes: number): void {
    const counts = this.counts;
    const sums = this.sums;
    counts[r * COUNTS + cls]--;
    const w = r * SUMS;
    sums[w + RTT_SUM] -= baseRttS;
    sums[w + PACKET_SUM] -= packetBytes;
    if (cls === QueueClass.Dctcp) sums[w + ALPHA_SUM] -= alpha;
    if (flightBytes !== Infinity) {
      counts[r * COUNTS + LIMITED]--;
      sums[w + LIMITED_SUM] -= flightBytes;
    }
  }

  /** A DCTCP flow bound at `r` changed its α by `delta`. */
  moveAlpha(r: number, delta: number): void {
    this.sums[r * SUMS + ALPHA_SUM] += delta;
  }

  /** A flow bound at `r` changed its flight from `was` to `bytes` (Infinity: not limited). */
  moveFlight(r: number, was: number, bytes: number): void {
    if (was !== Infinity) {
      this.counts[r * COUNTS + LIMITED]--;
      this.sums[r * SUMS + LIMITED_SUM] -= was;
    }
    if (bytes !== Infinity) {
      this.counts[r * COUNTS + LIMITED]++;
      this.sums[r * SUMS + LIMITED_SUM] += bytes;
    }
  }

  /** The flows of class `cls` bound at `r`. */
  count(r: number, cls: QueueClass): number {
    return this.counts[r * COUNTS + cls];
  }

  /** The flows bound at `r` whose windows fill its queue (DCTCP, NewReno, Cubic; not lossless rdma). */
  windowed(r: number): number {
    const c = r * COUNTS;
    return this.counts[c + QueueClass.Dctcp] + this.counts[c + QueueClass.NewReno] + this.counts[c + QueueClass.Cubic];
  }

  /** The flows bound at `r` whose flight is limited. */
  limited(r: number): number {
    return this.counts[r * COUNTS + LIMITED];
  }

  /** Sum of the base RTTs of the flows bound at `r`, seconds. */
  rttSumS(r: number): number {
    return this.sums[r * SUMS + RTT_SUM];
  }

  /** Sum of the packet sizes of the flows bound at `r`, bytes. */
  packetSumBytes(r: number): number {
    return this.sums[r * SUMS + PACKET_SUM];
  }

  /** Sum of the α of the DCTCP flows bound at `r`. */
  alphaSum(r: number): number {
    return this.sums[r * SUMS + ALPHA_SUM];
  }

  /** Sum of the flights of the limited flows bound at `r`, bytes. */
  limitedSumBytes(r: number): number {
    return this.sums[r * SUMS + LIMITED_SUM];
  }
}

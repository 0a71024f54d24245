// RingPhase: k steps around a ring, a whole-byte share of the buffer per step, with each member's own readiness and completion.
import { splitBytes, splitBytesWindow } from "../splitBytes.js";
import type { Granularity } from "./Granularity.js";
import type { TransferResult } from "../Workload.js";
import type { TransferTracker } from "./TransferTracker.js";

/** One ring: members in ring order (each sends to the next, the last to the first). */
export interface RingSpec {
  /** Node ids in ring order. */
  nodes: readonly string[];
  /** Steps each member sends (2(n−1) for an all-reduce, n−1 for a reduce-scatter or all-gather). */
  steps: number;
  /**
   * Bytes of the buffer the ring works on, cut into n whole-byte shares by
   * {@link splitBytes} (sizes differ by at most one byte and add up exactly): at step s
   * member i sends share (i − s − shift) mod n, so a step moves about bufferBytes/n.
   */
  bufferBytes: number;
  /**
   * 1 for a reduce-scatter or an all-reduce (member i forwards share i − 1 first and ends
   * the reduce-scatter holding share i), 0 for an all-gather (member i starts holding share i
   * and sends it first).
   */
  shift: 0 | 1;
  granularity: Granularity;
  /** Prefix of the flow ids: `<prefix>.<member>.<step>` (`<prefix>.<member>` when pipelined). */
  idPrefix: string;
}

/**
 * The ring algorithm's data dependency without a global barrier: member i sends step s to
 * its successor once it is ready, its successor is ready (the receive is posted), its send of
 * step s−1 has completed and it has received step s−1 from its predecessor. A member is done
 * when it has sent and received every step. Call {@link ready} for each member (any order, any time).
 *
 * `pipelined`: each ring edge is one flow of the bytes of all its steps that starts when both
 * ends are ready and waits steps − 1 extra route latencies, so alone it takes
 * steps·(α + bufferBytes/(nB)), like the step model under symmetric load; under asymmetric
 * contention its fast edges finish early instead of being paced by the slowest.
 */
export class RingPhase {
  private readonly n: number;
  private readonly sent: Int32Array;
  private readonly received: Int32Array;
  private readonly sending: Uint8Array;
  private readonly isReady: Uint8Array;
  private readonly finished: Uint8Array;
  /** The member that sent each transfer in progress, by flow number. */
  private readonly senderOf = new Map<number, number>();
  /** Every transfer's completion: one function for the ring (a 4,096-member ring starts 4,096 flows at once), not one per transfer. */
  private readonly transferDone: (result: TransferResult) => void;

  /**
   * @param flows receives the flow number of every transfer started.
   * @param onMemberDone called once per member, when it has sent and received every step.
   */
  constructor(
    private readonly tracker: TransferTracker,
    private readonly spec: RingSpec,
    private readonly flows: number[],
    private readonly onMemberDone: (member: number) => void,
  ) {
    this.n = spec.nodes.length;
    this.sent = new Int32Array(this.n);
    this.received = new Int32Array(this.n);
    this.sending = new Uint8Array(this.n);
    this.isReady = new Uint8Array(this.n);
    this.finished = new Uint8Array(this.n);
    this.transferDone = tracker.sharedCallback((result) => {
      const i = this.senderOf.get(result.flow)!;
      this.senderOf.delete(result.flow);
      this.delivered(i, i + 1 === this.n ? 0 : i + 1, spec.granularity === "pipelined" ? spec.steps : 1);
    });
  }

  /** Member `i` has its data and may start. */
  ready(i: number): void {
    if (this.isReady[i]) return;
    this.isReady[i] = 1;
    if (this.n === 1 || this.spec.steps === 0) {
      this.finished[i] = 1;
      this.onMemberDone(i);
      return;
    }
    this.trySend(i);
    this.trySend((i + this.n - 1) % this.n);
  }

  private trySend(i: number): void {
    const next = i + 1 === this.n ? 0 : i + 1;
    if (!this.isReady[i] || !this.isReady[next] || this.sending[i]) return;
    const s = this.sent[i];
    const { steps, bufferBytes, shift, nodes, idPrefix } = this.spec;
    if (s >= steps) return;
    if (this.spec.granularity === "pipelined") {
      this.sending[i] = 1;
      const sizeBytes = splitBytesWindow(bufferBytes, this.n, i - shift, steps);
      const request = { id: `${idPrefix}.${i}`, src: nodes[i], dst: nodes[next], sizeBytes, extraLatencies: steps - 1 };
      this.senderOf.set(this.tracker.startShared(request, this.flows, this.transferDone), i);
      return;
    }
    // Step s forwards what arrived in step s − 1.
    if (s > this.received[i]) return;
    this.sending[i] = 1;
    const sizeBytes = splitBytes(bufferBytes, this.n, (((i - s - shift) % this.n) + this.n) % this.n);
    this.senderOf.set(this.tracker.startShared({ id: `${idPrefix}.${i}.${s}`, src: nodes[i], dst: nodes[next], sizeBytes }, this.flows, this.transferDone), i);
  }

  private delivered(i: number, next: number, steps: number): void {
    this.sending[i] = 0;
    this.sent[i] += steps;
    this.received[next] += steps;
    this.trySend(i);
    this.trySend(next);
    this.checkDone(i);
    this.checkDone(next);
  }

  private checkDone(i: number): void {
    if (this.finished[i] || this.sent[i] < this.spec.steps || this.received[i] < this.spec.steps) return;
    this.finished[i] = 1;
    this.onMemberDone(i);
  }
}

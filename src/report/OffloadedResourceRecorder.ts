// OffloadedResourceRecorder: a ResourceRecorder whose per-rate-change accounting runs in a worker thread, fed through shared memory; same accounts, bit for bit.
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from "node:worker_threads";
import { grown } from "../core/grown.js";
import { startModuleWorker } from "../core/startModuleWorker.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { RateChanges } from "../net/RateChanges.js";
import type { Topology } from "../net/Topology.js";
import { CAP_BOUND } from "./flowBottleneck.js";
import type { FlowBoundsHandOver } from "./FlowRecorder.js";
import { RecordRing } from "./RecordRing.js";
import { ResourceRecord, type ResourceWorkerData } from "./ResourceRecord.js";
import { ResourceRecorder } from "./ResourceRecorder.js";

/**
 * Values the ring holds (8 MiB). A ring of 2²² (32 MiB) woke the worker a quarter as often (each wake ~1.6–1.9 ms of
 * the simulation thread's wall on a loaded 2-core machine) but its first touches cost a 10⁵-flow run more than
 * the wakes saved: measured and not kept (docs/architecture.md, "Session 58").
 */
const RING_VALUES = 1 << 20;
/** Values gathered before they are sent (one atomic publish per block). */
const BLOCK_VALUES = 1 << 15;

/**
 * A {@link ResourceRecorder} whose accounting runs on another core: it copies each batch of
 * rate changes (and the routes of the flows its worker does not hold yet, and capacity
 * changes) into a {@link RecordRing}, and a worker thread (`resourceRecorderWorker`) replays
 * them, in the same order, into a ResourceRecorder of its own; {@link finish} sends the close
 * without waiting, and the first read of an account waits for the worker's accounts and
 * answers from them (so the simulation's thread makes the reports that need only the flows
 * meanwhile). The worker does exactly what this recorder
 * would have done in the simulation's thread (the same calls with the same numbers in the same
 * order, so every sum has the same bits); the simulation's thread only writes about five
 * numbers a rate change. A route is sent when the worker's recorder would read it from the
 * network: at a flow's first rate change, and again after a change to rate 0 (it lets its copy
 * go then; a reroute or restart reads the route in force).
 *
 * With `keepFlowBounds` the worker also keeps, from the same records, the flows' bottlenecks
 * that a {@link FlowRecorder} would keep from the same changes (a {@link FlowBounds}), and
 * hands them over at {@link finish} ({@link flowBounds}; the FlowRecorder is made with
 * `boundsElsewhere` reading them). The only thing it needs besides the changes is whether a
 * flow's cap in force is 0 where it goes to rate 0 with no bottleneck (then that is not its
 * completion): a ZERO_CAP record says so, rarely.
 *
 * Worth it when the run is long (the accounting was a fifth of a 10⁶-flow run's time) and a
 * second core is free; starting the worker costs a few tens of milliseconds of that core.
 * After {@link finish} it takes no more changes (a second finish at the same or an earlier
 * time is the no-op it is for ResourceRecorder).
 */
export class OffloadedResourceRecorder extends ResourceRecorder {
  private readonly ring: RecordRing;
  private readonly worker: Worker;
  private readonly answer: Float64Array;
  /** Records not yet sent. */
  private block = new Float64Array(BLOCK_VALUES * 2);
  private staged = 0;
  /** The end `finish` was called with (undefined before). */
  private finishedAtS: number | undefined;
  /** Answers the worker had posted before the FINISH: it posts two (the flows' bottlenecks, then the accounts). */
  private seen = 0;
  /** True from {@link finish} until the worker's accounts are taken (at the first read of one). */
  private accountsDue = false;
  /** Where the worker posts the flows' bottlenecks at finish (with `keepFlowBounds`), and what it posted. */
  private readonly boundsPort: MessagePort | undefined;
  private handed: FlowBoundsHandOver | undefined;

  /**
   * `ringValues`: numbers the ring between the threads holds (a power of two; tests make it small).
   * `keepFlowBounds`: the worker keeps the flows' bottlenecks too (see the class doc).
   */
  constructor(network: FlowNetwork, topology: Topology, workerUrl: URL, ringValues = RING_VALUES, keepFlowBounds = false) {
    super(network, topology);
    const R = topology.resourceCount;
    const capacityBps = new Float64Array(R);
    for (let r = 0; r < R; r++) capacityBps[r] = network.capacityOf(r);
    const memory = RecordRing.allocate(ringValues);
    const answer = new SharedArrayBuffer(8 * ResourceRecorder.accountsLength(R));
    this.ring = new RecordRing(memory);
    this.answer = new Float64Array(answer);
    const data: ResourceWorkerData = { ring: memory, capacityBps, answer };
    if (keepFlowBounds) {
      const channel = new MessageChannel();
      this.boundsPort = channel.port1;
      data.flowBounds = channel.port2;
      this.worker = startModuleWorker(workerUrl, { workerData: data, transferList: [channel.port2] });
    } else this.worker = startModuleWorker(workerUrl, { workerData: data });
    // The simulation's thread waits for it only through the ring; it must not keep the process alive.
    this.worker.unref();
    // A failure reaches the simulation's thread through the ring (RecordRing.fail: its next wait throws); the event comes later, if ever.
    this.worker.on("error", () => {});
  }

  /** Nothing per flow here: the worker's recorder makes room for a flow when its route comes. */
  override flowStarted(_flow: number, _nowS: number): void {}

  override ratesChanged(changes: RateChanges): void {
    this.open();
    const n = changes.count;
    const { flows, oldRatesBps, newRatesBps, bottlenecks } = changes;
    for (let k = 0; k < n; k++) {
      const flow = flows[k];
      if (newRatesBps[k] === 0 && bottlenecks[k] === CAP_BOUND && this.network.capOf(flow) === 0) {
        const z = this.room(2);
        z[this.staged++] = ResourceRecord.ZERO_CAP;
        z[this.staged++] = flow;
      }
      // The worker's recorder holds the route of a flow whose last change went to a rate above 0,
      // that is, of one whose change now starts from a rate above 0: a FlowNetwork reports each of
      // a flow's changes from the rate it reported last (0 before the first, and again once it
      // stopped, failed or left its route). Else it needs the route in force.
      if (oldRatesBps[k] !== 0) continue;
      const resources = this.network.routeOf(flow).resources;
      const len = resources.length;
      const b = this.room(3 + len);
      let at = this.staged;
      b[at++] = ResourceRecord.ROUTE;
      b[at++] = flow;
      b[at++] = len;
      for (let i = 0; i < len; i++) b[at++] = resources[i];
      this.staged = at;
    }
    const b = this.room(3 + 4 * n);
    let at = this.staged;
    b[at++] = ResourceRecord.CHANGES;
    b[at++] = changes.nowS;
    b[at++] = n;
    for (let k = 0; k < n; k++) {
      b[at++] = flows[k];
      b[at++] = oldRatesBps[k];
      b[at++] = newRatesBps[k];
      b[at++] = bottlenecks[k];
    }
    this.staged = at;
    if (at >= BLOCK_VALUES) this.flush();
  }

  override capacityChanged(resource: number, oldCapacityBps: number, newCapacityBps: number, nowS: number): void {
    this.open();
    const b = this.room(5);
    let at = this.staged;
    b[at++] = ResourceRecord.CAPACITY;
    b[at++] = resource;
    b[at++] = oldCapacityBps;
    b[at++] = newCapacityBps;
    b[at++] = nowS;
    this.staged = at;
  }

  /**
   * Close every resource at `endS` in the worker; the worker then stops. Does not wait: the
   * worker posts the flows' bottlenecks, then closes its accounts and makes their percentiles
   * while this thread goes on; the first read of an account (any accessor) waits for them
   * and takes them, and {@link flowBounds} waits only for the bottlenecks. So the reports that
   * need only the flows (their percentiles, the workloads' pass) are made meanwhile.
   */
  override finish(endS: number): void {
    if (this.finishedAtS !== undefined) {
      if (endS <= this.finishedAtS) return;
      throw new Error(`OffloadedResourceRecorder: finished at ${this.finishedAtS} s, asked to finish again at ${endS} s`);
    }
    const b = this.room(3);
    b[this.staged++] = ResourceRecord.FINISH;
    b[this.staged++] = endS;
    b[this.staged++] = ResourceRecord.STOP;
    this.seen = this.ring.answers();
    this.flush();
    this.ring.wake();
    this.finishedAtS = endS;
    this.accountsDue = true;
  }

  /** The flows' bottlenecks the worker kept (with `keepFlowBounds`), once {@link finish} was called (waits for the worker's first answer). */
  flowBounds(): FlowBoundsHandOver {
    if (!this.handed) {
      if (!this.boundsPort) throw new Error("OffloadedResourceRecorder: made without keepFlowBounds");
      if (this.finishedAtS === undefined) throw new Error("OffloadedResourceRecorder: the flows' bottlenecks are read after finish");
      this.ring.awaitAnswer(this.seen);
      // The worker posted them before its first answer.
      this.handed = receiveMessageOnPort(this.boundsPort)?.message as FlowBoundsHandOver | undefined;
      this.boundsPort.close();
      if (!this.handed) throw new Error("OffloadedResourceRecorder: the worker answered without the flows' bottlenecks");
    }
    return this.handed;
  }

  override get horizonS(): number {
    if (this.accountsDue) this.takeAccounts();
    return super.horizonS;
  }
  override bytesOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.bytesOf(r);
  }
  override meanUtilOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.meanUtilOf(r);
  }
  override peakUtilOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.peakUtilOf(r);
  }
  override saturatedFracOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.saturatedFracOf(r);
  }
  override bottleneckFlowSOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.bottleneckFlowSOf(r);
  }
  override p95UtilOf(r: number): number {
    if (this.accountsDue) this.takeAccounts();
    return super.p95UtilOf(r);
  }
  override writeAccounts(out: Float64Array): void {
    if (this.accountsDue) this.takeAccounts();
    super.writeAccounts(out);
  }

  /** Wait for the worker's second answer to the FINISH (its accounts) and answer from them. */
  private takeAccounts(): void {
    this.ring.awaitAnswer(this.seen + 1);
    this.readAccounts(this.answer);
    this.accountsDue = false;
  }

  private open(): void {
    if (this.finishedAtS !== undefined) throw new Error("OffloadedResourceRecorder: a rate or capacity change after finish");
  }

  /** The block, with room for `n` more values. */
  private room(n: number): Float64Array {
    if (this.staged + n > this.block.length) this.block = grown(this.block, Math.max(this.staged + n, this.block.length * 2));
    return this.block;
  }

  private flush(): void {
    this.ring.send(this.block, this.staged);
    this.staged = 0;
  }
}

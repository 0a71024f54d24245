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

/** Values the ring holds (8 MiB). */
const RING_VALUES = 1 << 20;
/** Values gathered before they are sent (one atomic publish per block). */
const BLOCK_VALUES = 1 << 15;

/**
 * A {@link ResourceRecorder} whose accounting runs on another core: it copies each batch of
 * rate changes (and the routes of the flows its worker does not hold yet, and capacity
 * changes) into a {@link RecordRing}, and a worker thread (`resourceRecorderWorker`) replays
 * them, in the same order, into a ResourceRecorder of its own; at {@link finish} it waits for
 * the worker's accounts and answers from them. The worker does exactly what this recorder
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
  /** Per flow: 1 while the worker's recorder holds its route. */
  private held = new Uint8Array(1024);
  private finished = false;
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

  override flowStarted(flow: number, _nowS: number): void {
    if (flow >= this.held.length) this.held = grown(this.held, Math.max(flow + 1, this.held.length * 2));
  }

  override ratesChanged(changes: RateChanges): void {
    this.open();
    const n = changes.count;
    const { flows, oldRatesBps, newRatesBps, bottlenecks } = changes;
    const held = this.held;
    for (let k = 0; k < n; k++) {
      const flow = flows[k];
      if (newRatesBps[k] === 0 && bottlenecks[k] === CAP_BOUND && this.network.capOf(flow) === 0) {
        const z = this.room(2);
        z[this.staged++] = ResourceRecord.ZERO_CAP;
        z[this.staged++] = flow;
      }
      if (held[flow] === 1) continue;
      const resources = this.network.routeOf(flow).resources;
      const len = resources.length;
      const b = this.room(3 + len);
      let at = this.staged;
      b[at++] = ResourceRecord.ROUTE;
      b[at++] = flow;
      b[at++] = len;
      for (let i = 0; i < len; i++) b[at++] = resources[i];
      this.staged = at;
      held[flow] = 1;
    }
    const b = this.room(3 + 4 * n);
    let at = this.staged;
    b[at++] = ResourceRecord.CHANGES;
    b[at++] = changes.nowS;
    b[at++] = n;
    for (let k = 0; k < n; k++) {
      const flow = flows[k];
      const newRateBps = newRatesBps[k];
      b[at++] = flow;
      b[at++] = oldRatesBps[k];
      b[at++] = newRateBps;
      b[at++] = bottlenecks[k];
      if (newRateBps === 0) held[flow] = 0;
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

  /** Close every resource at `endS` in the worker, wait for its accounts and take them; the worker then stops. */
  override finish(endS: number): void {
    if (this.finished) {
      if (endS <= this.horizonS) return;
      throw new Error(`OffloadedResourceRecorder: finished at ${this.horizonS} s, asked to finish again at ${endS} s`);
    }
    const b = this.room(3);
    b[this.staged++] = ResourceRecord.FINISH;
    b[this.staged++] = endS;
    b[this.staged++] = ResourceRecord.STOP;
    const seen = this.ring.answers();
    this.flush();
    this.ring.awaitAnswer(seen);
    this.readAccounts(this.answer);
    this.finished = true;
    if (this.boundsPort) {
      // The worker posted them before it answered.
      this.handed = receiveMessageOnPort(this.boundsPort)?.message as FlowBoundsHandOver | undefined;
      this.boundsPort.close();
      if (!this.handed) throw new Error("OffloadedResourceRecorder: the worker answered without the flows' bottlenecks");
    }
  }

  /** The flows' bottlenecks the worker kept (with `keepFlowBounds`), once {@link finish} has taken them. */
  flowBounds(): FlowBoundsHandOver {
    if (!this.handed) throw new Error(this.boundsPort ? "OffloadedResourceRecorder: the flows' bottlenecks are read after finish" : "OffloadedResourceRecorder: made without keepFlowBounds");
    return this.handed;
  }

  private open(): void {
    if (this.finished) throw new Error("OffloadedResourceRecorder: a rate or capacity change after finish");
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

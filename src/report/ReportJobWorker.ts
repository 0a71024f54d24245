// ReportJobWorker: a worker thread that writes report tables (a ReportJob) while the main thread writes the other files of the set.
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from "node:worker_threads";
import { startModuleWorker } from "../core/startModuleWorker.js";
import { RecordRing } from "./RecordRing.js";
import { ReportJobRecord, type ReportJob, type ReportJobFailure, type ReportJobWorkerData } from "./ReportJob.js";

/**
 * A worker thread started ahead (its start overlaps the main thread's work) that writes one
 * {@link ReportJob}: {@link write} posts it and returns, {@link awaitWritten} waits for it (and
 * throws its failure, with its code), {@link release} lets the worker stop. The worker runs the
 * module of the links' worker (`resourceRecorderWorker`, which serves report jobs when its
 * `workerData` says so: one worker file in the bundle), and waits on a small {@link RecordRing},
 * which also tells a dead worker from a slow one. A fresh thread, not the links' worker held
 * after its accounts: that one's memory (its recorder's logs, ~90 MB of arrays at 10⁵ flows)
 * would then live through the reports, and the process's peak with it.
 */
export class ReportJobWorker {
  private readonly ring: RecordRing;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private sent = false;
  private done = false;
  private stopped = false;

  constructor(workerUrl: URL) {
    const memory = RecordRing.allocate(16);
    this.ring = new RecordRing(memory);
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ReportJobWorkerData = { reportJobs: { ring: memory, port: channel.port2 } };
    this.worker = startModuleWorker(workerUrl, { workerData: data, transferList: [channel.port2] });
    // Waited for only through the ring; it must not keep the process alive.
    this.worker.unref();
    // A failure reaches this thread through the ring (RecordRing.fail: the wait throws).
    this.worker.on("error", () => {});
  }

  /** Post `job` (copied, but for shared memory and the buffers in `transfer`, which move to the worker) and have it written; then the worker stops. Once. */
  write(job: ReportJob, transfer: ArrayBuffer[] = []): void {
    if (this.stopped) throw new Error("ReportJobWorker: one job, before release");
    this.port.postMessage(job, transfer);
    this.ring.send(Float64Array.of(ReportJobRecord.WRITE, ReportJobRecord.STOP), 2);
    this.ring.wake();
    this.sent = this.stopped = true;
  }

  /** Wait until the job {@link write} sent is written (nothing if none was); throw its failure. */
  awaitWritten(): void {
    if (!this.sent || this.done) return;
    this.ring.awaitAnswer(0);
    this.done = true;
    const failure = receiveMessageOnPort(this.port)?.message as ReportJobFailure | undefined;
    if (failure) throw Object.assign(new Error(failure.message), failure.code === undefined ? {} : { code: failure.code });
  }

  /** Let the worker stop if no job was sent (else nothing: it stops after the job). */
  release(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.ring.send(Float64Array.of(ReportJobRecord.STOP), 1);
    this.ring.wake();
  }
}

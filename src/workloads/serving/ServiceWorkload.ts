// ServiceWorkload: a generic request/response service — replicas with a FIFO queue and `concurrency` slots each.
import { InputError } from "../../core/InputError.js";
import type { ServiceCall, ServiceEndpoint } from "../ServiceEndpoint.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import { Fifo } from "./Fifo.js";
import { ReplicaPicker } from "./ReplicaPicker.js";
import type { ServiceSpec } from "./ServingSpecs.js";
import { timeSampler } from "./timeSampler.js";

/** A request at a replica: the call, and when its request flow started and arrived. */
interface Job {
  call: ServiceCall;
  startS: number;
  arrivedS: number;
}

/** One replica: its node, outstanding requests, busy slots and FIFO queue. */
interface Replica {
  readonly node: string;
  load: number;
  busy: number;
  queue: Fifo<Job>;
}

/**
 * A service that callers reach by name ({@link ServiceEndpoint}). A call picks a replica
 * by the balance policy when it is made; its request bytes flow from the caller's node to
 * the replica; there it starts service if fewer than `concurrency` requests are in
 * service, else waits in the replica's FIFO queue; a service time is drawn (stream
 * "service") when service starts; then the response bytes flow back. With one replica,
 * Poisson arrivals, exponential service and negligible network this is M/M/c with
 * c = concurrency and one shared queue.
 *
 * The record splits the time exactly: totalS = networkS (request + response flows) + queueS + serviceS.
 */
export class ServiceWorkload implements Workload, ServiceEndpoint {
  readonly name: string;
  private readonly replicas: Replica[];
  private readonly picker: ReplicaPicker<Replica>;
  private ctx: WorkloadContext | undefined;
  private sampleS: () => number = () => 0;

  /** @throws InputError on no replicas or a concurrency below 1. */
  constructor(readonly spec: ServiceSpec) {
    this.name = spec.name;
    if (spec.nodes.length === 0) throw new InputError(`service "${spec.name}": needs at least one node`);
    if (!(Number.isInteger(spec.concurrency) && spec.concurrency >= 1)) {
      throw new InputError(`service "${spec.name}": concurrency must be an integer ≥ 1, found ${spec.concurrency}`);
    }
    this.replicas = spec.nodes.map((node) => ({ node, load: 0, busy: 0, queue: new Fifo<Job>() }));
    this.picker = new ReplicaPicker(this.replicas, spec.balance);
  }

  start(ctx: WorkloadContext): void {
    this.ctx = ctx;
    const sampler = timeSampler(this.spec.serviceTime, ctx.random("service"));
    this.sampleS = () => sampler.sample();
  }

  call(call: ServiceCall): void {
    const ctx = this.ctx;
    if (!ctx) throw new Error(`service "${this.name}" was called before it started`);
    const r = this.picker.pick(call.clientNode, ctx);
    r.load++;
    const startS = call.ctx.nowS();
    call.ctx.startTransfer({ id: `${call.id}-req`, src: call.clientNode, dst: r.node, sizeBytes: call.requestBytes }, (res) => {
      const job = { call, startS, arrivedS: res.finishS };
      if (r.busy < this.spec.concurrency) this.serve(r, job);
      else r.queue.push(job);
    });
  }

  private serve(r: Replica, job: Job): void {
    const ctx = this.ctx!;
    const beginS = ctx.nowS();
    const serviceS = this.sampleS();
    r.busy++;
    ctx.schedule(beginS + serviceS, () => {
      r.busy--;
      r.load--;
      const next = r.queue.take();
      if (next) this.serve(r, next);
      const c = job.call;
      const doneS = c.ctx.nowS();
      c.ctx.startTransfer({ id: `${c.id}-resp`, src: r.node, dst: c.clientNode, sizeBytes: c.responseBytes, reply: true }, (res) => {
        const totalS = res.finishS - job.startS;
        const queueS = beginS - job.arrivedS;
        c.onDone({
          population: c.population,
          kind: c.kind,
          id: c.id,
          target: this.name,
          startS: job.startS,
          queueS,
          networkS: job.arrivedS - job.startS + (res.finishS - doneS),
          serviceS,
          ttftS: NaN,
          tpotS: NaN,
          totalS,
        });
      });
    });
  }
}

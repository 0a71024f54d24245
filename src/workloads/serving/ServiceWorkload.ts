// ServiceWorkload: a generic request/response service — replicas with a FIFO queue and `concurrency` slots each, and the connections callers hold to them.
import { InputError } from "../../core/InputError.js";
import { Connection } from "../connections/Connection.js";
import type { CallerConnections, ServiceCall, ServiceEndpoint } from "../ServiceEndpoint.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import { Fifo } from "./Fifo.js";
import { ReplicaConnections } from "./ReplicaConnections.js";
import { ReplicaPicker } from "./ReplicaPicker.js";
import type { ServiceSpec } from "./ServingSpecs.js";
import { timeSampler } from "./timeSampler.js";

/** A request at a replica: the call, when its request flow started and arrived, and the connection it rides (if the caller keeps them). */
interface Job {
  call: ServiceCall;
  startS: number;
  arrivedS: number;
  conn: Connection | undefined;
  /** True while the job stands for the TLS handshake that opens `conn`, before the request itself. */
  handshake: boolean;
}

/** One replica: its node, outstanding requests, busy slots, FIFO queue and open connections. */
interface Replica {
  readonly index: number;
  readonly node: string;
  load: number;
  busy: number;
  queue: Fifo<Job>;
  conns: ReplicaConnections;
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
 * **Connections** (callers that keep them: agents on `tcp`). A call rides an idle connection
 * of its caller's pool to this service — to that connection's replica, since a connection ends
 * at one replica (balancing per connection, as an L4 balancer does) — or opens one to the
 * replica the policy picks. A new connection is admitted by the replica when its first request
 * arrives ({@link ReplicaConnections}: a limit, an accept queue); if it is TLS, its handshake
 * then takes one of the replica's slots for `tlsHandshake` (stream "handshake") in the same
 * FIFO queue as the requests, and the request joins the queue's tail after it. After the
 * response a persistent connection stays open idle until the shorter of the client's and the
 * service's keep-alive timeouts (noticed when the connection is next looked at, so no timer
 * outlives the run), a non-persistent one closes. (TLS 1.3 does the server's work
 * one round trip before the request arrives; the model does it at the request's arrival,
 * which moves it by that round trip but keeps the request's latency and the replica's work.)
 *
 * The record splits the time exactly: totalS = networkS (request + response flows, the
 * transport's handshake round trips included) + queueS (waiting at the replica: the accept
 * queue, the TLS handshake and the wait for a slot) + serviceS.
 */
export class ServiceWorkload implements Workload, ServiceEndpoint {
  readonly name: string;
  private readonly replicas: Replica[];
  private readonly picker: ReplicaPicker<Replica>;
  private ctx: WorkloadContext | undefined;
  private sampleS: () => number = () => 0;
  private sampleHandshakeS: () => number = () => 0;
  /** Whether a TLS handshake costs the replica anything (a fixed 0 adds no job). */
  private readonly handshakeCosts: boolean;

  /** @throws InputError on no replicas, a concurrency below 1 or a connection limit below 1. */
  constructor(readonly spec: ServiceSpec) {
    this.name = spec.name;
    if (spec.nodes.length === 0) throw new InputError(`service "${spec.name}": needs at least one node`);
    if (!(Number.isInteger(spec.concurrency) && spec.concurrency >= 1)) {
      throw new InputError(`service "${spec.name}": concurrency must be an integer ≥ 1, found ${spec.concurrency}`);
    }
    const c = spec.connections;
    if (!(c.limit >= 1)) throw new InputError(`service "${spec.name}": connections.limit must be ≥ 1, found ${c.limit}`);
    this.replicas = spec.nodes.map((node, index) => ({ index, node, load: 0, busy: 0, queue: new Fifo<Job>(), conns: new ReplicaConnections(c.limit) }));
    this.picker = new ReplicaPicker(this.replicas, spec.balance);
    this.handshakeCosts = !("fixed" in c.tlsHandshake && c.tlsHandshake.fixed === 0);
  }

  start(ctx: WorkloadContext): void {
    this.ctx = ctx;
    const sampler = timeSampler(this.spec.serviceTime, ctx.random("service"));
    this.sampleS = () => sampler.sample();
    const handshake = timeSampler(this.spec.connections.tlsHandshake, ctx.random("handshake"));
    this.sampleHandshakeS = () => handshake.sample();
  }

  /** Per replica node: connections opened, and the most open at once. */
  connectionCounts(): Array<{ node: string; opened: number; peakOpen: number }> {
    return this.replicas.map((r) => ({ node: r.node, opened: r.conns.opened, peakOpen: r.conns.peakOpen }));
  }

  call(call: ServiceCall): void {
    const ctx = this.ctx;
    if (!ctx) throw new Error(`service "${this.name}" was called before it started`);
    const caller = call.connections;
    const startS = call.ctx.nowS();
    let conn = caller?.pool.take(this.name, startS);
    const opens = caller !== undefined && conn === undefined;
    const r = conn ? this.replicas[conn.replica] : this.picker.pick(call.clientNode, ctx);
    if (conn) r.conns.resume(conn);
    else if (caller) conn = new Connection(this.name, r.index);
    r.load++;
    const connection = conn && { handle: conn, opens };
    call.ctx.startTransfer({ id: `${call.id}-req`, src: call.clientNode, dst: r.node, sizeBytes: call.requestBytes, ...(connection && { connection }) }, (res) => {
      const job: Job = { call, startS, arrivedS: res.finishS, conn, handshake: false };
      if (!opens) return this.enqueue(r, job);
      // A new connection: admitted when the replica has room, then its TLS handshake takes a slot first.
      r.conns.admit(conn!, res.finishS, () => {
        job.handshake = caller!.spec.tls && this.handshakeCosts;
        this.enqueue(r, job);
      });
    });
  }

  /** Serve `job` now if a slot is free (the queue is then empty), else queue it. */
  private enqueue(r: Replica, job: Job): void {
    if (r.busy < this.spec.concurrency) this.serve(r, job);
    else r.queue.push(job);
  }

  private serve(r: Replica, job: Job): void {
    const ctx = this.ctx!;
    const beginS = ctx.nowS();
    r.busy++;
    if (job.handshake) {
      ctx.schedule(beginS + this.sampleHandshakeS(), () => {
        r.busy--;
        // The request itself joins the tail, behind everything that came during the handshake.
        job.handshake = false;
        r.queue.push(job);
        this.serve(r, r.queue.take()!);
      });
      return;
    }
    const serviceS = this.sampleS();
    ctx.schedule(beginS + serviceS, () => {
      r.busy--;
      r.load--;
      const next = r.queue.take();
      if (next) this.serve(r, next);
      const c = job.call;
      const doneS = c.ctx.nowS();
      const connection = job.conn && { handle: job.conn, opens: false };
      c.ctx.startTransfer({ id: `${c.id}-resp`, src: r.node, dst: c.clientNode, sizeBytes: c.responseBytes, reply: true, ...(connection && { connection }) }, (res) => {
        if (job.conn) this.release(r, job.conn, c.connections!);
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

  /** The response reached the client: a persistent connection goes idle (back to the caller's pool, until the shorter keep-alive timeout), another closes. */
  private release(r: Replica, conn: Connection, caller: CallerConnections): void {
    if (!caller.spec.persistent) return r.conns.close(conn);
    const timeoutS = Math.min(caller.spec.keepAliveS, this.spec.connections.keepAliveS);
    if (r.conns.park(conn, this.ctx!.nowS(), timeoutS)) caller.pool.put(conn);
  }
}

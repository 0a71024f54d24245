// InferenceWorkload: LLM serving on GPUs — continuous batching, prefill/decode disaggregation, cold start, load balancing.
import { InputError } from "../../core/InputError.js";
import { Connection } from "../connections/Connection.js";
import type { WorkloadResults } from "../WorkloadResults.js";
import type { ServiceCall, ServiceEndpoint } from "../ServiceEndpoint.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import { Fifo } from "./Fifo.js";
import { ReplicaPicker } from "./ReplicaPicker.js";
import type { InferenceSpec } from "./ServingSpecs.js";
import { tokenSampler } from "./tokenSampler.js";

/** Where a replica sits in the serving pipeline. */
type Role = "colocated" | "prefill" | "decode";

/** One request through its life at the endpoint. */
interface Request {
  call: ServiceCall;
  startS: number;
  prompt: number;
  output: number;
  /** When it last joined a queue (request arrival, or KV-cache arrival at a decode replica). */
  queuedS: number;
  queueS: number;
  /** When it was admitted to a prefill iteration, and that iteration's length. */
  admittedS: number;
  prefillS: number;
  /** When it joined a decode batch (colocated: its prefill's start). */
  decodeFromS: number;
  produced: number;
  firstAtClientS: number;
  lastAtClientS: number;
  serviceS: number;
  /** Response flows still travelling (first token; the rest). */
  pending: number;
  /** The caller's connection it rides (callers that keep connections). */
  conn: Connection | undefined;
}

/** One model replica on one GPU. */
interface Replica {
  readonly node: string;
  readonly role: Role;
  load: number;
  ready: boolean;
  busy: boolean;
  waiting: Fifo<Request>;
  running: Request[];
}

/**
 * An LLM inference endpoint ({@link ServiceEndpoint}). Per request it draws prompt and
 * output token counts (streams "prompt", "output"); the request's bytes (prompt ×
 * bytesPerToken + overhead) flow from the caller to a replica picked by the balance policy.
 *
 * A replica runs one iteration at a time. At each iteration boundary (continuous
 * batching): if requests wait and the running batch has room (maxBatch), it admits as many
 * as fit (FIFO) and runs one prefill iteration of prefill.baseS + prefill.perUnitS × (their
 * prompt tokens); its end yields each admitted request's first token. Otherwise, if the
 * batch is not empty, it runs one decode step of decode.baseS + decode.perUnitS × (batch
 * size), which yields one token for every sequence in the batch; a sequence leaves when it
 * has all its output tokens. Prefill has priority over decode (as vLLM's default scheduler).
 *
 * Disaggregated: prefill replicas only prefill; after its prefill a request's KV cache
 * (prompt × kvBytesPerToken) flows, on this workload's context, to a decode replica picked by
 * the policy from the prefill replica; on arrival it queues there, joins the running batch
 * at the next step boundary — the decode replica then sends the first token (computed by
 * prefill, carried with the KV cache) — and is decoded as above.
 *
 * Tokens reach the client as two flows on the caller's context: the first token when it is
 * produced (ttft = its arrival − request start) and the other output − 1 tokens in one flow
 * when the last is produced (so tpot = (last arrival − first arrival) / (output − 1); streaming
 * each token as its own flow would cost a flow per token). Cold start: every replica first
 * loads the weights from a storage node as a flow and serves nothing until it has them.
 *
 * Connections (callers that keep them: agents on `tcp`): a call rides an idle connection of
 * its caller's pool to this endpoint or opens one; the endpoint still picks a replica per
 * request (a front door that terminates the connections and routes each request, as LLM
 * gateways do, whose own work is not modelled). After the last response a persistent
 * connection goes back to the pool until the client's keep-alive timeout.
 *
 * Record: queueS = time waiting for a batch slot (and for the weights); serviceS = prefill
 * iteration + time in the decode batch; networkS = totalS − queueS − serviceS (request, KV
 * cache and the last response flow).
 */
export class InferenceWorkload implements Workload, ServiceEndpoint {
  readonly name: string;
  /** Every replica: the colocated ones, or the prefill pool then the decode pool. */
  private readonly replicas: Replica[];
  private readonly entry: ReplicaPicker<Replica>;
  private readonly decodePicker: ReplicaPicker<Replica> | undefined;
  private ctx: WorkloadContext | undefined;
  private drawPrompt: () => number = () => 1;
  private drawOutput: () => number = () => 1;

  /** @throws InputError on an empty pool, maxBatch < 1, or a cold start without storage nodes. */
  constructor(readonly spec: InferenceSpec) {
    this.name = spec.name;
    const where = `inference "${spec.name}"`;
    if (!(Number.isInteger(spec.maxBatch) && spec.maxBatch >= 1)) throw new InputError(`${where}: maxBatch must be an integer ≥ 1, found ${spec.maxBatch}`);
    const make = (node: string, role: Role): Replica => ({ node, role, load: 0, ready: true, busy: false, waiting: new Fifo(), running: [] });
    const d = spec.disaggregation;
    if (d) {
      if (d.prefillGpus.length === 0 || d.decodeGpus.length === 0) throw new InputError(`${where}: both pools need at least one GPU`);
      const prefill = d.prefillGpus.map((g) => make(g, "prefill"));
      const decode = d.decodeGpus.map((g) => make(g, "decode"));
      this.replicas = [...prefill, ...decode];
      this.entry = new ReplicaPicker(prefill, spec.balance);
      this.decodePicker = new ReplicaPicker(decode, spec.balance);
    } else {
      if (spec.gpus.length === 0) throw new InputError(`${where}: needs at least one replica`);
      this.replicas = spec.gpus.map((g) => make(g, "colocated"));
      this.entry = new ReplicaPicker(this.replicas, spec.balance);
    }
    if (spec.coldStart && spec.coldStart.storageNodes.length === 0) throw new InputError(`${where}: a cold start needs a storage node to load from`);
  }

  /** One GPU per replica (for cost.csv); its requests are recorded by the agents that call it. */
  results(): WorkloadResults {
    return { gpus: this.replicas.length };
  }

  start(ctx: WorkloadContext): void {
    this.ctx = ctx;
    this.drawPrompt = tokenSampler(this.spec.prompt, ctx.random("prompt"));
    this.drawOutput = tokenSampler(this.spec.output, ctx.random("output"));
    const cold = this.spec.coldStart;
    if (!cold) return;
    this.replicas.forEach((r, i) => {
      r.ready = false;
      const src = cold.storageNodes[i % cold.storageNodes.length];
      ctx.startTransfer({ id: `${this.name}.weights.${r.node}`, src, dst: r.node, sizeBytes: cold.weightsBytes }, () => {
        r.ready = true;
        this.kick(r);
      });
    });
  }

  call(call: ServiceCall): void {
    const ctx = this.ctx;
    if (!ctx) throw new Error(`inference "${this.name}" was called before it started`);
    const s = this.spec;
    const r = this.entry.pick(call.clientNode, ctx);
    r.load++;
    const prompt = this.drawPrompt();
    const output = this.drawOutput();
    const startS = call.ctx.nowS();
    const caller = call.connections;
    let conn = caller?.pool.take(this.name, startS);
    const opens = caller !== undefined && conn === undefined;
    if (caller && !conn) conn = new Connection(this.name, -1);
    if (conn) conn.state = "active";
    const q: Request = {
      call, startS, prompt, output,
      queuedS: NaN, queueS: 0, admittedS: NaN, prefillS: 0, decodeFromS: NaN, produced: 0,
      firstAtClientS: NaN, lastAtClientS: NaN, serviceS: 0, pending: output > 1 ? 2 : 1,
      conn,
    };
    const sizeBytes = prompt * s.bytesPerToken + s.requestOverheadBytes;
    const connection = conn && { handle: conn, opens };
    call.ctx.startTransfer({ id: `${call.id}-req`, src: call.clientNode, dst: r.node, sizeBytes, ...(connection && { connection }) }, (res) => {
      q.queuedS = res.finishS;
      r.waiting.push(q);
      this.kick(r);
    });
  }

  /** Start the replica's next iteration if it is idle: a prefill if requests wait and fit, else a decode step. */
  private kick(r: Replica): void {
    if (!r.ready || r.busy) return;
    const ctx = this.ctx!;
    const s = this.spec;
    const nowS = ctx.nowS();
    const room = s.maxBatch - r.running.length;
    if (room > 0 && r.waiting.length > 0) {
      const admitted: Request[] = [];
      while (admitted.length < room && r.waiting.length > 0) {
        const q = r.waiting.take()!;
        q.queueS += nowS - q.queuedS;
        admitted.push(q);
      }
      if (r.role === "decode") {
        // The first token came with the KV cache: send it and join the batch.
        for (const q of admitted) {
          q.decodeFromS = nowS;
          this.produce(r, q);
        }
      } else {
        let tokens = 0;
        for (const q of admitted) tokens += q.prompt;
        const iterationS = s.prefill.baseS + s.prefill.perUnitS * tokens;
        for (const q of admitted) {
          q.admittedS = nowS;
          q.decodeFromS = nowS;
          q.prefillS = iterationS;
        }
        r.busy = true;
        ctx.schedule(nowS + iterationS, () => {
          r.busy = false;
          for (const q of admitted) {
            if (r.role === "prefill") this.handOff(r, q);
            else this.produce(r, q);
          }
          this.kick(r);
        });
        return;
      }
    }
    if (r.running.length === 0) return;
    const batch = r.running;
    const stepS = s.decode.baseS + s.decode.perUnitS * batch.length;
    r.busy = true;
    ctx.schedule(nowS + stepS, () => {
      r.busy = false;
      r.running = [];
      for (const q of batch) this.produce(r, q);
      this.kick(r);
    });
  }

  /** `q` has a new token at replica `r`: send the first one; finish on the last one, else stay in the batch. */
  private produce(r: Replica, q: Request): void {
    q.produced++;
    const c = q.call;
    const nowS = c.ctx.nowS();
    if (q.produced === 1) {
      c.ctx.startTransfer({ id: `${c.id}-tok1`, src: r.node, dst: c.clientNode, sizeBytes: this.spec.tokenBytes, reply: true, ...this.riding(q) }, (res) => {
        q.firstAtClientS = res.finishS;
        this.arrived(q);
      });
    }
    if (q.produced < q.output) {
      r.running.push(q);
      return;
    }
    r.load--;
    // Colocated: decodeFromS is the prefill's start, so this covers the prefill too.
    q.serviceS = (r.role === "decode" ? q.prefillS : 0) + (nowS - q.decodeFromS);
    if (q.output > 1) {
      const sizeBytes = (q.output - 1) * this.spec.tokenBytes;
      c.ctx.startTransfer({ id: `${c.id}-out`, src: r.node, dst: c.clientNode, sizeBytes, reply: true, ...this.riding(q) }, (res) => {
        q.lastAtClientS = res.finishS;
        this.arrived(q);
      });
    }
  }

  /** After prefill on a prefill replica: move the KV cache to a decode replica. */
  private handOff(p: Replica, q: Request): void {
    const ctx = this.ctx!;
    const d = this.decodePicker!.pick(p.node, ctx);
    p.load--;
    d.load++;
    const sizeBytes = q.prompt * this.spec.disaggregation!.kvBytesPerToken;
    ctx.startTransfer({ id: `${this.name}.kv.${q.call.id}`, src: p.node, dst: d.node, sizeBytes }, (res) => {
      q.queuedS = res.finishS;
      d.waiting.push(q);
      this.kick(d);
    });
  }

  /** A response flow arrived; when both have, the request is done. */
  private arrived(q: Request): void {
    if (--q.pending > 0) return;
    const lastS = q.output > 1 ? Math.max(q.lastAtClientS, q.firstAtClientS) : q.firstAtClientS;
    const totalS = lastS - q.startS;
    const c = q.call;
    if (q.conn) this.release(q.conn, c);
    c.onDone({
      population: c.population,
      kind: c.kind,
      id: c.id,
      target: this.name,
      startS: q.startS,
      queueS: q.queueS,
      networkS: totalS - q.queueS - q.serviceS,
      serviceS: q.serviceS,
      ttftS: q.firstAtClientS - q.startS,
      tpotS: q.output > 1 ? (q.lastAtClientS - q.firstAtClientS) / (q.output - 1) : NaN,
      totalS,
    });
  }

  /** The connection key of a response flow of `q` (none when its caller keeps no connections). */
  private riding(q: Request): { connection?: { handle: object; opens: boolean } } {
    return q.conn ? { connection: { handle: q.conn, opens: false } } : {};
  }

  /** The last response reached the client: a persistent connection goes back to its pool until the client's keep-alive timeout, another closes. */
  private release(conn: Connection, c: ServiceCall): void {
    const caller = c.connections!;
    if (!caller.spec.persistent) {
      conn.state = "closed";
      return;
    }
    conn.park(c.ctx.nowS(), caller.spec.keepAliveS);
    caller.pool.put(conn);
  }
}

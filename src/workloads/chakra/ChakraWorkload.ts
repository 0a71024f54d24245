// ChakraWorkload: replay Chakra execution traces on the fabric — compute as timers, collectives and send/recv as flows.
import { InputError } from "../../core/InputError.js";
import type { Participant } from "../collectives/CollectiveSpec.js";
import type { Granularity } from "../collectives/Granularity.js";
import { startCollective } from "../collectives/startCollective.js";
import { TransferTracker } from "../collectives/TransferTracker.js";
import { AUTO_STEP_MAX_GPUS } from "../training/TrainingSpec.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import type { CollectiveRecord, IterationRecord, WorkloadResults } from "../WorkloadResults.js";
import { NodeAction, type ChakraPlan } from "./ChakraPlan.js";
import type { ChakraSpec } from "./ChakraSpec.js";

/**
 * Runs the trace `spec.iterations` times from `spec.startS`. In one replay every rank issues
 * a node once all its data and control dependencies are done, with no limit on how many
 * nodes run at once on a rank (the graph is the only order):
 * - COMP_NODE: a timer of duration_micros;
 * - COMM_COLL_NODE: waits until every member of its group has issued the matching node,
 *   then runs as chokepoint's collective of that kind over the members' GPUs (S = comm_size)
 *   and completes on every member at once; a BARRIER moves nothing;
 * - COMM_SEND_NODE: starts one transfer of comm_size bytes to comm_dst's GPU; done when delivered;
 * - COMM_RECV_NODE: done when it has been issued and its matching send's bytes have arrived;
 * - METADATA, INVALID, MEM_LOAD and MEM_STORE nodes: done as soon as issued.
 * A replay ends when every node of every rank is done (a row of jobs.csv); the next starts then.
 */
export class ChakraWorkload implements Workload {
  readonly name: string;
  private readonly iterations: IterationRecord[] = [];
  private readonly collectives: CollectiveRecord[] = [];
  private readonly participants: Participant[][];
  private readonly granularity: Granularity;

  /**
   * @param gpus node ids of the GPUs in rank order.
   * @param hostOf host index of each GPU.
   * @throws InputError when the number of GPUs differs from the trace's ranks.
   */
  constructor(
    readonly spec: ChakraSpec,
    readonly gpus: readonly string[],
    hostOf: ArrayLike<number>,
  ) {
    this.name = spec.name;
    const n = spec.plan.ranks.length;
    if (gpus.length !== n) throw new InputError(`gpus: the trace ${spec.trace} has ${n} ranks but ${gpus.length} GPUs are placed`);
    this.participants = spec.plan.collectives.map((c) => c.ranks.map((r) => ({ id: gpus[r], host: hostOf[r] })));
    const g = spec.allReduce.granularity;
    this.granularity = g === "auto" ? (n <= AUTO_STEP_MAX_GPUS ? "step" : "pipelined") : g;
  }

  start(ctx: WorkloadContext): void {
    const tracker = new TransferTracker(ctx);
    const run = (i: number): void => {
      if (i < this.spec.iterations) this.replay(tracker, i, () => run(i + 1));
    };
    ctx.schedule(this.spec.startS, () => run(0));
  }

  private replay(tracker: TransferTracker, iteration: number, next: () => void): void {
    const { ctx } = tracker;
    const plan: ChakraPlan = this.spec.plan;
    const t0 = ctx.nowS();
    const busy0 = tracker.busyS();
    const prefix = `${this.name}.${iteration}`;
    const left = plan.ranks.map((r) => Int32Array.from(r.depCount));
    const arrived = new Int32Array(plan.collectives.length);
    const delivered = new Uint8Array(plan.sendRecvs.length);
    const recvIssued = new Uint8Array(plan.sendRecvs.length);
    let nodesLeft = plan.ranks.reduce((sum, r) => sum + r.nodes.length, 0);
    const label = (name: string) => ({ job: this.name, iteration, name });

    const finish = () => {
      const iterationS = ctx.nowS() - t0;
      const computeS = plan.ranks.reduce((m, r) => Math.max(m, r.computeS), 0);
      const exposedCommS = Math.max(0, iterationS - computeS);
      this.iterations.push({
        job: this.name,
        iteration,
        startS: t0,
        computeS,
        bubbleS: 0,
        commS: tracker.busyS() - busy0,
        exposedCommS,
        iterationS,
        networkWaitShare: iterationS > 0 ? exposedCommS / iterationS : 0,
      });
      next();
    };
    const complete = (r: number, i: number): void => {
      const rank = plan.ranks[r];
      for (let c = rank.childStart[i]; c < rank.childStart[i + 1]; c++) {
        const child = rank.childList[c];
        if (--left[r][child] === 0) issue(r, child);
      }
      if (--nodesLeft === 0) finish();
    };
    const issue = (r: number, i: number): void => {
      const rank = plan.ranks[r];
      const link = rank.link[i];
      switch (rank.action[i]) {
        case NodeAction.Compute:
          ctx.schedule(ctx.nowS() + rank.nodes[i].durationMicros * 1e-6, () => complete(r, i));
          return;
        case NodeAction.Collective: {
          const c = plan.collectives[link];
          if (++arrived[link] < c.ranks.length) return;
          const doneAll = () => c.ranks.forEach((m, j) => complete(m, c.nodes[j]));
          if (c.kind === "barrier") {
            ctx.schedule(ctx.nowS(), doneAll);
            return;
          }
          const { algorithm, chunks } = this.spec.allReduce;
          startCollective(
            tracker,
            { kind: c.kind, algorithm, participants: this.participants[link], sizeBytes: c.sizeBytes, granularity: this.granularity, ...(chunks !== undefined && { chunks }), idPrefix: `${prefix}.pg${c.pgIndex}.${c.seq}` },
            label(c.name),
            (record) => {
              this.collectives.push(record);
              doneAll();
            },
          );
          return;
        }
        case NodeAction.Send: {
          const p = plan.sendRecvs[link];
          const arrive = () => {
            delivered[link] = 1;
            complete(r, i);
            if (recvIssued[link]) complete(p.dst, p.recvNode);
          };
          if (p.sizeBytes === 0) {
            ctx.schedule(ctx.nowS(), arrive);
            return;
          }
          const startS = ctx.nowS();
          const flows: number[] = [];
          tracker.start({ id: `${prefix}.p2p${link}`, src: this.gpus[p.src], dst: this.gpus[p.dst], sizeBytes: p.sizeBytes }, flows, () => {
            const durationS = ctx.nowS() - startS;
            const algBwBps = durationS > 0 ? p.sizeBytes / durationS : Infinity;
            this.collectives.push({ ...label(p.name), kind: "send-recv", algorithm: "direct", participants: 2, sizeBytes: p.sizeBytes, startS, durationS, algBwBps, busBwBps: algBwBps, flows });
            arrive();
          });
          return;
        }
        case NodeAction.Recv:
          recvIssued[link] = 1;
          // Bytes already there: done now, through the event queue (a chain of such recvs never recurses deeply).
          if (delivered[link]) ctx.schedule(ctx.nowS(), () => complete(r, i));
          return;
        default:
          // Zero-time nodes complete through the event queue, so long chains of them never recurse deeply.
          ctx.schedule(ctx.nowS(), () => complete(r, i));
      }
    };
    if (nodesLeft === 0) return finish();
    plan.ranks.forEach((rank, r) => rank.depCount.forEach((d, i) => d === 0 && issue(r, i)));
  }

  results(): WorkloadResults {
    return { gpus: this.gpus.length, iterations: this.iterations, collectives: this.collectives };
  }
}

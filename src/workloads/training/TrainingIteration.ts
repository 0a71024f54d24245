// TrainingIteration: one iteration of a training job as a dependency graph of compute timers and flows.
import { startCollective } from "../collectives/startCollective.js";
import { transferSet } from "../collectives/transferSet.js";
import type { TransferTracker } from "../collectives/TransferTracker.js";
import { splitBytes } from "../splitBytes.js";
import type { TransferRequest } from "../Workload.js";
import type { CollectiveRecord, IterationRecord } from "../WorkloadResults.js";
import { GradientStreams } from "./GradientStreams.js";
import type { PassStep } from "./passSteps.js";
import type { PipelineOp } from "./pipelineSchedule.js";
import { rankOf } from "./rankLayout.js";
import type { TrainingPlan } from "./TrainingPlan.js";

/**
 * Runs iteration `iteration` of a job, from now:
 * 1. input: each data-parallel replica reads `input.size` from the storage node, split over
 *    its stage-0 GPUs; a replica's first forward waits for its read (no prefetch);
 * 2. each stage of each replica runs its passes in schedule order; a pass is its steps
 *    ({@link passSteps}) one after the other: compute (timers) and, layer by layer, the
 *    tensor-parallel collectives in the stage's tp group and the MoE layers' expert
 *    all-to-alls (with the same step on the other replicas of its expert group); then the
 *    activation (forward) or gradient (backward) goes to the next (previous) stage, each tp
 *    rank to its peer;
 * 3. the last pass of every stage is a backward that produces the gradient buckets in order,
 *    bucket k once its share of that pass has run on every replica; each data-parallel group
 *    all-reduces its dense buckets one at a time (one stream): bucket k starts when it is
 *    ready and bucket k−1 is reduced; each expert data-parallel group (the dp/ep replicas
 *    holding the same experts) does the same with the stage's expert buckets on a stream of
 *    its own ({@link GradientStreams});
 * 4. when every pass and every bucket is done: the optimizer step (a timer), then every
 *    `checkpoint.every` iterations the checkpoint write (blocking), then the record.
 */
export class TrainingIteration {
  private t0 = 0;
  private busy0 = 0;
  private readonly units: number;
  private readonly opIndex: Int32Array;
  private readonly running: Uint8Array;
  private readonly activationIn: Uint8Array;
  private readonly gradientIn: Uint8Array;
  private readonly inputReady: Uint8Array;
  private unitsLeft: number;
  private readonly gradients: GradientStreams;
  private readonly expertArrived = new Map<number, number>();
  private ended = false;
  private readonly prefix: string;

  constructor(
    private readonly plan: TrainingPlan,
    private readonly tracker: TransferTracker,
    private readonly iteration: number,
    private readonly collectives: CollectiveRecord[],
    private readonly onDone: (record: IterationRecord) => void,
  ) {
    const { dp, pp, microbatches } = plan;
    this.units = dp * pp;
    this.opIndex = new Int32Array(this.units);
    this.running = new Uint8Array(this.units);
    this.activationIn = new Uint8Array(this.units * microbatches);
    this.gradientIn = new Uint8Array(this.units * microbatches);
    this.inputReady = new Uint8Array(dp);
    this.unitsLeft = this.units;
    this.prefix = `${plan.spec.name}.${iteration}`;
    this.gradients = new GradientStreams(plan, tracker, this.prefix, (name) => this.label(name), this.record, () => this.maybeEnd());
  }

  private get ctx() {
    return this.tracker.ctx;
  }

  private label(name: string) {
    return { job: this.plan.spec.name, iteration: this.iteration, name };
  }

  private record = (r: CollectiveRecord): void => {
    this.collectives.push(r);
  };

  /** Start the iteration now. */
  start(): void {
    this.t0 = this.ctx.nowS();
    this.busy0 = this.tracker.busyS();
    const { plan } = this;
    const input = plan.spec.input;
    if (input) {
      const requests: TransferRequest[] = [];
      for (let d = 0; d < plan.dp; d++) {
        for (let t = 0; t < plan.tp; t++) {
          requests.push({ id: `${this.prefix}.in.${d}.${t}`, src: input.from, dst: plan.gpus[rankOf(plan, d, 0, t)], sizeBytes: splitBytes(input.sizeBytes, plan.tp, t) });
        }
      }
      const left = new Int32Array(plan.dp).fill(plan.tp);
      transferSet(
        this.tracker,
        { kind: "read", participants: plan.dp * plan.tp, sizeBytes: plan.dp * Math.round(input.sizeBytes), requests },
        this.label("input"),
        (k) => {
          const d = Math.floor(k / plan.tp);
          if (--left[d] === 0) {
            this.inputReady[d] = 1;
            this.tryRun(d, 0);
          }
        },
        this.record,
      );
    } else this.inputReady.fill(1);
    for (let d = 0; d < plan.dp; d++) for (let s = 0; s < plan.pp; s++) this.tryRun(d, s);
  }

  /** Start the next pass of stage s of replica d if its inputs are there. */
  private tryRun(d: number, s: number): void {
    const { plan } = this;
    const u = d * plan.pp + s;
    const ops = plan.schedules[s];
    const k = this.opIndex[u];
    if (this.running[u] || k >= ops.length) return;
    const op = ops[k];
    const slot = u * plan.microbatches + op.microbatch;
    if (op.forward ? (s === 0 ? !this.inputReady[d] : !this.activationIn[slot]) : s < plan.pp - 1 && !this.gradientIn[slot]) return;
    this.running[u] = 1;
    // A last pass that is one compute step makes its buckets from its start; one with communication inside, from each compute step (gradientProgress).
    if (k === ops.length - 1 && plan.steps[s][1].length === 1) this.gradients.lastPassStarted(s, this.ctx.nowS());
    this.step(d, s, k, op, 0);
  }

  /** Run step j of pass k (op) of stage s of replica d (see {@link passSteps}); after the last, the pass is done. */
  private step(d: number, s: number, k: number, op: PipelineOp, j: number): void {
    const { plan } = this;
    const steps = plan.steps[s][op.forward ? 0 : 1];
    if (j === steps.length) return this.passDone(d, s, op);
    const step = steps[j];
    if (step.kind === "compute") {
      if (steps.length > 1 && k === plan.schedules[s].length - 1) this.gradients.gradientProgress(s, step);
      this.ctx.schedule(this.ctx.nowS() + step.seconds, () => this.step(d, s, k, op, j + 1));
      return;
    }
    if (step.kind === "ep") return this.expertAllToAll(d, s, k, op, j, step);
    const pass = `${op.forward ? "fwd" : "bwd"}${op.microbatch}`;
    const part = step.collective === "all-gather" ? "-ag" : step.collective === "reduce-scatter" ? "-rs" : "";
    // A merged (per-pass) collective keeps the names it had before per-layer collectives.
    const where = step.layer < 0 ? "" : `-layer${step.layer}-${step.block}`;
    const idWhere = step.layer < 0 ? "" : `.${step.layer}${step.block}`;
    startCollective(
      this.tracker,
      {
        kind: step.collective,
        algorithm: "ring",
        participants: plan.tpGroups[d * plan.pp + s],
        sizeBytes: step.sizeBytes,
        granularity: plan.granularity,
        idPrefix: `${this.prefix}.tp${d}.${s}.${pass}${idWhere}${part}`,
      },
      this.label(`tp-${pass}${where}${part}-stage${s}-dp${d}`),
      (r) => {
        this.record(r);
        this.step(d, s, k, op, j + 1);
      },
    );
  }

  /** An expert all-to-all (step j): waits for the same step of the same pass of the same stage on every replica of the expert group. */
  private expertAllToAll(d: number, s: number, k: number, op: PipelineOp, j: number, step: Extract<PassStep, { kind: "ep" }>): void {
    const { plan } = this;
    const e = Math.floor(d / plan.ep);
    const stride = plan.steps[s][0].length + plan.steps[s][1].length;
    const key = ((e * plan.pp + s) * plan.schedules[s].length + k) * stride + j;
    const arrived = (this.expertArrived.get(key) ?? 0) + 1;
    this.expertArrived.set(key, arrived);
    if (arrived < plan.ep) return;
    this.expertArrived.delete(key);
    let left = plan.tp;
    const pass = `${op.forward ? "fwd" : "bwd"}${op.microbatch}`;
    for (let t = 0; t < plan.tp; t++) {
      startCollective(
        this.tracker,
        {
          kind: "all-to-all",
          algorithm: "direct",
          participants: plan.epGroups[(e * plan.pp + s) * plan.tp + t],
          sizeBytes: plan.epBytes,
          granularity: "step",
          idPrefix: `${this.prefix}.ep${e}.${s}.${t}.${pass}.${step.layer}${step.which}`,
        },
        this.label(`ep-${pass}-layer${step.layer}-${step.which}-stage${s}-tp${t}-group${e}`),
        (r) => {
          this.record(r);
          if (--left === 0) for (let i = 0; i < plan.ep; i++) this.step(e * plan.ep + i, s, k, op, j + 1);
        },
      );
    }
  }

  private passDone(d: number, s: number, op: PipelineOp): void {
    const { plan } = this;
    const u = d * plan.pp + s;
    this.running[u] = 0;
    this.opIndex[u]++;
    const to = op.forward ? s + 1 : s - 1;
    if (to >= 0 && to < plan.pp) this.sendStage(d, s, to, op);
    if (this.opIndex[u] === plan.schedules[s].length && --this.unitsLeft === 0) this.maybeEnd();
    this.tryRun(d, s);
  }

  /** Activations (forward) or gradients (backward) of one microbatch from stage s to stage `to`, tp rank to tp rank. */
  private sendStage(d: number, s: number, to: number, op: PipelineOp): void {
    const { plan } = this;
    const slot = (d * plan.pp + to) * plan.microbatches + op.microbatch;
    const arrive = () => {
      (op.forward ? this.activationIn : this.gradientIn)[slot] = 1;
      this.tryRun(d, to);
    };
    if (plan.p2pBytes.every((b) => b === 0)) return arrive();
    const pass = `${op.forward ? "fwd" : "bwd"}${op.microbatch}`;
    const requests: TransferRequest[] = [];
    for (let t = 0; t < plan.tp; t++) {
      requests.push({ id: `${this.prefix}.pp${d}.${s}.${pass}.${t}`, src: plan.gpus[rankOf(plan, d, s, t)], dst: plan.gpus[rankOf(plan, d, to, t)], sizeBytes: plan.p2pBytes[t] });
    }
    // The record counts one rank's bytes (nccl-tests' sendrecv size): the largest share, rank 0's.
    transferSet(this.tracker, { kind: "send-recv", participants: 2, sizeBytes: plan.p2pBytes[0], requests }, this.label(`pp-${pass}-stage${s}to${to}-dp${d}`), undefined, (r) => {
      this.record(r);
      arrive();
    });
  }

  private maybeEnd(): void {
    if (this.ended || this.unitsLeft > 0 || !this.gradients.done) return;
    this.ended = true;
    this.ctx.schedule(this.ctx.nowS() + this.plan.times.optimizerS, () => this.checkpoint());
  }

  private checkpoint(): void {
    const { plan } = this;
    const c = plan.spec.checkpoint;
    if (!c || (this.iteration + 1) % c.every !== 0) return this.finish();
    const n = plan.gpus.length;
    const totalBytes = Math.round(plan.spec.model.parameters * c.bytesPerParameter);
    const requests = plan.gpus.map((gpu, r) => ({ id: `${this.prefix}.ckpt.${r}`, src: gpu, dst: c.to, sizeBytes: splitBytes(totalBytes, n, r) }));
    transferSet(this.tracker, { kind: "write", participants: n, sizeBytes: totalBytes, requests }, this.label("checkpoint"), undefined, (r) => {
      this.record(r);
      this.finish();
    });
  }

  private finish(): void {
    const { times } = this.plan;
    const iterationS = this.ctx.nowS() - this.t0;
    const computeS = times.passesS + times.optimizerS;
    const exposedCommS = Math.max(0, iterationS - computeS - times.bubbleS);
    this.onDone({
      job: this.plan.spec.name,
      iteration: this.iteration,
      startS: this.t0,
      computeS,
      bubbleS: times.bubbleS,
      commS: this.tracker.busyS() - this.busy0,
      exposedCommS,
      iterationS,
      networkWaitShare: iterationS > 0 ? exposedCommS / iterationS : 0,
    });
  }
}

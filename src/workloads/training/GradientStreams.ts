// GradientStreams: the gradient buckets of one training iteration — when each becomes ready and its all-reduce stream per data-parallel group.
import { startCollective } from "../collectives/startCollective.js";
import type { TransferTracker } from "../collectives/TransferTracker.js";
import type { CollectiveRecord } from "../WorkloadResults.js";
import type { PassStep } from "./passSteps.js";
import type { TrainingPlan } from "./TrainingPlan.js";

/** A collective's label in the workload's records. */
export type CollectiveLabel = (name: string) => { job: string; iteration: number; name: string };

/**
 * The gradient side of an iteration ({@link import("./TrainingIteration.js").TrainingIteration}
 * step 3): the last (backward) pass of every stage makes the gradient buckets in order, bucket k
 * once its share of that pass has run on every replica; each data-parallel group (stage, tp
 * rank) all-reduces its dense buckets one at a time on one stream, bucket k when it is ready and
 * bucket k−1 is reduced; each expert data-parallel group (the dp/ep replicas holding the same
 * experts) does the same with the stage's expert buckets on a stream of its own. `onDone` is
 * called once every stream has reduced its last bucket (at once when there is none).
 */
export class GradientStreams {
  private readonly lastStarted: Int32Array;
  private readonly lastStartMaxS: Float64Array;
  private readonly bucketsReady: Int32Array;
  private readonly nextBucket: Int32Array;
  private readonly reducing: Uint8Array;
  private readonly expertBucketsReady: Int32Array;
  private readonly nextExpertBucket: Int32Array;
  private readonly reducingExpert: Uint8Array;
  private readonly denseGroups: number;
  private groupsLeft: number;
  /** Buckets of a last pass made on some replicas so far (key stream.stage.bucket): how many and the latest time. */
  private readonly bucketMade = new Map<string, { replicas: number; atS: number }>();

  constructor(
    private readonly plan: TrainingPlan,
    private readonly tracker: TransferTracker,
    private readonly prefix: string,
    private readonly label: CollectiveLabel,
    private readonly record: (r: CollectiveRecord) => void,
    private readonly onDone: () => void,
  ) {
    const { dp, pp, tp } = plan;
    this.lastStarted = new Int32Array(pp);
    this.lastStartMaxS = new Float64Array(pp);
    this.bucketsReady = new Int32Array(pp);
    this.nextBucket = new Int32Array(pp * tp);
    this.reducing = new Uint8Array(pp * tp);
    this.expertBucketsReady = new Int32Array(pp);
    this.nextExpertBucket = new Int32Array(pp * tp * plan.ep);
    this.reducingExpert = new Uint8Array(pp * tp * plan.ep);
    this.denseGroups = dp > 1 && plan.buckets.length > 0 ? pp * tp : 0;
    let expertGroups = 0;
    if (plan.expertDpGroups.length > 0) for (let s = 0; s < pp; s++) if (plan.expertBuckets[s].length > 0) expertGroups += tp * plan.ep;
    this.groupsLeft = this.denseGroups + expertGroups;
  }

  /** Whether every stream has reduced its last bucket. */
  get done(): boolean {
    return this.groupsLeft === 0;
  }

  private get ctx() {
    return this.tracker.ctx;
  }

  /**
   * The last (backward) pass of stage s started on one more replica; once on all, the dense
   * buckets and (on their own stream) the stage's expert buckets become ready through it, each
   * stream's bucket k once its bytes so far are that share of the pass's compute.
   */
  lastPassStarted(s: number, nowS: number): void {
    const { plan } = this;
    this.lastStartMaxS[s] = Math.max(this.lastStartMaxS[s], nowS);
    if (++this.lastStarted[s] < plan.dp || this.groupsLeft === 0) return;
    const startS = this.lastStartMaxS[s];
    if (this.denseGroups > 0) {
      let doneBytes = 0;
      const next = (k: number) => {
        doneBytes += plan.buckets[k];
        this.ctx.schedule(startS + (doneBytes / plan.gradientBytes) * plan.times.backwardS, () => {
          this.bucketsReady[s] = k + 1;
          for (let t = 0; t < plan.tp; t++) this.tryReduce(s, t);
          if (k + 1 < plan.buckets.length) next(k + 1);
        });
      };
      next(0);
    }
    const expert = plan.expertBuckets[s];
    if (plan.expertDpGroups.length > 0 && expert.length > 0) {
      let doneBytes = 0;
      const next = (k: number) => {
        doneBytes += expert[k];
        this.ctx.schedule(startS + (doneBytes / plan.expertGradientBytes[s]) * plan.times.backwardS, () => {
          this.expertBucketsReady[s] = k + 1;
          for (let t = 0; t < plan.tp; t++) for (let j = 0; j < plan.ep; j++) this.tryReduceExpert(s, t, j);
          if (k + 1 < expert.length) next(k + 1);
        });
      };
      next(0);
    }
  }

  /**
   * A compute step of stage s's last (backward) pass starts on one replica: every bucket whose
   * bytes so far, as a share of its stream's, fall in the step's share of the pass's compute is
   * made on this replica that far into the step; once made on every replica (the latest), it
   * is ready. So buckets follow the compute, not the tensor- and expert-parallel communication
   * between the steps.
   */
  gradientProgress(s: number, step: Extract<PassStep, { kind: "compute" }>): void {
    const { plan } = this;
    if (this.groupsLeft === 0) return;
    const nowS = this.ctx.nowS();
    const made = (stream: number, buckets: readonly number[], totalBytes: number, ready: (k: number) => void) => {
      let doneBytes = 0;
      for (let k = 0; k < buckets.length; k++) {
        doneBytes += buckets[k];
        const share = doneBytes / totalBytes;
        if (share <= step.fromShare) continue;
        if (share > step.toShare) break;
        const atS = nowS + (share === step.toShare ? step.seconds : (share - step.fromShare) * plan.times.backwardS);
        const key = `${stream}.${s}.${k}`;
        const seen = this.bucketMade.get(key) ?? { replicas: 0, atS: 0 };
        seen.replicas++;
        seen.atS = Math.max(seen.atS, atS);
        if (seen.replicas < plan.dp) this.bucketMade.set(key, seen);
        else {
          this.bucketMade.delete(key);
          this.ctx.schedule(seen.atS, () => ready(k));
        }
      }
    };
    if (this.denseGroups > 0) {
      made(0, plan.buckets, plan.gradientBytes, (k) => {
        this.bucketsReady[s] = Math.max(this.bucketsReady[s], k + 1);
        for (let t = 0; t < plan.tp; t++) this.tryReduce(s, t);
      });
    }
    if (plan.expertDpGroups.length > 0 && plan.expertBuckets[s].length > 0) {
      made(1, plan.expertBuckets[s], plan.expertGradientBytes[s], (k) => {
        this.expertBucketsReady[s] = Math.max(this.expertBucketsReady[s], k + 1);
        for (let t = 0; t < plan.tp; t++) for (let j = 0; j < plan.ep; j++) this.tryReduceExpert(s, t, j);
      });
    }
  }

  private tryReduce(s: number, t: number): void {
    const { plan } = this;
    const g = s * plan.tp + t;
    const k = this.nextBucket[g];
    if (this.reducing[g] || k >= this.bucketsReady[s]) return;
    this.reducing[g] = 1;
    const { algorithm, chunks } = plan.spec.allReduce;
    const { granularity } = plan;
    const where = plan.pp * plan.tp > 1 ? `-stage${s}-tp${t}` : "";
    startCollective(
      this.tracker,
      { kind: "all-reduce", algorithm, participants: plan.dpGroups[g], sizeBytes: plan.buckets[k], granularity, chunks, idPrefix: `${this.prefix}.dp${s}.${t}.b${k}` },
      this.label(`grad-bucket${k}${where}`),
      (r) => {
        this.record(r);
        this.reducing[g] = 0;
        this.nextBucket[g]++;
        if (this.nextBucket[g] === plan.buckets.length) {
          if (--this.groupsLeft === 0) this.onDone();
        } else this.tryReduce(s, t);
      },
    );
  }

  /** Expert bucket stream of (stage s, tp rank t, expert rank j): all-reduced over the dp/ep replicas that hold the same experts. */
  private tryReduceExpert(s: number, t: number, j: number): void {
    const { plan } = this;
    const g = (s * plan.tp + t) * plan.ep + j;
    const k = this.nextExpertBucket[g];
    if (this.reducingExpert[g] || k >= this.expertBucketsReady[s]) return;
    this.reducingExpert[g] = 1;
    const { algorithm, chunks } = plan.spec.allReduce;
    const { granularity } = plan;
    startCollective(
      this.tracker,
      { kind: "all-reduce", algorithm, participants: plan.expertDpGroups[g], sizeBytes: plan.expertBuckets[s][k], granularity, chunks, idPrefix: `${this.prefix}.xdp${s}.${t}.${j}.b${k}` },
      this.label(`grad-expert-bucket${k}-stage${s}-tp${t}-ep${j}`),
      (r) => {
        this.record(r);
        this.reducingExpert[g] = 0;
        this.nextExpertBucket[g]++;
        if (this.nextExpertBucket[g] === plan.expertBuckets[s].length) {
          if (--this.groupsLeft === 0) this.onDone();
        } else this.tryReduceExpert(s, t, j);
      },
    );
  }
}

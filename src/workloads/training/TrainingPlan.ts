// TrainingPlan: what every iteration of a training job reuses — groups of GPUs, per-stage schedules, pass times, bucket and message sizes.
import { InputError } from "../../core/InputError.js";
import type { Participant } from "../collectives/CollectiveSpec.js";
import { splitBytes } from "../splitBytes.js";
import { computeTimes, type ComputeTimes } from "./computeTimes.js";
import { passSteps, type PassStep } from "./passSteps.js";
import { pipelineSchedule, type PipelineOp } from "./pipelineSchedule.js";
import { rankOf } from "./rankLayout.js";
import { AUTO_STEP_MAX_GPUS, type TrainingSpec } from "./TrainingSpec.js";
import type { Granularity } from "../collectives/Granularity.js";

/**
 * Derived once per job. Groups (participants in rank order):
 * - tensor-parallel group of (replica d, stage s): the tp ranks t;
 * - data-parallel group of (stage s, tp rank t): one rank per replica d;
 * - expert-parallel group of (block e, stage s, tp rank t): replicas e·ep … e·ep+ep−1;
 * - expert data-parallel group of (stage s, tp rank t, expert rank j): the dp/ep replicas
 *   d ≡ j (mod ep), which hold the same experts (all replicas when ep = 1).
 */
export class TrainingPlan {
  readonly dp: number;
  readonly tp: number;
  readonly pp: number;
  readonly ep: number;
  readonly microbatches: number;
  /** Ring granularity of every all-reduce of the job (`auto` resolved). */
  readonly granularity: Granularity;
  readonly times: ComputeTimes;
  /** Passes of each stage, in order. */
  readonly schedules: PipelineOp[][];
  /** Dense (non-expert) gradient bytes per GPU: (parameters − expert parameters) × bytesPerParameter / (tp · pp), rounded to a whole byte. */
  readonly gradientBytes: number;
  /** Data-parallel buckets' sizes (whole bytes adding up to gradientBytes), in the order backward produces them. */
  readonly buckets: number[];
  /**
   * Expert gradient bytes per GPU of stage s: expert parameters × (MoE layers of s / MoE
   * layers) × bytesPerParameter / (tp · ep), rounded to a whole byte; all 0 without experts.
   */
  readonly expertGradientBytes: number[];
  /** Expert buckets of stage s (whole bytes adding up to expertGradientBytes[s]). */
  readonly expertBuckets: number[][];
  /** MoE layers of stage s. */
  readonly moeLayers: number[];
  /** Expert all-to-all bytes per rank (each dispatch and each combine), whole bytes. */
  readonly epBytes: number;
  /** Steps of stage s's forward (steps[s][0]) and backward (steps[s][1]) pass. */
  readonly steps: [PassStep[], PassStep[]][];
  /**
   * Bytes tp rank t sends to the next (or previous) stage per microbatch, by t: its
   * whole-byte share of the activation ({@link splitBytes}(activation, tp, t); the shares add
   * up to the activation). All 0: stages exchange nothing.
   */
  readonly p2pBytes: number[];
  readonly tpGroups: Participant[][];
  readonly dpGroups: Participant[][];
  readonly epGroups: Participant[][];
  /** Expert data-parallel groups, index (s · tp + t) · ep + j; empty without experts or when dp/ep = 1. */
  readonly expertDpGroups: Participant[][];

  /**
   * @param gpus node ids of the job's GPUs, host-major (rank r runs on gpus[r]).
   * @param hostOf host index of each GPU.
   * @throws InputError when the parallelism does not fit the GPUs or a size is not positive.
   */
  constructor(
    readonly spec: TrainingSpec,
    readonly gpus: readonly string[],
    hostOf: ArrayLike<number>,
  ) {
    const { tp, pp, ep } = spec.parallelism;
    const n = gpus.length;
    // Messages start with the key they are about, so the scenario layer can prefix the workload's key path.
    const fail = (message: string): never => {
      throw new InputError(message);
    };
    if (spec.parallelism.dp === undefined && n % (tp * pp) !== 0) fail(`parallelism: tp×pp = ${tp * pp} does not divide the job's ${n} GPUs`);
    const dp = spec.parallelism.dp ?? n / (tp * pp);
    if (tp * pp * dp !== n) fail(`parallelism: tp×pp×dp = ${tp * pp * dp} but the job has ${n} GPUs`);
    if (dp % ep !== 0) fail(`parallelism.ep: ep = ${ep} must divide dp = ${dp} (experts are spread over data-parallel replicas)`);
    const layers = spec.model.layers;
    if (layers === undefined && (tp > 1 || pp > 1 || ep > 1)) fail(`model.layers: tp = ${tp}, pp = ${pp}, ep = ${ep} needs the number of layers`);
    if (layers !== undefined && layers % pp !== 0) fail(`model.layers: ${layers} layers cannot be split into ${pp} equal pipeline stages`);
    if (tp > 1 && !(spec.model.activationBytes > 0)) fail(`model.activationSize: tp = ${tp} needs the activation size of a microbatch (the size of each tensor-parallel all-reduce)`);
    if (ep > 1 && !spec.expert) fail(`expert: ep = ${ep} needs the MoE layers' expert.allToAllSize and expert.parameters`);
    const expert = spec.expert;
    if (expert && layers === undefined) fail(`model.layers: an expert (MoE) model needs the number of layers`);
    if (expert && layers !== undefined && expert.every > layers) fail(`expert.every: ${expert.every} (every ${expert.every}-th layer an MoE layer) leaves no MoE layer in the model's ${layers} layers`);
    if (expert && !(expert.parameters < spec.model.parameters)) fail(`expert.parameters: ${expert.parameters} expert parameters must be fewer than model.parameters = ${spec.model.parameters}`);
    if (spec.compute.optimizerS < 0) fail(`compute.optimizer must be ≥ 0, found ${spec.compute.optimizerS}`);
    this.granularity = spec.allReduce.granularity === "auto" ? (n <= AUTO_STEP_MAX_GPUS ? "step" : "pipelined") : spec.allReduce.granularity;
    this.dp = dp;
    this.tp = tp;
    this.pp = pp;
    this.ep = ep;
    this.microbatches = spec.pipeline.microbatches;
    this.times = computeTimes(spec.compute, gpus.length, pp, this.microbatches);
    this.schedules = Array.from({ length: pp }, (_, s) => pipelineSchedule(spec.pipeline.schedule, s, pp, this.microbatches));
    const denseParameters = spec.model.parameters - (expert?.parameters ?? 0);
    this.gradientBytes = Math.round((denseParameters * spec.model.bytesPerParameter) / (tp * pp));
    const bucketBytes = Math.max(1, Math.round(spec.allReduce.bucketBytes));
    const cut = (totalBytes: number) => {
      const out: number[] = [];
      for (let left = totalBytes; left > 0; left -= bucketBytes) out.push(Math.min(left, bucketBytes));
      return out;
    };
    this.buckets = cut(this.gradientBytes);
    const layersPerStage = (layers ?? pp) / pp;
    const isMoe = (l: number) => expert !== undefined && l % expert.every === expert.every - 1;
    this.moeLayers = Array.from({ length: pp }, (_, s) => {
      let count = 0;
      for (let l = s * layersPerStage; l < (s + 1) * layersPerStage; l++) if (isMoe(l)) count++;
      return count;
    });
    const moeTotal = this.moeLayers.reduce((a, b) => a + b, 0);
    this.expertGradientBytes = this.moeLayers.map((m) => (expert && moeTotal > 0 ? Math.round((expert.parameters * (m / moeTotal) * spec.model.bytesPerParameter) / (tp * ep)) : 0));
    this.expertBuckets = this.expertGradientBytes.map(cut);
    this.epBytes = Math.round(expert?.allToAllBytes ?? 0);
    const sequenceParallel = spec.parallelism.sequenceParallel === true;
    this.steps = Array.from({ length: pp }, (_, s) => {
      const tpGranularity = spec.parallelism.tpGranularity ?? "layer";
      const shape = { firstLayer: s * layersPerStage, layers: layersPerStage, tp, sequenceParallel, activationBytes: spec.model.activationBytes, tpGranularity, isMoe, expertParallel: ep > 1 };
      return [passSteps({ ...shape, forward: true, passS: this.times.forwardS }), passSteps({ ...shape, forward: false, passS: this.times.backwardS })];
    });
    this.p2pBytes = Array.from({ length: tp }, (_, t) => splitBytes(spec.model.activationBytes, tp, t));
    const at = (d: number, s: number, t: number): Participant => {
      const r = rankOf(this, d, s, t);
      return { id: gpus[r], host: hostOf[r] };
    };
    this.tpGroups = [];
    for (let d = 0; d < dp; d++) for (let s = 0; s < pp; s++) this.tpGroups.push(Array.from({ length: tp }, (_, t) => at(d, s, t)));
    this.dpGroups = [];
    for (let s = 0; s < pp; s++) for (let t = 0; t < tp; t++) this.dpGroups.push(Array.from({ length: dp }, (_, d) => at(d, s, t)));
    this.epGroups = [];
    for (let e = 0; e < dp / ep; e++) {
      for (let s = 0; s < pp; s++) for (let t = 0; t < tp; t++) this.epGroups.push(Array.from({ length: ep }, (_, k) => at(e * ep + k, s, t)));
    }
    this.expertDpGroups = [];
    if (expert && dp / ep > 1) {
      for (let s = 0; s < pp; s++) {
        for (let t = 0; t < tp; t++) for (let j = 0; j < ep; j++) this.expertDpGroups.push(Array.from({ length: dp / ep }, (_, i) => at(j + i * ep, s, t)));
      }
    }
  }
}

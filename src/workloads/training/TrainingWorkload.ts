// TrainingWorkload: a GPU training job run iteration after iteration; keeps its iteration and collective records.
import { TransferTracker } from "../collectives/TransferTracker.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import type { CollectiveRecord, IterationRecord, WorkloadResults } from "../WorkloadResults.js";
import { TrainingIteration } from "./TrainingIteration.js";
import { TrainingPlan } from "./TrainingPlan.js";
import type { TrainingSpec } from "./TrainingSpec.js";

/**
 * Runs `spec.iterations` iterations back to back from `spec.startS` (see
 * {@link TrainingIteration} for what one iteration does). Every transfer's flow id starts
 * with `<name>.<iteration>.`, so ids never collide with another workload's.
 */
export class TrainingWorkload implements Workload {
  readonly name: string;
  readonly plan: TrainingPlan;
  private readonly iterations: IterationRecord[] = [];
  private readonly collectives: CollectiveRecord[] = [];
  private readonly gpuCount: number;

  /**
   * @param gpus node ids of the job's GPUs in rank order (host-major).
   * @param hostOf host index of each GPU (GPUs of one host share it).
   * @throws InputError when the parallelism does not fit the GPUs (see {@link TrainingPlan}).
   */
  constructor(
    readonly spec: TrainingSpec,
    gpus: readonly string[],
    hostOf: ArrayLike<number>,
  ) {
    this.name = spec.name;
    this.plan = new TrainingPlan(spec, gpus, hostOf);
    this.gpuCount = gpus.length;
  }

  start(ctx: WorkloadContext): void {
    const tracker = new TransferTracker(ctx);
    const run = (i: number): void => {
      if (i >= this.spec.iterations) return;
      new TrainingIteration(this.plan, tracker, i, this.collectives, (r) => {
        this.iterations.push(r);
        run(i + 1);
      }).start();
    };
    ctx.schedule(this.spec.startS, () => run(0));
  }

  results(): WorkloadResults {
    return { gpus: this.gpuCount, iterations: this.iterations, collectives: this.collectives };
  }
}

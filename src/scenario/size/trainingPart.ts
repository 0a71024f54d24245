// trainingPart: the flows, events and memory of a training job, by lower bounds from its spec.
import type { Topology } from "../../net/Topology.js";
import { formatCount } from "../formatCount.js";
import type { TrainingSpec } from "../Scenario.js";
import { BYTES_PER, times, workloadPart, type SizePart } from "./SizePart.js";

/**
 * A training job, by lower bounds: per iteration, each gradient bucket is all-reduced over
 * the dp replicas by at least dp flows (every algorithm has each replica send), pipeline
 * stages exchange each microbatch forward and backward per tp rank, and each replica reads
 * its input; every stage runs a forward and a backward pass per microbatch. With tp > 1 each
 * pass of each tp group has its tensor-parallel collectives (2 per layer, 4 with sequence
 * parallelism; 1 or 2 per pass with `tpGranularity: pass`) of at least tp flows; with ep > 1
 * each expert group and tp rank has 4 all-to-alls of ep(ep − 1) flows per MoE layer and
 * microbatch; expert buckets are all-reduced by at least dp/ep flows each.
 */
export function trainingPart(w: TrainingSpec, keyPath: string, untilS: number | undefined, topology: Topology | undefined): SizePart {
  const p = w.placement;
  let gpus = "count" in p ? p.count : "gpuList" in p ? p.gpuList.length : p.hosts.length;
  if ("hosts" in p && topology) {
    gpus = 0;
    for (const host of p.hosts) for (let j = 0; topology.nodeIndex.has(`${host}g${j}`); j++) gpus++;
  }
  const { tp, pp } = w.parallelism;
  const dp = w.parallelism.dp ?? Math.max(1, Math.floor(gpus / (tp * pp)));
  const buckets = Math.ceil((w.model.parameters * w.model.bytesPerParameter) / (tp * pp) / w.allReduce.bucketBytes);
  const microbatches = w.pipeline.microbatches;
  let iterations = w.iterations;
  if (untilS !== undefined) {
    const c = w.compute;
    const computeS = "iterationS" in c ? c.iterationS : c.flopsPerIteration / (Math.max(1, gpus) * c.gpuPeakFlops * c.efficiency);
    iterations = Math.min(iterations, untilS < w.startS ? 0 : Math.ceil((untilS - w.startS) / computeS) + 1);
  }
  const layers = w.model.layers ?? pp;
  const sp = w.parallelism.sequenceParallel === true ? 2 : 1;
  const tpCollectives = tp > 1 ? dp * microbatches * 2 * sp * (w.parallelism.tpGranularity === "pass" ? pp : 2 * layers) : 0;
  const ep = w.parallelism.ep;
  const moeLayers = w.expert ? Math.floor(layers / w.expert.every) : 0;
  const allToAlls = ep > 1 ? (dp / ep) * tp * moeLayers * microbatches * 4 : 0;
  const expertBuckets = w.expert && dp / ep > 1 ? Math.ceil((w.expert.parameters * w.model.bytesPerParameter) / (tp * ep) / w.allReduce.bucketBytes) * tp * ep : 0;
  const perIteration =
    (dp > 1 ? buckets * dp : 0) +
    (pp > 1 && w.model.activationBytes > 0 ? 2 * (pp - 1) * microbatches * tp * dp : 0) +
    (w.input ? dp : 0) +
    tpCollectives * tp +
    allToAlls * ep * (ep - 1) +
    expertBuckets * (dp / ep);
  const flows = times(iterations, perIteration);
  const passes = 2 * pp * microbatches;
  const plan = (buckets + passes) * BYTES_PER.planEntry;
  const records = times(iterations, 1 + (dp > 1 ? buckets : 0) + tpCollectives + allToAlls + expertBuckets) * BYTES_PER.record;
  const what = `${formatCount(iterations)} iterations of at least ${formatCount(perIteration)} flows (${formatCount(buckets)} gradient buckets, ${formatCount(passes)} passes)`;
  return workloadPart(keyPath, what, flows, times(iterations, passes) + 2 * flows, flows * BYTES_PER.flow + plan + records);
}

// pipelineSchedule: the order of forward and backward microbatch passes on one pipeline stage.
import type { PipelineSchedule } from "./TrainingSpec.js";

/** One pass of one microbatch on a stage. */
export interface PipelineOp {
  forward: boolean;
  microbatch: number;
}

/**
 * The passes stage `s` of `p` runs for `m` microbatches, in order.
 * GPipe: F0 … F(m−1), then B0 … B(m−1).
 * 1F1B (non-interleaved, as Megatron-LM): w = min(p − s − 1, m) warm-up forwards, then
 * alternately one forward and one backward until every forward is done, then the
 * remaining w backwards. With equal stages both take (m + p − 1)(f + b).
 */
export function pipelineSchedule(schedule: PipelineSchedule, s: number, p: number, m: number): PipelineOp[] {
  const ops: PipelineOp[] = [];
  if (schedule === "gpipe") {
    for (let k = 0; k < m; k++) ops.push({ forward: true, microbatch: k });
    for (let k = 0; k < m; k++) ops.push({ forward: false, microbatch: k });
    return ops;
  }
  const warmup = Math.min(p - s - 1, m);
  for (let k = 0; k < warmup; k++) ops.push({ forward: true, microbatch: k });
  for (let k = 0; k < m - warmup; k++) {
    ops.push({ forward: true, microbatch: warmup + k });
    ops.push({ forward: false, microbatch: k });
  }
  for (let k = m - warmup; k < m; k++) ops.push({ forward: false, microbatch: k });
  return ops;
}

// trainingChakraTrace: the Chakra trace (one node list per rank) of a data- and pipeline-parallel training job, the graph TrainingIteration runs.
import { InputError } from "../../core/InputError.js";
import { rankOf } from "../training/rankLayout.js";
import type { TrainingPlan } from "../training/TrainingPlan.js";
import type { ChakraNodeSpec } from "./encodeChakraTrace.js";

/** Collective type numbers of et_def.proto used here. */
const ALL_REDUCE = 0;

/**
 * One iteration of `plan`'s job (tp = ep = 1, no input read, no checkpoint) as per-rank node
 * lists, rank r = s + pp·d as in the training layout:
 * - each pass of the stage's schedule is a COMP_NODE depending on the previous pass and, for a
 *   forward on stage s > 0 (backward on s < pp − 1), on a COMM_RECV_NODE of the activation
 *   (gradient) from the neighbour stage (tag 2·microbatch, +1 for gradients);
 * - after each pass a COMM_SEND_NODE of the activation (gradient) to the next (previous) stage;
 * - the last pass (a backward) is cut into one COMP_NODE per gradient bucket, of the bucket's
 *   share of the pass; bucket k's ALL_REDUCE (process group `dp<s>`) depends on its share and on
 *   bucket k − 1's all-reduce;
 * - the optimizer step, a COMP_NODE after the last pass and the last all-reduce.
 * Sends and all-reduces carry the names the training job gives their records
 * (`pp-<fwd|bwd><mb>-stage<s>to<s'>-dp<d>`, `grad-bucket<k>[-stage<s>-tp0]`).
 * Durations are whole microseconds (Chakra's unit): each is rounded, so the trace is the job
 * exactly when its pass times and bucket shares are whole microseconds.
 * @throws InputError when tp, ep, input or checkpoint are used (not expressed here).
 */
export function trainingChakraTrace(plan: TrainingPlan): ChakraNodeSpec[][] {
  const { spec, dp, pp, times, buckets, gradientBytes } = plan;
  if (plan.tp !== 1 || plan.ep !== 1 || spec.input || spec.checkpoint) throw new InputError(`${spec.name}: only data and pipeline parallelism (tp = ep = 1, no input, no checkpoint) can be written as a Chakra trace`);
  const micros = (s: number) => Math.round(s * 1e6);
  const activationBytes = plan.p2pBytes[0];
  const reduce = dp > 1 && buckets.length > 0;
  const traces: ChakraNodeSpec[][] = [];
  for (let d = 0; d < dp; d++) {
    for (let s = 0; s < pp; s++) {
      const nodes: ChakraNodeSpec[] = [];
      const add = (node: Omit<ChakraNodeSpec, "id">): number => nodes.push({ id: nodes.length, ...node }) - 1;
      const peer = (to: number) => rankOf(plan, d, to, 0);
      const me = rankOf(plan, d, s, 0);
      const comm = (type: "COMM_SEND_NODE" | "COMM_RECV_NODE", name: string, src: number, dst: number, tag: number, deps: number[]) =>
        add({
          name,
          type,
          dataDeps: deps,
          attrs: [
            { name: "comm_src", int32: src },
            { name: "comm_dst", int32: dst },
            { name: "comm_tag", int32: tag },
            { name: "comm_size", int64: activationBytes },
          ],
        });
      const ops = plan.schedules[s];
      let previous = -1;
      let lastReduce = -1;
      ops.forEach((op, k) => {
        const pass = `${op.forward ? "fwd" : "bwd"}${op.microbatch}`;
        const tag = 2 * op.microbatch + (op.forward ? 0 : 1);
        const deps = previous >= 0 ? [previous] : [];
        const from = op.forward ? s - 1 : s + 1;
        if (activationBytes > 0 && from >= 0 && from < pp) deps.push(comm("COMM_RECV_NODE", `recv-${pass}`, peer(from), me, tag, []));
        const durationMicros = micros(op.forward ? times.forwardS : times.backwardS);
        if (k === ops.length - 1 && reduce) {
          let doneBytes = 0;
          let doneMicros = 0;
          buckets.forEach((bytes, b) => {
            doneBytes += bytes;
            const end = micros((doneBytes / gradientBytes) * times.backwardS);
            previous = add({ name: `${pass}-part${b}`, type: "COMP_NODE", dataDeps: b === 0 ? deps : [previous], durationMicros: end - doneMicros });
            doneMicros = end;
            lastReduce = add({
              name: `grad-bucket${b}${pp > 1 ? `-stage${s}-tp0` : ""}`,
              type: "COMM_COLL_NODE",
              dataDeps: lastReduce >= 0 ? [previous, lastReduce] : [previous],
              attrs: [
                { name: "comm_type", int64: ALL_REDUCE },
                { name: "comm_size", int64: bytes },
                { name: "pg_name", string: `dp${s}` },
              ],
            });
          });
        } else previous = add({ name: pass, type: "COMP_NODE", dataDeps: deps, durationMicros });
        const to = op.forward ? s + 1 : s - 1;
        if (activationBytes > 0 && to >= 0 && to < pp) comm("COMM_SEND_NODE", `pp-${pass}-stage${s}to${to}-dp${d}`, me, peer(to), tag, [previous]);
      });
      if (times.optimizerS > 0) add({ name: "optimizer", type: "COMP_NODE", dataDeps: lastReduce >= 0 ? [previous, lastReduce] : [previous], durationMicros: micros(times.optimizerS) });
      traces[me] = nodes;
    }
  }
  return traces;
}

// startCollective: run a collective with the algorithm its spec names and report it as a CollectiveRecord when done.
import type { CollectiveRecord } from "../WorkloadResults.js";
import { allToAll } from "./allToAll.js";
import { busBwFactor } from "./busBwFactor.js";
import type { CollectiveSpec } from "./CollectiveSpec.js";
import { hierarchicalAllReduce, hostBlocks } from "./hierarchicalAllReduce.js";
import { ringCollective } from "./ringCollective.js";
import type { TransferTracker } from "./TransferTracker.js";
import { treeAllReduce } from "./treeAllReduce.js";

/** Where a collective belongs, for its record. */
export interface CollectiveLabel {
  job: string;
  iteration: number;
  /** What it is for, e.g. "grad-bucket3". */
  name: string;
}

/**
 * Start `spec` now: all-to-all runs `direct`; all-reduce runs `ring`, `tree` or
 * `hierarchical` (a ring when the participants are not host blocks, and so recorded);
 * reduce-scatter and all-gather run `ring`. `onDone` receives the record
 * (duration from now to the last rank done, algBw = S/t, busBw = algBw · {@link busBwFactor}).
 */
export function startCollective(
  tracker: TransferTracker,
  spec: CollectiveSpec,
  label: CollectiveLabel,
  onDone: (record: CollectiveRecord) => void,
): void {
  const startS = tracker.ctx.nowS();
  const flows: number[] = [];
  const n = spec.participants.length;
  // The algorithm that actually runs: hierarchical falls back to a ring when the participants are not host blocks.
  let algorithm = spec.kind === "all-to-all" ? "direct" : spec.kind === "all-reduce" ? spec.algorithm : "ring";
  if (algorithm === "hierarchical" && !hostBlocks(spec.participants)) algorithm = "ring";
  const done = () => {
    const durationS = tracker.ctx.nowS() - startS;
    const algBwBps = durationS > 0 ? spec.sizeBytes / durationS : Infinity;
    onDone({
      ...label,
      kind: spec.kind,
      algorithm,
      participants: n,
      sizeBytes: spec.sizeBytes,
      startS,
      durationS,
      algBwBps,
      busBwBps: algBwBps * busBwFactor(spec.kind, n),
      flows,
    });
  };
  if (algorithm === "direct") allToAll(tracker, spec, flows, done);
  else if (algorithm === "tree") treeAllReduce(tracker, spec, flows, done);
  else if (algorithm === "hierarchical") hierarchicalAllReduce(tracker, spec, flows, done);
  else ringCollective(tracker, spec, flows, done);
}

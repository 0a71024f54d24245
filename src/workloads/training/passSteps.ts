// passSteps: one microbatch pass of one pipeline stage as its sequence of compute, tensor-parallel and expert all-to-all steps, layer by layer.

/** How a pass's tensor-parallel collectives run: per layer (Megatron's placement), or merged into one per pass. */
export type TpGranularity = "layer" | "pass";

/** A step of a pass: compute (a timer, covering the shares fromShare … toShare of the pass's compute), a tensor-parallel collective, or an expert-parallel all-to-all. */
export type PassStep =
  | { kind: "compute"; seconds: number; fromShare: number; toShare: number }
  | { kind: "tp"; collective: "all-reduce" | "all-gather" | "reduce-scatter"; sizeBytes: number; layer: number; block: "attn" | "mlp" | "pass" }
  | { kind: "ep"; layer: number; which: "dispatch" | "combine" };

/** What shapes a stage's passes. */
export interface PassShape {
  forward: boolean;
  /** Global index of the stage's first layer. */
  firstLayer: number;
  /** Layers of the stage. */
  layers: number;
  /** Compute of the whole pass (forward or backward of one microbatch on this stage), seconds. */
  passS: number;
  /** Tensor-parallel degree: collectives only when > 1. */
  tp: number;
  sequenceParallel: boolean;
  /** One microbatch's activation, bytes: each per-layer collective's buffer. */
  activationBytes: number;
  /** `pass`: the pass's tensor-parallel collectives merged into one at its end (2 × layers × activation). */
  tpGranularity: TpGranularity;
  /** Whether global layer l is an MoE layer (its MLP block is experts with a dispatch and a combine all-to-all). */
  isMoe: (layer: number) => boolean;
  /** Whether the MoE layers' all-to-alls run (ep > 1). */
  expertParallel: boolean;
}

/**
 * The steps of one pass, in order. A transformer layer is two blocks of equal compute,
 * attention then MLP (backward: MLP then attention). Megatron-LM's tensor parallelism
 * (Shoeybi et al. 2019, §3) ends each block with an all-reduce of the activation in both
 * passes (forward: g after the block; backward: f's conjugate on the block's input
 * gradient), so 2 per layer per pass. With sequence parallelism (Korthikanti et al. 2022,
 * §4.2.2) the block starts with an all-gather and ends with a reduce-scatter instead (4 per
 * layer per pass, the same bytes). In an MoE layer the MLP block's compute is the experts',
 * between a dispatch and a combine all-to-all (backward: the combine's gradient goes first,
 * then the dispatch's), inside the block's tensor-parallel collectives (Lepikhin et al.
 * 2021, GShard). Adjacent compute merges into one step; a pass without communication is one
 * step of exactly `passS`. With `tpGranularity: pass` the tensor-parallel collectives of the
 * pass are one all-reduce (with sequence parallelism a reduce-scatter and an all-gather) of
 * 2 × layers × activation after the pass's compute: the same bytes with one collective's
 * latencies and 1/(2·layers) of the flows, for studies where the per-layer flows cost too much.
 */
export function passSteps(shape: PassShape): PassStep[] {
  const { forward, firstLayer, layers, passS, sequenceParallel, isMoe, expertParallel } = shape;
  const merged = shape.tpGranularity === "pass";
  const tp = merged ? 1 : shape.tp;
  const sizeBytes = Math.round(shape.activationBytes);
  const halves = 2 * layers;
  const raw: Array<PassStep | "half"> = [];
  const block = (layer: number, name: "attn" | "mlp") => {
    if (tp > 1 && sequenceParallel) raw.push({ kind: "tp", collective: "all-gather", sizeBytes, layer, block: name });
    const a2a = name === "mlp" && expertParallel && isMoe(layer);
    if (a2a) raw.push({ kind: "ep", layer, which: forward ? "dispatch" : "combine" });
    raw.push("half");
    if (a2a) raw.push({ kind: "ep", layer, which: forward ? "combine" : "dispatch" });
    if (tp > 1) raw.push({ kind: "tp", collective: sequenceParallel ? "reduce-scatter" : "all-reduce", sizeBytes, layer, block: name });
  };
  for (let i = 0; i < layers; i++) {
    const layer = forward ? firstLayer + i : firstLayer + layers - 1 - i;
    const order = forward ? (["attn", "mlp"] as const) : (["mlp", "attn"] as const);
    for (const name of order) block(layer, name);
  }
  const steps: PassStep[] = [];
  let done = 0;
  for (let i = 0; i < raw.length; ) {
    const step = raw[i];
    if (step !== "half") {
      steps.push(step);
      i++;
      continue;
    }
    let n = 0;
    while (raw[i] === "half") {
      n++;
      i++;
    }
    // The whole pass stays exactly passS (no rounding of n · passS / halves) — dp and pp jobs keep their timings.
    steps.push({ kind: "compute", seconds: n === halves ? passS : (passS * n) / halves, fromShare: done / halves, toShare: (done + n) / halves });
    done += n;
  }
  if (merged && shape.tp > 1) {
    // The layers' bytes in one buffer at the end of the pass: what this simulator did before per-layer collectives.
    const passBytes = Math.round(2 * layers * shape.activationBytes);
    if (sequenceParallel) {
      steps.push({ kind: "tp", collective: "reduce-scatter", sizeBytes: passBytes, layer: -1, block: "pass" });
      steps.push({ kind: "tp", collective: "all-gather", sizeBytes: passBytes, layer: -1, block: "pass" });
    } else steps.push({ kind: "tp", collective: "all-reduce", sizeBytes: passBytes, layer: -1, block: "pass" });
  }
  return steps;
}

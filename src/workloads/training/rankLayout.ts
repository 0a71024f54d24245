// rankLayout: Megatron rank order — tensor-parallel rank innermost, then pipeline stage, then data-parallel replica.

/** Ranks of a job laid out as rank = t + tp·(s + pp·d). */
export interface RankLayout {
  dp: number;
  tp: number;
  pp: number;
}

/**
 * The rank of tensor-parallel rank `t` of pipeline stage `s` of data-parallel replica `d`:
 * t + tp·(s + pp·d). GPUs are numbered host-major, so a tensor-parallel group of tp ≤ GPUs
 * per host sits inside one host (on NVLink), the stages of a replica on the next GPUs, and
 * replicas outermost.
 */
export function rankOf(layout: RankLayout, d: number, s: number, t: number): number {
  return t + layout.tp * (s + layout.pp * d);
}

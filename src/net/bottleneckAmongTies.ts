// bottleneckAmongTies: the bottleneck a sharing engine reports for a flow — the first resource along its route that binds it, whatever order the fill went in.
import { TIE } from "./incremental/TIE.js";

/**
 * The bottleneck reported for a flow (`SharingEngine.bottleneck`): the **first resource
 * along its route** that binds it — saturated, with no flow on it of a larger share
 * (`saturatedShareOf[r]`, from {@link saturatedShare}, is within a relative {@link TIE} of
 * the flow's share) — else -1 when the flow is at its own cap, else `fallback` (the
 * engine's own witness; reached only when round-off beyond {@link TIE} hides every binding
 * resource). When several resources bind a flow at the same share (a tie), the answer
 * does not depend on the order in which a progressive filling met them, so every engine,
 * full or incremental, and every fill path gives the same one.
 *
 * @param route resource ids, the flow's route being `route[start … start + len)`.
 * @param share the flow's rate ÷ its weight.
 * @param stride resource r's entry is `saturatedShareOf[stride * r]` (records of `stride` doubles).
 */
export function bottleneckAmongTies(
  route: Int32Array,
  start: number,
  len: number,
  share: number,
  rateBps: number,
  capBps: number,
  saturatedShareOf: Float64Array,
  fallback: number,
  stride = 1,
): number {
  for (let k = start, end = start + len; k < end; k++) {
    const r = route[k];
    const top = saturatedShareOf[stride * r];
    if (top >= 0 && share >= top - TIE * top) return r;
  }
  if (capBps < Infinity && rateBps >= capBps - TIE * capBps) return -1;
  return fallback;
}

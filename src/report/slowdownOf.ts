// slowdownOf: a flow's slowdown, fct ÷ ideal, by the one rule flows.csv and summary.csv both use.
import { clampSlowdown } from "./roundoff.js";

/**
 * The slowdown of a flow that took `fctS` seconds against an ideal of `idealS` seconds
 * (FlowRecorder.idealFctOf), as every report states it:
 * - `fctS ÷ idealS` when `idealS > 0`, raised to 1 when it lies below 1 by round-off only
 *   ({@link clampSlowdown}: down to 1 − 1e-9; a value further below stays visible);
 * - 1 when `idealS` is 0 (an empty flow on a zero-latency route): 1 when `fctS` is 0 too, and
 *   also when `fctS > 0` (a tcp handshake there), since no finite ratio exists and an infinite
 *   cell would be written empty, which reads as unfinished; its `fct_s` shows the time;
 * - NaN when `fctS` is NaN (the flow is unfinished).
 *
 * @example slowdownOf(3e-6, 2e-6) // 1.5
 * @example slowdownOf(0, 0) // 1
 * @example slowdownOf(NaN, 2e-6) // NaN
 */
export function slowdownOf(fctS: number, idealS: number): number {
  if (idealS > 0) return clampSlowdown(fctS / idealS);
  return fctS === fctS ? 1 : NaN;
}

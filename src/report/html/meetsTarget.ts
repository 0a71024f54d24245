// meetsTarget: whether a run's value of a metric meets a comparison target.
import type { Target } from "./parseTargets.js";

/** Whether `value` meets `target` (never for NaN). */
export function meetsTarget(value: number, target: Pick<Target, "op" | "bound">): boolean {
  if (Number.isNaN(value)) return false;
  switch (target.op) {
    case "<=":
      return value <= target.bound;
    case "<":
      return value < target.bound;
    case ">=":
      return value >= target.bound;
    case ">":
      return value > target.bound;
  }
}

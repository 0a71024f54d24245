// runKey: the identity of one run of a study — a hash of its substituted scenario and its seed.
import { createHash } from "node:crypto";

/**
 * `sha256:<hex>` of `{"seed":<seed>,"scenario":<scenarioJson>}`, where `scenarioJson` is
 * the point's scenario document after substitution, without its sweep block, as JSON
 * (keys in the order written; ±Infinity and NaN written as `{"$number":"Infinity"}` and
 * the like, not as null). Two runs share a key exactly when they simulate the
 * same scenario with the same seed, so a result on disk is reused only under its own key:
 * editing a variable's values, a fixed value or the seed changes the key of every run it
 * affects. (Files the scenario names, such as a CDF, are read by path: their contents are
 * not part of the key.)
 */
export function runKey(scenarioJson: string, seed: number): string {
  return `sha256:${createHash("sha256").update(`{"seed":${seed},"scenario":${scenarioJson}}`).digest("hex")}`;
}

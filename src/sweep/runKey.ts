// runKey: the identity of one run of a study — a hash of its substituted scenario, the files it reads and its seed.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * `sha256:<hex>` of `{"seed":<seed>,"scenario":<scenarioJson>}`, where `scenarioJson` is
 * the point's scenario document after substitution, without its sweep block, as JSON
 * (keys in the order written; ±Infinity and NaN written as `{"$number":"Infinity"}` and
 * the like, not as null) — with `,"files":[<digest>,…]` before the closing brace when the
 * scenario's workloads read files (CDF files, transfer lists, Chakra traces; see
 * {@link inputDigests}). Two runs share a key exactly when they simulate the same scenario
 * over the same file contents with the same seed, so a result on disk is reused only under
 * its own key: editing a variable's values, a fixed value, the seed or a file the scenario
 * reads changes the key of every run it affects. A scenario that reads no file keeps the
 * key it had before files were part of it.
 */
export function runKey(scenarioJson: string, seed: number, inputs: readonly string[] = []): string {
  const files = inputs.length === 0 ? "" : `,"files":${JSON.stringify(inputs)}`;
  return `sha256:${createHash("sha256").update(`{"seed":${seed},"scenario":${scenarioJson}${files}}`).digest("hex")}`;
}

/**
 * SHA-256 (hex) of each file's bytes, in the order given. With `known` (path → digest), a file
 * already hashed is not read again: a study's points often read the same files.
 */
export function inputDigests(files: readonly string[], known?: Map<string, string>): string[] {
  return files.map((f) => {
    let digest = known?.get(f);
    if (digest === undefined) {
      digest = createHash("sha256").update(readFileSync(f)).digest("hex");
      known?.set(f, digest);
    }
    return digest;
  });
}

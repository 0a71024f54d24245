// Test helper: write per-rank node lists as Chakra `.et` files in a fresh temporary directory and return their prefix.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeChakraTrace, type ChakraNodeSpec } from "../../../src/workloads/chakra/encodeChakraTrace.js";

/** Write `ranks[r]` to `<dir>/<name>.<r>.et`; returns `<dir>/<name>`. */
export function writeTrace(ranks: readonly ChakraNodeSpec[][], name = "job"): string {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-chakra-"));
  mkdirSync(dir, { recursive: true });
  ranks.forEach((nodes, r) => writeFileSync(join(dir, `${name}.${r}.et`), encodeChakraTrace(nodes)));
  return join(dir, name);
}

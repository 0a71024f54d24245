// Test helper: write per-rank node lists as Chakra `.et` files in a fresh temporary directory and return their prefix.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { encodeChakraTrace, type ChakraNodeSpec } from "../../../src/workloads/chakra/encodeChakraTrace.js";

/** Directories written by {@link writeTrace} in this test file, removed after it. */
const written: string[] = [];
afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

/** Write `ranks[r]` to `<dir>/<name>.<r>.et`; returns `<dir>/<name>`. */
export function writeTrace(ranks: readonly ChakraNodeSpec[][], name = "job"): string {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-chakra-"));
  written.push(dir);
  mkdirSync(dir, { recursive: true });
  ranks.forEach((nodes, r) => writeFileSync(join(dir, `${name}.${r}.et`), encodeChakraTrace(nodes)));
  return join(dir, name);
}

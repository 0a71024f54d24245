// Tests of roundoffCells' chance allowance: a noise tail among a few elapsed cells is round-off, one among thousands of genuine values is chance, many are round-off again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NOISE_TAIL_CHANCE, poissonTail, roundoffBeyondChance, roundoffCells } from "./roundoffCells.js";

const root = mkdtempSync(join(tmpdir(), "chokepoint-roundoff-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A run directory whose flows.csv has `n` twelve-digit mean rates (a fixed sequence of digits, none with a noise tail), the first `noisy` of them replaced by 2.61430000017. */
function runDir(name: string, n: number, noisy: number): string {
  const dir = join(root, name);
  const rows = ["id,mean_rate_gbps"];
  let x = 123456789;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    // 1.xxxxxxxxxx7: twelve digits, the last 7, so no run of five 0s or 9s before a short tail.
    const digits = String(x % 1e10).padStart(10, "1").replace(/00000|99999/g, "12345");
    rows.push(`f${i},${i < noisy ? "2.61430000017" : `1.${digits}7`}`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "flows.csv"), rows.join("\n") + "\n");
  return dir;
}

describe("roundoffBeyondChance", () => {
  it("keeps a noise tail among a few elapsed cells: chance does not explain it", () => {
    const dir = runDir("few", 10, 1);
    expect(roundoffCells(dir).map((c) => c.kind)).toEqual(["elapsed-noise"]);
    expect(roundoffBeyondChance(dir).map((c) => c.cell)).toEqual(["2.61430000017"]);
  });

  it("drops one among 15,000 genuine values (0.9 expected by chance) and keeps six (P(X ≥ 6) = 3.1e-4)", () => {
    expect(roundoffCells(runDir("one", 15000, 1))).toHaveLength(1);
    expect(roundoffBeyondChance(runDir("one", 15000, 1))).toEqual([]);
    expect(roundoffBeyondChance(runDir("five", 15000, 5))).toEqual([]);
    expect(roundoffBeyondChance(runDir("six", 15000, 6))).toHaveLength(6);
  });

  it("Poisson tails: exact sums", () => {
    const l = 15000 * NOISE_TAIL_CHANCE;
    expect(poissonTail(l, 0)).toBe(1);
    expect(poissonTail(l, 1)).toBeCloseTo(1 - Math.exp(-l), 14);
    expect(poissonTail(l, 2)).toBeCloseTo(1 - Math.exp(-l) * (1 + l), 14);
    expect(poissonTail(16 * NOISE_TAIL_CHANCE, 1)).toBeLessThan(1e-3);
    expect(poissonTail(17 * NOISE_TAIL_CHANCE, 1)).toBeGreaterThan(1e-3);
    expect(poissonTail(0, 1)).toBe(0);
  });
});

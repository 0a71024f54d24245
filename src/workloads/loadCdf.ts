// Loading and validating empirical flow-size CDF files (`size_bytes,cdf` CSV rows).
import { readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../core/InputError.js";
import type { CdfPoint } from "./empiricalCdf.js";

/** Names of the CDFs shipped in the package's data/ directory. */
export const BUILTIN_CDFS: readonly string[] = ["websearch", "datamining"];

/**
 * Load an empirical CDF: a built-in name ("websearch", "datamining", read from the
 * package's data/ directory) or an absolute path to a CSV file.
 *
 * File format: lines starting with `#` and blank lines are ignored; an optional header
 * `size_bytes,cdf`; then one `size_bytes,cdf` row per point with sizes and cdf
 * non-decreasing, cdf within [0, 1], the last cdf equal to 1.
 *
 * @throws InputError naming the file (and line) when the name is unknown, the file cannot
 * be read or a row is invalid.
 */
export function loadCdf(nameOrPath: string): CdfPoint[] {
  let file: string;
  if (BUILTIN_CDFS.includes(nameOrPath)) {
    file = fileURLToPath(new URL(`../../data/${nameOrPath}.csv`, import.meta.url));
  } else if (isAbsolute(nameOrPath)) {
    file = nameOrPath;
  } else {
    throw new InputError(
      `unknown flow-size CDF "${nameOrPath}" — use ${BUILTIN_CDFS.map((n) => `"${n}"`).join(" or ")}, or an absolute path to a CSV file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`cannot read flow-size CDF ${file}: ${(err as Error).message}`);
  }
  return parseCdf(text, file);
}

/** Parse the text of a CDF file (see {@link loadCdf}); `source` names it in errors. */
export function parseCdf(text: string, source: string): CdfPoint[] {
  const points: CdfPoint[] = [];
  const lines = text.split(/\r?\n/);
  let lastLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `${source}:${i + 1}`;
    const cells = line.split(",").map((c) => c.trim());
    if (points.length === 0 && cells[0] === "size_bytes" && cells[1] === "cdf" && cells.length === 2) continue;
    if (cells.length !== 2) {
      throw new InputError(`${where}: expected a "size_bytes,cdf" row, found "${line}"`);
    }
    const sizeBytes = Number(cells[0]);
    const cdf = Number(cells[1]);
    if (cells[0] === "" || !Number.isFinite(sizeBytes) || sizeBytes < 0) {
      throw new InputError(`${where}: size_bytes "${cells[0]}" is not a number ≥ 0`);
    }
    if (cells[1] === "" || !Number.isFinite(cdf) || cdf < 0 || cdf > 1) {
      throw new InputError(`${where}: cdf "${cells[1]}" is not a number between 0 and 1`);
    }
    const prev = points[points.length - 1];
    if (prev && sizeBytes < prev.sizeBytes) {
      throw new InputError(`${where}: size_bytes ${sizeBytes} is smaller than the previous row's ${prev.sizeBytes} — sizes must not decrease`);
    }
    if (prev && cdf < prev.cdf) {
      throw new InputError(`${where}: cdf ${cdf} is smaller than the previous row's ${prev.cdf} — a CDF must not decrease`);
    }
    points.push({ sizeBytes, cdf });
    lastLine = i + 1;
  }
  if (points.length === 0) throw new InputError(`${source}: no "size_bytes,cdf" rows found`);
  const last = points[points.length - 1];
  if (last.cdf !== 1) {
    throw new InputError(`${source}:${lastLine}: the last cdf is ${last.cdf}, expected 1`);
  }
  return points;
}

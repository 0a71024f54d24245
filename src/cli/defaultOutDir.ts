// defaultOutDir: the directory a run writes to without --out — results/<scenario name>/, the name kept to one path segment inside results/.
import { join } from "node:path";

/**
 * `results/<name>`, with `name` made a single path segment: every `/` and `\` becomes `_`,
 * and a name that is then `.` or `..` becomes `_` and `__`. A scenario's name is text
 * from its file, and a file from elsewhere naming itself `../x` must not make a run replace
 * `./x`, nor `.` the whole `results/`.
 *
 * @example defaultOutDir("default") // "results/default"
 * @example defaultOutDir("../escape") // "results/.._escape"
 */
export function defaultOutDir(name: string): string {
  const segment = name.replace(/[/\\]/g, "_");
  return join("results", segment === "." ? "_" : segment === ".." ? "__" : segment);
}

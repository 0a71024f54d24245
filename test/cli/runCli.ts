// Test helpers: run the CLI in-process capturing its output, and read our small CSV reports.
import { readFileSync } from "node:fs";
import { cli } from "../../src/cli/cli.js";

/** Run the CLI in-process with `argv`, capturing stdout and stderr. */
export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await cli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** Parse one of our CSV reports (ids and names contain no commas or quotes) into objects. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, "utf8").trim().split("\n");
  const keys = header.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [keys[i], v])));
}

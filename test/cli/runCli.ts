// Test helpers: run the CLI in-process capturing its output, and read our small CSV reports.
import { cli } from "../../src/cli/cli.js";

/** Reads our small CSV reports (see bench/readReportCsv.ts). */
export { readReportCsv as readCsv } from "../../bench/readReportCsv.js";

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

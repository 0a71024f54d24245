// validateEach: child-process driver of validateAbsurd.test.ts — `chokepoint validate` on each file given, one JSON line per file.
import { cli } from "../../src/cli/cli.js";

for (const file of process.argv.slice(2)) {
  let stdout = "";
  let stderr = "";
  const code = await cli(["validate", file], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  process.stdout.write(`${JSON.stringify({ file, code, stdout, stderr })}\n`);
}

// packageVersion: the simulator's version, read from package.json next to src/ or dist/.
import { readFileSync } from "node:fs";

/**
 * The `version` field of the project's package.json ("unknown" if it cannot be read).
 * This file sits two levels below the package root both as source (src/report) and
 * compiled (dist/report), so one relative path serves both.
 */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    const version: unknown = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

// lazyCommands: the CLI entry imports no command statically, so `run` does not load the study, search and page code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const COMMAND_MODULES = ["runCommand", "sweepCommand", "searchCommand", "compareCommand", "reportCommand", "validateCommand"];

describe("cli", () => {
  it("imports each command's module only when that command runs", () => {
    const source = readFileSync(new URL("../../src/cli/cli.ts", import.meta.url), "utf8");
    const staticImports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]);
    expect(staticImports.length).toBeGreaterThan(0);
    for (const name of COMMAND_MODULES) {
      expect(staticImports).not.toContain(`./${name}.js`);
      expect(source).toContain(`import("./${name}.js")`);
    }
  });
});

// lazyCommands: the CLI entry imports no command statically, so `run` does not load the study, search and page code.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** The project's source files `entry` loads through static value imports (and re-exports), `import type` left out. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"(\.{1,2}\/[^"]+)\.js"/gms)) visit(join(dirname(file), `${m[1]}.ts`));
  };
  visit(join(SRC, entry));
  return new Set([...seen].map((f) => relative(SRC, f)));
}

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

  it("loads the HTML report page's code only for a run that writes it", () => {
    const loaded = staticGraph("cli/runCommand.ts");
    expect(loaded.has("report/writeReports.ts")).toBe(true);
    expect(loaded.has("scenario/scenarioSchema.ts")).toBe(true);
    expect([...loaded].filter((f) => f.startsWith("report/html/"))).toEqual([]);
  });
});

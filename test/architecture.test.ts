// architecture: every import in src/ obeys the layering table of docs/architecture.md (read from the doc itself).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");

/** Module specifiers a TypeScript source imports or re-exports: static, type-only, dynamic and `import("…")` types. */
function importsOf(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true));
  return found;
}

/** The "may import from" table of docs/architecture.md: directory → allowed directories or `dir/Module` entries. */
function layeringTable(): Map<string, string[]> {
  const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8").split("\n");
  const header = doc.findIndex((line) => /^\|\s*directory\s*\|\s*may import from\s*\|$/.test(line));
  if (header < 0) throw new Error('docs/architecture.md has no "| directory | may import from |" table');
  const table = new Map<string, string[]>();
  for (let i = header + 2; i < doc.length && doc[i].startsWith("|"); i++) {
    const [, dir, allowed] = doc[i].split("|").map((cell) => cell.trim());
    const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    table.set(names(dir)[0], allowed === "nothing" ? [] : names(allowed));
  }
  return table;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** The layering violations of one source file (path relative to src/), as sentences. */
function violations(file: string, text: string, table: Map<string, string[]>): string[] {
  const from = file.split("/")[0];
  const allowed = table.get(from) ?? [];
  const out: string[] = [];
  for (const spec of importsOf(file, text)) {
    if (!spec.startsWith(".")) continue; // node: built-ins and packages
    const target = relative(SRC, resolve(SRC, dirname(file), spec)).split(sep).join("/");
    if (target.startsWith("..")) {
      out.push(`src/${file} imports "${spec}", outside src/`);
      continue;
    }
    const to = target.split("/")[0];
    const moduleName = target.replace(/\.[cm]?[jt]s$/, "");
    if (to === from || allowed.includes(to) || allowed.includes(moduleName)) continue;
    out.push(`src/${file} imports "${spec}", but ${from} may import only from ${allowed.join(", ") || "nothing"}`);
  }
  return out;
}

describe("layering (docs/architecture.md, Layers)", () => {
  const table = layeringTable();

  it("the table names every directory of src/ and nothing else, and only directories or modules that exist", () => {
    const dirs = readdirSync(SRC).filter((d) => statSync(join(SRC, d)).isDirectory());
    expect([...table.keys()].sort()).toEqual(dirs.sort());
    for (const [dir, allowed] of table) {
      for (const entry of allowed) {
        const exists = entry.includes("/") ? statSync(join(SRC, `${entry}.ts`), { throwIfNoEntry: false }) : table.has(entry) ? true : undefined;
        expect(exists, `${dir} may import from "${entry}"`).toBeTruthy();
      }
    }
  });

  it("finds static, type-only, re-exported and dynamic imports, and judges them by the table", () => {
    const text = [
      'import { a } from "../report/costRows.js";',
      'import type { B } from "../transport/TransportSpec.js";',
      'export { c } from "../run/simulate.js";',
      'const d = await import("../sweep/runStudy.js");',
      'let e: import("../cli/cli.js").Cli;',
      'import { f } from "./specs.js";',
      'import { g } from "../core/closest.js";',
      'import { readFileSync } from "node:fs";',
      "// import { h } from \"../report/inAComment.js\";",
    ].join("\n");
    expect(violations("workloads/x.ts", text, table)).toEqual([
      'src/workloads/x.ts imports "../report/costRows.js", but workloads may import only from core',
      'src/workloads/x.ts imports "../transport/TransportSpec.js", but workloads may import only from core',
      'src/workloads/x.ts imports "../run/simulate.js", but workloads may import only from core',
      'src/workloads/x.ts imports "../sweep/runStudy.js", but workloads may import only from core',
      'src/workloads/x.ts imports "../cli/cli.js", but workloads may import only from core',
    ]);
    expect(violations("report/x.ts", 'import type { R } from "../workloads/WorkloadResults.js";\nimport { s } from "../workloads/specs.js";', table)).toEqual([
      'src/report/x.ts imports "../workloads/specs.js", but report may import only from core, net, workloads/WorkloadResults, workloads/RequestTable, workloads/TaskTable',
    ]);
  });

  it("every import in src/ is one the table allows (scenario never imports report, workloads never transport, …)", () => {
    const found = sourceFiles(SRC).flatMap((path) => {
      const file = relative(SRC, path).split(sep).join("/");
      return violations(file, readFileSync(path, "utf8"), table);
    });
    expect(found).toEqual([]);
  });

  it("closest, the did-you-mean helper every layer uses, is defined once, in core", () => {
    const definitions = sourceFiles(SRC).filter((path) => /\bfunction closest\s*\(/.test(readFileSync(path, "utf8")));
    expect(definitions.map((path) => relative(ROOT, path).split(sep).join("/"))).toEqual(["src/core/closest.ts"]);
  });
});

// build: dist/ is replaced whole by a tree staged beside it, or left as it was when a step fails.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
let root: string;

/** A project of one TypeScript file (`source`) with an earlier build in dist/ (dist/old.txt). */
function project(source: string): string {
  root = mkdtempSync(join(tmpdir(), "chokepoint-build-"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  writeFileSync(join(root, "package.json"), '{ "name": "p", "type": "module" }\n');
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, rootDir: "src", outDir: "dist", module: "es2022", target: "es2022", lib: ["es2022"], types: [], skipLibCheck: true }, include: ["src/**/*.ts"] }));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "a.ts"), source);
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, "dist", "old.txt"), "the earlier build\n");
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("build", () => {
  it("compiles and bundles into a staging folder, then swaps it in for dist/ whole", async () => {
    const dir = project("export const a: number = 1;\n");
    let staged = "";
    await build(dir, async (_root, dist) => {
      staged = dist;
      // While the second step runs, dist/ is still the earlier build and the new tree is beside it.
      expect(readdirSync(join(dir, "dist"))).toEqual(["old.txt"]);
      expect(existsSync(join(dist, "a.js"))).toBe(true);
      writeFileSync(join(dist, "bundle.txt"), "bundled\n");
    });
    expect(staged).toBe(join(dir, `dist.next-${process.pid}`));
    expect(readdirSync(join(dir, "dist")).sort()).toEqual(["a.js", "bundle.txt"]);
    expect(readdirSync(dir).filter((n) => n.startsWith("dist")).sort()).toEqual(["dist"]);
  });

  it("leaves dist/ as it was, and no staging folder, when tsc finds an error (tsc still emits then)", async () => {
    const dir = project('export const a: number = "one";\n');
    await expect(build(dir, async () => {})).rejects.toThrow("tsc failed (exit 2); dist/ is unchanged");
    expect(readdirSync(join(dir, "dist"))).toEqual(["old.txt"]);
    expect(readFileSync(join(dir, "dist", "old.txt"), "utf8")).toBe("the earlier build\n");
    expect(readdirSync(dir).filter((n) => n.startsWith("dist")).sort()).toEqual(["dist"]);
  });

  it("leaves dist/ as it was when the bundle step fails", async () => {
    const dir = project("export const a: number = 1;\n");
    await expect(
      build(dir, async () => {
        throw new Error("the bundle failed");
      }),
    ).rejects.toThrow("the bundle failed");
    expect(readdirSync(join(dir, "dist"))).toEqual(["old.txt"]);
    expect(readdirSync(dir).filter((n) => n.startsWith("dist")).sort()).toEqual(["dist"]);
  });
});

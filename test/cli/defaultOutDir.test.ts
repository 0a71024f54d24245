// defaultOutDir: a run without --out writes into results/<name>/, and a name never reaches outside results/ or replaces it whole.
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultOutDir } from "../../src/cli/defaultOutDir.js";

describe("defaultOutDir", () => {
  it("is results/<name> for an ordinary name", () => {
    expect(defaultOutDir("default")).toBe("results/default");
    expect(defaultOutDir("a b.c-d")).toBe("results/a b.c-d");
  });

  it("keeps a name with separators or dot segments to one directory directly inside results/", () => {
    const cases: Array<[string, string]> = [
      ["../escape", "results/.._escape"],
      ["../../etc", "results/.._.._etc"],
      ["/abs", "results/_abs"],
      ["x/y", "results/x_y"],
      ["a\\b", "results/a_b"],
      [".", "results/_"],
      ["..", "results/__"],
    ];
    for (const [name, dir] of cases) {
      expect(defaultOutDir(name), name).toBe(dir);
      expect(dirname(resolve(defaultOutDir(name))), name).toBe(resolve("results"));
    }
  });
});

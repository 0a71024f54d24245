// packageLock: package-lock.json states the same root package as package.json, so `npm install` on a fresh clone rewrites nothing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), "utf8")) as Record<string, unknown>;

describe("package-lock.json", () => {
  it("records package.json's name, version, bin, engines, license and dependencies for the root package (npm rewrites it otherwise)", () => {
    const pkg = read("package.json");
    const lock = read("package-lock.json");
    const root = (lock.packages as Record<string, Record<string, unknown>>)[""];
    expect(lock.name).toBe(pkg.name);
    expect(lock.version).toBe(pkg.version);
    for (const key of ["name", "version", "license", "bin", "engines", "dependencies", "devDependencies"]) {
      expect(root[key], `packages[""].${key}`).toEqual(pkg[key]);
    }
  });
});

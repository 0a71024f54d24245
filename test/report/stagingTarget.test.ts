// Tests of stagingTarget: staging directories (StagedDirectory's and writeAtomically's) are known as such, with the directory they were for; report directories are not.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stagingTarget } from "../../src/report/stagingTarget.js";

describe("stagingTarget", () => {
  it("names the directory a staging directory was for", () => {
    expect(stagingTarget("/r/.out.staging/partial-123-aB3dE9")).toBe("/r/out");
    expect(stagingTarget("/r/.out.staging/ready-7-zzzzzz/")).toBe("/r/out");
    expect(stagingTarget("/r/study/runs/.p0-r1.staging/old-99-AAAAAA")).toBe("/r/study/runs/p0-r1");
    expect(stagingTarget("/r/study/.partial-42-abcdef")).toBe("/r/study");
    expect(stagingTarget(join(".x.staging", "partial-1-abcdef"))).toBe(resolve("x"));
  });

  it("is undefined for anything else", () => {
    for (const dir of ["/r/out", "/r/partial-123-aB3dE9", "/r/.out.staging", "/r/out.staging/partial-1-abcdef", "/r/.out.staging/partial-x-abcdef", "/r/.out.staging/partial-1-abc"]) {
      expect(stagingTarget(dir), dir).toBeUndefined();
    }
  });
});

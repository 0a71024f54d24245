// flowsBinaryPath: the ns-3 replay is built under the OS temp directory, keyed by its sources, never into the source tree.
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { flowsBinaryPath } from "../../bench/ns3/compare.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("flowsBinaryPath(env)", () => {
  it("lies under the OS temp directory, outside the checkout, named by a hash of the sources and the toolchain", () => {
    const path = flowsBinaryPath({});
    expect(relative(join(tmpdir(), "chokepoint-ns3"), path)).toMatch(/^flows-[0-9a-f]{16}$/);
    expect(relative(ROOT, path).startsWith("..")).toBe(true);
    expect(flowsBinaryPath({})).toBe(path);
    expect(flowsBinaryPath({ CXX: "clang++" })).not.toBe(path);
    expect(flowsBinaryPath({ NS3_INCLUDE_DIR: "/opt/ns3/include" })).not.toBe(path);
  });

  it("build.sh refuses to run without an output path (it has no default inside the source tree)", () => {
    const r = spawnSync("sh", [join(ROOT, "bench/ns3/build.sh")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: sh bench\/ns3\/build\.sh OUT/);
  });
});

// validate refuses every absurd scenario of scenarios/bad from its estimate, in a process whose heap is capped far below what building it would take.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** The absurd cases (issue 11, item 15) and the key path each refusal names. */
const ABSURD: Record<string, string> = {
  "fattree-k1000.yaml": "topology.fatTree",
  "leafspine-huge.yaml": "topology.leafSpine",
  "gpucluster-huge.yaml": "topology.gpuCluster",
  "traffic-too-many-flows.yaml": "workloads[0].traffic",
  "traffic-duration-huge.yaml": "workloads[0].traffic",
  "transfer-repeat-huge.yaml": "workloads[0].transfer",
  "agents-too-many-requests.yaml": "workloads[1].agents",
  "training-too-many-iterations.yaml": "workloads[0].training",
  "inference-endless-decode.yaml": "workloads[0].inference",
  "clos3-huge.yaml": "topology.clos3",
  "torus-huge.yaml": "topology.torus",
};

/** Heap of the child, MiB: room for the CLI and the parser, nowhere near any of the networks above. */
const HEAP_MIB = 128;

describe("validate of absurd scenarios", () => {
  it(`refuses each one from its estimate, with the heap capped at ${HEAP_MIB} MiB (building any of them would run out of it)`, () => {
    const files = Object.keys(ABSURD).map((f) => `scenarios/bad/${f}`);
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MIB}`, "--import", "tsx", "test/scenario/validateEach.ts", ...files], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      timeout: 100_000,
    });
    // A child that ran out of memory dies with a V8 fatal error and no line for the file it was on.
    expect(child.stderr).not.toContain("heap out of memory");
    expect(child.status).toBe(0);
    const results = child.stdout.trim().split("\n").map((line) => JSON.parse(line) as { file: string; code: number; stdout: string; stderr: string });
    expect(results.map((r) => r.file)).toEqual(files);
    for (const r of results) {
      const name = r.file.slice("scenarios/bad/".length);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(new RegExp(`^chokepoint: ${r.file}: ${ABSURD[name].replace(/[.[\]]/g, "\\$&")}: too (large|long) to simulate — `));
      expect(r.stderr.trimEnd()).not.toContain("\n");
    }
  });
});

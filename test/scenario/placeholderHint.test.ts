// A study's ${…} in a plain scenario file (no sweep block): the key's parse error becomes one sentence saying ${…} is substituted only in a study, naming the file and the key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { loadScenario } from "../../src/scenario/loadScenario.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-placeholder-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Write `text` as `name` in the temporary directory; the path. */
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** The InputError message of loading `path` (fails the test when it loads). */
function refusal(path: string): string {
  try {
    loadScenario(path);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`${path} loaded`);
}

const hint = (path: string, key: string, value: string, name: string) =>
  `${path}: ${key} is "${value}", but \${…} is substituted only in a study (a file with a sweep: block, run by "chokepoint sweep") and this file has none — write the value itself, or declare ${name} under sweep.vars`;

describe("a ${…} outside a study", () => {
  it("in a fabric's rate (YAML): names the file, the key and the variable, not the rate parser's complaint", () => {
    const path = file(
      "leaf.yaml",
      `name: a
topology:
  leafSpine: { leaves: 2, spines: 2, hostsPerLeaf: 2, hostBandwidth: "\${bw}Gbps", spineBandwidth: 40Gbps, latency: 1us }
workloads:
  - transfer: { from: h0, to: h1, size: 1MB }
`,
    );
    expect(refusal(path)).toBe(hint(path, "topology.leafSpine.hostBandwidth", "${bw}Gbps", "bw"));
  });

  it("in a JSON fabric and in a workload's number", () => {
    const json = file("fat.json", `{"name":"b","topology":{"fatTree":{"k":4,"bandwidth":"\${ bw }","latency":"1us"}},"workloads":[{"transfer":{"from":"h0","to":"h1","size":"1MB"}}]}`);
    expect(refusal(json)).toBe(hint(json, "topology.fatTree.bandwidth", "${ bw }", "bw"));
    const yaml = file(
      "load.yaml",
      `name: c
topology:
  fatTree: { k: 4, bandwidth: 10Gbps, latency: 1us }
workloads:
  - traffic:
      name: ws
      pattern: uniform
      load: \${load}
      size: { cdf: websearch }
      flows: 100
`,
    );
    expect(refusal(yaml)).toBe(hint(yaml, "workloads[0].traffic.load", "${load}", "load"));
  });

  it("leaves other errors as they are, and a ${…} where any text goes is no error", () => {
    // The error is elsewhere: the ${…} in the name is not its cause.
    const other = file("other.yaml", `name: "x-\${bw}"\ntopology:\n  fatTree: { k: 4, bandwidth: 10Gbs, latency: 1us }\n`);
    expect(refusal(other)).toBe(`${other}: topology.fatTree.bandwidth: "10Gbs" has unknown rate unit "Gbs" — use e.g. "400Gbps", "50GB/s" or "1.25e9B/s"`);
    const named = file("named.yaml", `name: "x-\${bw}"\ntopology:\n  fatTree: { k: 4, bandwidth: 10Gbps, latency: 1us }\n`);
    expect(loadScenario(named).name).toBe("x-${bw}");
  });
});

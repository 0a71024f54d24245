// checkScenarioSize: one sentence naming the largest part, its estimate and the limit, when a scenario cannot fit or would never finish.
import { totalmem } from "node:os";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { checkScenarioSize, formatBytes, MAX_EVENTS, memoryLimitBytes } from "../../src/scenario/checkScenarioSize.js";
import { estimateScenarioSize } from "../../src/scenario/estimateScenarioSize.js";
import { BYTES_PER } from "../../src/scenario/size/SizePart.js";
import { scenarioFromDocument } from "../../src/scenario/loadScenario.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

function sizeOf(doc: Record<string, unknown>) {
  return estimateScenarioSize(scenarioFromDocument(doc, "s.yaml"));
}
function refusal(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

// A k=8 fat-tree (208 nodes, 384 links: 156,800 B) with 100,000 flows (50,000,000 B).
const doc = {
  topology: { fatTree: { k: 8, bandwidth: "100Gbps" } },
  workloads: [{ traffic: { name: "web", pattern: "uniform", load: 0.5, size: "1MB", flows: 100_000 } }],
};

describe("checkScenarioSize", () => {
  it("sums the parts at the documented bytes per node, link and flow", () => {
    const size = sizeOf(doc);
    expect([size.nodes, size.links, size.flows]).toEqual([208, 384, 100_000]);
    expect(size.bytes).toBe(208 * BYTES_PER.node + 384 * BYTES_PER.link + 100_000 * BYTES_PER.flow);
  });

  it("accepts what fits", () => {
    expect(() => checkScenarioSize("s.yaml", sizeOf(doc), { memoryBytes: 60e6, maxEvents: MAX_EVENTS })).not.toThrow();
  });

  it("refuses what does not, naming the part that needs most, its estimate, the whole and the limit", () => {
    expect(refusal(() => checkScenarioSize("s.yaml", sizeOf(doc), { memoryBytes: 10e6, maxEvents: MAX_EVENTS }))).toBe(
      "s.yaml: workloads[0].traffic: too large to simulate — about 100,000 flows need at least 50.0 MB (50.2 MB for the whole scenario), " +
        "more than the 10.0 MB this process may use (docs/scenarios.md, Limits)",
    );
    const fabric = sizeOf({ topology: doc.topology });
    expect(refusal(() => checkScenarioSize("s.yaml", fabric, { memoryBytes: 100e3, maxEvents: MAX_EVENTS }))).toBe(
      "s.yaml: topology.fatTree: too large to simulate — k = 8 gives 128 hosts: 208 nodes and 384 links need at least 157 KB, " +
        "more than the 100 KB this process may use (docs/scenarios.md, Limits)",
    );
  });

  it("refuses a run whose events alone would never finish", () => {
    // 100,000 flows: 100,000 arrivals, then an activation and a completion each.
    expect(sizeOf(doc).events).toBe(300_000);
    expect(refusal(() => checkScenarioSize("s.yaml", sizeOf(doc), { memoryBytes: 1e12, maxEvents: 1000 }))).toBe(
      "s.yaml: workloads[0].traffic: too long to simulate — about 100,000 flows take at least 300,000 events, more than the 1,000 a run may take (docs/scenarios.md, Limits)",
    );
  });

  it("refuses traffic whose arrival rate overflows (links of 1e308 B/s) rather than arriving for ever at one instant", () => {
    const doc = {
      topology: { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "1e308B/s" }] },
      workloads: [{ traffic: { name: "t", pattern: "uniform", load: 0.5, size: "1KB", duration: "1s" } }],
    };
    expect(refusal(() => prepareScenarioDocument(doc, "s.yaml"))).toMatch(
      /^s\.yaml: workloads\[0\]\.traffic: too large to simulate — about infinitely many flows need at least infinite memory, more than the /,
    );
  });

  it("takes the process's heap limit, never more than the machine's memory", () => {
    const limit = memoryLimitBytes();
    expect(limit).toBeGreaterThan(100e6);
    expect(limit).toBeLessThanOrEqual(totalmem());
  });
});

describe("formatBytes", () => {
  it("prints three significant digits in decimal units", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(156_800)).toBe("157 KB");
    expect(formatBytes(4.35e9)).toBe("4.35 GB");
    expect(formatBytes(5.06e15)).toBe("5.06 PB");
    expect(formatBytes(2e21)).toBe("2.00e+3 EB");
    expect(formatBytes(Infinity)).toBe("infinite memory");
  });
});

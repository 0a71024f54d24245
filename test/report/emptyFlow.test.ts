// An empty flow in the reports: its slowdown is fct ÷ ideal like any other's (a tcp handshake before a 0-byte transfer shows in it, in flows.csv and summary.csv alike), and it has no mean rate, since it never drains.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { FLOW_CSV_HEADERS } from "../../src/report/FlowRows.js";
import { summarizeFlows } from "../../src/report/summarizeRun.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

/** a — s — b, two 1 µs links; one 0-byte transfer a → b under `transport`. */
function emptyTransfer(transport: Record<string, unknown>) {
  const doc = {
    name: "empty",
    seed: 1,
    topology: {
      nodes: [{ id: "a" }, { id: "b" }, { id: "s", kind: "switch" }],
      links: [
        { from: "a", to: "s", bandwidth: "10Gbps", latency: "1us" },
        { from: "s", to: "b", bandwidth: "10Gbps", latency: "1us" },
      ],
    },
    transport,
    workloads: [{ transfer: { src: "a", dst: "b", size: "0B", start: "0s" } }],
  };
  const s = simulate(prepareScenarioDocument(doc, "empty.yaml"));
  const [row] = [...s.flows.rows()];
  const text = (name: string) => row[FLOW_CSV_HEADERS.indexOf(name as (typeof FLOW_CSV_HEADERS)[number])];
  const cell = (name: string) => Number(text(name));
  const summary = summarizeFlows({ network: s.network, flows: s.flows, resources: s.resources, run: s.run });
  return { fct: cell("fct_s"), ideal: cell("ideal_fct_s"), slowdown: cell("slowdown"), meanRate: text("mean_rate_gbps"), summary };
}

describe("an empty flow's slowdown", () => {
  it("under tcp is its fct over its ideal (the route's 2 µs), the handshake's round trip included", () => {
    const { fct, ideal, slowdown, summary } = emptyTransfer({ model: "tcp", cc: "newreno", handshake: "tcp" });
    // Ideal: no bytes, so the route's one-way latency, 2 × 1 µs.
    expect(ideal).toBeCloseTo(2e-6, 15);
    // One round trip (4 µs) of handshake before the empty transfer's 2 µs: fct ≥ 6 µs, slowdown ≥ 3.
    expect(fct).toBeGreaterThanOrEqual(6e-6 * (1 - 1e-9));
    expect(slowdown).toBeCloseTo(fct / 2e-6, 9);
    expect(slowdown).toBeGreaterThanOrEqual(3 - 1e-9);
    expect(summary.slowdownP50).toBeCloseTo(fct / 2e-6, 9);
  });

  it("under maxmin is 1: it arrives after exactly the route's latency", () => {
    const { fct, ideal, slowdown, summary } = emptyTransfer({ model: "maxmin" });
    expect(fct).toBeCloseTo(2e-6, 15);
    expect(ideal).toBeCloseTo(2e-6, 15);
    expect(slowdown).toBe(1);
    expect(summary.slowdownP50).toBe(1);
  });
});

describe("an empty flow's mean rate", () => {
  // docs/reports.md: mean_rate_gbps is empty "if it never drained"; 0 bytes never drain, whatever the transport puts on the wire.
  for (const transport of [{ model: "tcp", cc: "newreno", handshake: "tcp" }, { model: "tcp", cc: "dctcp" }, { model: "maxmin" }]) {
    it(`is empty under ${JSON.stringify(transport)}`, () => {
      const { meanRate, fct } = emptyTransfer(transport);
      expect(fct).toBeGreaterThan(0);
      expect(meanRate).toBe("");
    });
  }
});

// flows.csv gains the tcp model's columns (handshake_s, slow_start_s, queueing_s, retransmits, timeouts, marks, mark_cuts, loss_cuts) only in runs that use it.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

describe("transport columns of flows.csv", () => {
  it("reports each tcp transfer's handshake, slow start, queueing, retransmissions, timeouts, marks and cuts", () => {
    // agents-new-vs-persistent: agent-new —100 Gb/s— gw-east —10 Gb/s, 20 ms— gw-west —100 Gb/s— api.
    // TLS 1.3: 2 round trips of header-only segments (90 B) out and back at the three hops:
    // 2 × (40 ms + 180 B / 12.5e9 + 180 B / 1.25e9 + 180 B / 12.5e9). On the idle path nothing
    // queues, nothing is lost, nothing is marked (Cubic; no port marks), no window is cut.
    const run = simulate(prepareScenario("scenarios/agents-new-vs-persistent.yaml"));
    const first = [...run.flows.rows()][0];
    expect(first.length).toBe(20);
    expect(first[11]).toBe("done");
    expect(Number(first[12])).toBeCloseTo(2 * (0.04 + 180 / 12.5e9 + 180 / 1.25e9 + 180 / 12.5e9), 12);
    const fct = Number(first[6]);
    expect(Number(first[13])).toBeGreaterThan(0);
    expect(Number(first[13])).toBeLessThan(fct - Number(first[12]));
    expect(first.slice(14)).toEqual(["0", "0", "0", "0", "0", "0"]);
  });

  it("adds no transport columns to flows.csv of a maxmin run (status is the last column)", () => {
    const run = simulate(prepareScenario("scenarios/two-hosts.yaml"));
    expect([...run.flows.rows()][0].length).toBe(12);
  });
});

// flows.csv gains handshake_s and slow_start_s only in runs that use the tcp model.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

describe("transport columns of flows.csv", () => {
  it("reports each tcp transfer's handshake and slow-start seconds", () => {
    // agents-new-vs-persistent: R = 40 ms, 1 MB new connection: handshake 2R = 0.08 s,
    // slow start 6R + 87,760 / 23,168,000 s (see test/transport/TcpTransport.test.ts).
    const run = simulate(prepareScenario("scenarios/agents-new-vs-persistent.yaml"));
    const first = [...run.flows.rows()][0];
    expect(first.length).toBe(14);
    expect(first[11]).toBe("done");
    expect(Number(first[12])).toBeCloseTo(0.08, 12);
    expect(Number(first[13])).toBeCloseTo(0.24 + 87_760 / 23_168_000, 9);
  });

  it("adds no transport columns to flows.csv of a maxmin run (status is the last column)", () => {
    const run = simulate(prepareScenario("scenarios/two-hosts.yaml"));
    expect([...run.flows.rows()][0].length).toBe(12);
  });
});

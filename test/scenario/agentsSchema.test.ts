// agentsSchema: a population must be able to issue what it asks for — finite rates, and profiles that can issue its tasks.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { scenarioFromDocument } from "../../src/scenario/loadScenario.js";

const topology = { nodes: [{ id: "edge" }, { id: "api" }], links: [{ from: "edge", to: "api", bandwidth: "10Gbps" }] };

function agents(fields: Record<string, unknown>) {
  return {
    topology,
    workloads: [{ service: { name: "svc", nodes: ["api"], serviceTime: "5ms" } }, { agents: { name: "bots", nodes: ["edge"], call: "svc", ...fields } }],
  };
}
function problem(fields: Record<string, unknown>): string | undefined {
  try {
    scenarioFromDocument(agents(fields), "a.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return undefined;
}
const profile = (...steps: Array<[string, string]>) => ({ profile: steps.map(([at, rate]) => ({ at, rate })) });

describe("agents arrivals", () => {
  it("refuse a rate that is not finite, given or as count × ratePerAgent", () => {
    expect(problem({ arrival: { poisson: { rate: "1e400/s" } }, requests: 10 })).toBe(
      'a.yaml: workloads[1].agents.arrival.poisson.rate: "1e400/s" is not a finite rate — use e.g. "100/s" or "30/min"',
    );
    expect(problem({ count: 1e6, arrival: { onOff: { on: "1s", off: "1s", ratePerAgent: "1e305/s" } }, requests: 10 })).toBe(
      "a.yaml: workloads[1].agents.arrival.onOff.ratePerAgent: 1e+305/s per agent × 1000000 agents is not a finite rate",
    );
  });

  it("refuse a profile with no positive rate, or none before the end of duration", () => {
    expect(problem({ arrival: profile(["0s", "0/s"], ["5s", "0/min"]), duration: "10s" })).toBe(
      "a.yaml: workloads[1].agents.arrival.profile: no step has a rate > 0 before the end of duration (10 s), so no task would ever arrive — give a step a rate > 0",
    );
    expect(problem({ arrival: profile(["0s", "0/s"], ["20s", "5/s"]), duration: "10s" })).toContain("no step has a rate > 0 before the end of duration (10 s)");
  });

  it("with requests, refuse a profile that ends at 0/s: it could stop short of them", () => {
    expect(problem({ arrival: profile(["0s", "5/s"], ["10s", "0/s"]), requests: 100 })).toContain(
      "workloads[1].agents.arrival.profile[1].rate: the profile ends at 0/s (from 10 s), so the population could stop before issuing its requests",
    );
  });

  it("accept profiles that can issue what is asked: silent at first, or ending at 0/s with a duration", () => {
    expect(problem({ arrival: profile(["0s", "0/s"], ["5s", "10/s"]), requests: 100 })).toBeUndefined();
    expect(problem({ arrival: profile(["0s", "5/s"], ["10s", "0/s"]), duration: "20s" })).toBeUndefined();
    expect(problem({ arrival: profile(["2s", "5/s"]), duration: "3s" })).toBeUndefined();
  });

  it("still refuse steps out of order first", () => {
    expect(problem({ arrival: profile(["5s", "0/s"], ["1s", "0/s"]), requests: 1 })).toContain("arrival.profile[1].at: profile steps must be in increasing time");
  });
});

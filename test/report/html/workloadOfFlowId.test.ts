// Tests of workloadOfFlowId: a flow's workload read from the id its workload gave it.
import { describe, expect, it } from "vitest";
import { workloadOfFlowId } from "../../../src/report/html/workloadOfFlowId.js";

describe("workloadOfFlowId", () => {
  const of = workloadOfFlowId(["bulk", "web", "llm", "bots", "web-b"]);

  it("knows a transfer and its repeats, traffic flows, and dotted ids of training, inference and agents", () => {
    expect(of("bulk")).toBe(0);
    expect(of("bulk#3")).toBe(0);
    expect(of("web-17")).toBe(1);
    expect(of("llm.0.dp0.0.b0.rs12.2")).toBe(2);
    expect(of("bots.41-req")).toBe(3);
  });

  it("takes the longest workload name the id starts with", () => {
    expect(of("web-b-3")).toBe(4);
    expect(of("web-c")).toBe(1);
  });

  it("finds no workload for an id of its own or a name that only starts the same", () => {
    expect(of("transfer7")).toBe(-1);
    expect(of("bulky-1")).toBe(-1);
    expect(of("")).toBe(-1);
  });
});

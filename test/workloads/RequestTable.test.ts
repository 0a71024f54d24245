// RequestTable: rows kept as columns come back as the records added, ids made from their numbers, in order, past growth.
import { describe, expect, it } from "vitest";
import { RequestTable } from "../../src/workloads/RequestTable.js";
import type { RequestRecord } from "../../src/workloads/WorkloadResults.js";

const record = (i: number): RequestRecord => ({
  population: i % 3 === 0 ? "bots" : "humans",
  kind: i % 3 === 0 ? "bot" : "human",
  id: `pop.${i >> 1}.${i & 1}`,
  target: i % 2 ? "llm" : "search",
  startS: i / 7,
  queueS: i % 5 === 0 ? -0 : i * 1e-3,
  networkS: 0.1 + i,
  serviceS: 2 ** -i,
  ttftS: i % 2 ? i / 3 : NaN,
  tpotS: i % 2 ? i / 11 : NaN,
  totalS: i * 1.5,
});

describe("RequestTable", () => {
  it("gives back every row added, with ids made from (task, call), across growth", () => {
    const t = new RequestTable((task, call) => `pop.${task}.${call}`);
    const records = Array.from({ length: 2500 }, (_, i) => record(i));
    records.forEach((r, i) => t.add(r, i >> 1, i & 1));
    expect(t.length).toBe(2500);
    expect(t.records()).toEqual(records);
    expect(Object.is(t.queueS[0], -0)).toBe(true);
    expect(t.population.names).toEqual(["bots", "humans"]);
    expect(t.target.nameOf(1)).toBe("llm");
  });

  it("of() keeps the records' own ids", () => {
    const records = [record(4), { ...record(9), id: "any,id" }];
    expect(RequestTable.of(records).records()).toEqual(records);
  });
});

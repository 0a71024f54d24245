// TaskTable: rows kept as columns come back as the records added, ids made from the task number, in order, past growth.
import { describe, expect, it } from "vitest";
import { TaskTable } from "../../src/workloads/TaskTable.js";
import type { TaskRecord } from "../../src/workloads/WorkloadResults.js";

const record = (i: number): TaskRecord => ({ population: "assistants", kind: i % 2 ? "human" : "bot", id: `assistants.${i * 3}`, requests: 1 + (i % 3), startS: i / 9, totalS: 1 / (i + 1) });

describe("TaskTable", () => {
  it("gives back every row added, with ids made from the task number, across growth", () => {
    const t = new TaskTable((task) => `assistants.${task}`);
    const records = Array.from({ length: 1500 }, (_, i) => record(i));
    records.forEach((r, i) => t.add(r, i * 3));
    expect(t.length).toBe(1500);
    expect(t.records()).toEqual(records);
    expect(t.kind.names).toEqual(["bot", "human"]);
  });

  it("of() keeps the records' own ids", () => {
    const records = [record(1), { ...record(2), id: "x" }];
    expect(TaskTable.of(records).records()).toEqual(records);
  });
});

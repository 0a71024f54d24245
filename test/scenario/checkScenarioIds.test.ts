// checkScenario's id rules: a transfer's id against earlier workloads' names and the reverse, repeats' ids, transfer lists' ids.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

const dir = mkdtempSync(path.join(tmpdir(), "chokepoint-ids-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "ids.yaml");

const topology = { nodes: [{ id: "a" }, { id: "b" }, { id: "c" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps" }, { from: "b", to: "c", bandwidth: "1Gbps" }] };
const transfer = (extra: Record<string, unknown> = {}) => ({ transfer: { src: "a", dst: "c", size: "1MB", ...extra } });
const traffic = (name: string) => ({ traffic: { name, pattern: "uniform", load: 0.5, size: "1MB", flows: 2, hosts: ["a", "c"] } });

function problemOf(workloads: unknown[]): string | undefined {
  try {
    prepareScenarioDocument({ topology, workloads }, file);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
}

describe("checkScenario's ids and names", () => {
  it("refuses a transfer id that an earlier workload's name took, and a name that an earlier transfer's id took", () => {
    expect(problemOf([traffic("bg"), transfer({ id: "bg" })])).toBe(`${file}: workloads[1].transfer.id: "bg" is used by an earlier workload (ids and names must be unique)`);
    expect(problemOf([transfer({ id: "bg" }), traffic("bg")])).toBe(`${file}: workloads[1].traffic.name: "bg" is used by an earlier workload (ids and names must be unique)`);
    expect(problemOf([transfer({ id: "x" }), traffic("bg"), transfer({ id: "x" })])).toBe(`${file}: workloads[2].transfer.id: transfer id "x" is used twice`);
    expect(problemOf([traffic("bg"), traffic("bg")])).toBe(`${file}: workloads[1].traffic.name: "bg" is used by an earlier workload (ids and names must be unique)`);
    expect(problemOf([transfer({ id: "x" }), traffic("bg"), transfer({ id: "y" })])).toBeUndefined();
  });

  it("refuses an id a repeat generates, before or after the repeated transfer, and takes one past the last repeat", () => {
    const repeated = transfer({ id: "r", repeat: { count: 3, every: "1ms" } });
    expect(problemOf([transfer({ id: "r#2" }), repeated])).toBe(`${file}: workloads[0].transfer.id: flow id "r#2" is also the id of a repeat of transfer "r"`);
    expect(problemOf([repeated, transfer({ id: "r#1" })])).toBe(`${file}: workloads[1].transfer.id: flow id "r#1" is also the id of a repeat of transfer "r"`);
    expect(problemOf([repeated, transfer({ id: "r#3" })])).toBeUndefined();
    expect(problemOf([transfer(), transfer({ id: "transfer0#0" })])).toBe(`${file}: workloads[1].transfer.id: flow id "transfer0#0" is also the id of a repeat of transfer "transfer0"`);
    expect(problemOf([transfer(), transfer({ id: "transfer0" })])).toBe(`${file}: workloads[1].transfer.id: flow id "transfer0" is also the id of another transfer (unnamed transfers are called transfer<index>)`);
  });

  it("refuses a transfer list's id that a repeat generates", () => {
    writeFileSync(path.join(dir, "list.csv"), "id,src,dst,size,start\nq,a,c,1MB,0s\nr#1,a,c,1MB,0s\n");
    const list = { transfers: { file: "list.csv" } };
    expect(problemOf([transfer({ id: "r", repeat: { count: 2, every: "1ms" } }), list])).toBe(
      `${file}: workloads[1].transfers.file: ${path.join(dir, "list.csv")}:3:1 (id): flow id "r#1" is also the id of a repeat of transfer "r"`,
    );
    expect(problemOf([transfer({ id: "r" }), list])).toBeUndefined();
  });
});

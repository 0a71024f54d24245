// compare.ts reads flows.cc's marks and mark_cuts when its output has them (older outputs still parse), and puts both sides' marked flows and cuts per marked flow side by side.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { markFigures, markLine, readNs3Output, toCsv, type ComparisonRow } from "../../bench/ns3/compare.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-marks-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A flows.cc output with `header` and `rows` (and its wall-time file). */
function ns3Output(name: string, header: string, rows: string[]): string {
  const csv = join(tmp, `${name}.ns3.csv`);
  writeFileSync(csv, `${header}\n${rows.join("\n")}\n`);
  writeFileSync(`${csv}.json`, JSON.stringify({ wall_s: 2 }));
  return csv;
}

const OLD = "id,start_s,finish_s,recoveries,timeouts,established_s";
const NEW = `${OLD},marks,mark_cuts,ack_marks`;

describe("ns-3's marks next to the model's", () => {
  it("reads an output of flows.cc before its marks columns as before: no marks", () => {
    const run = readNs3Output(ns3Output("old", OLD, ["a,0,1,0,0,0.1", "b,0,2,1,0,0.1"]));
    expect(run.finishS.get("b")).toBe(2);
    expect(run.marks).toBeUndefined();
    expect(markFigures(run, new Map([["a", { marks: "3", mark_cuts: "1" }]]))).toBeUndefined();
  });

  it("counts the flows each side marked, their marks and their cuts for marks over the model's flows", () => {
    // ns-3: a 5 marks and 2 cuts (and 1 ACK marked), b none, c 1 mark and 1 cut (2 ACKs); the model: a 4 and 1, b 2 and 1, c none.
    const run = readNs3Output(ns3Output("new", NEW, ["a,0,1,0,0,0.1,5,2,1", "b,0,2,0,0,0.1,0,0,0", "c,0,3,0,0,0.1,1,1,2"]));
    const rows = new Map([
      ["a", { marks: "4", mark_cuts: "1" }],
      ["b", { marks: "2", mark_cuts: "1" }],
      ["c", { marks: "0", mark_cuts: "0" }],
    ]);
    const m = markFigures(run, rows)!;
    expect(m).toEqual({ flows: 3, ns3: { markedFlows: 2, marks: 6, markCuts: 3 }, model: { markedFlows: 2, marks: 6, markCuts: 2 }, ns3AckMarks: 3 });
    expect(markLine(m.ns3, m.flows)).toBe("6 marks on 2 of 3 flows, 1.50 cuts per marked flow (3 cuts)");
    // A model without the columns (maxmin): nothing to put side by side.
    expect(markFigures(run, new Map([["a", { fct_s: "1" }]]))).toBeUndefined();
    const row: ComparisonRow = {
      caseName: "c",
      model: "tcp",
      flows: 3,
      ns3Unfinished: 0,
      ns3Fct: [1, 1, 1],
      modelFct: [1, 1, 1],
      ns3Slowdown: [1, 1, 1],
      modelSlowdown: [1, 1, 1],
      fctRatio: [1, 1, 1, 1, 1],
      ns3WallS: 2,
      chokepointWallS: 1,
      marks: m,
    };
    const [header, line] = toCsv([row]).trimEnd().split("\n");
    const cells = Object.fromEntries(header.split(",").map((h, i) => [h, line.split(",")[i]]));
    expect([cells.ns3_marked_flows, cells.model_marked_flows, cells.ns3_marks, cells.model_marks]).toEqual(["2", "2", "6", "6"]);
    expect([cells.ns3_cuts_per_marked_flow, cells.model_cuts_per_marked_flow, cells.ns3_ack_marks]).toEqual(["1.5", "1", "3"]);
    // Without marks on either side the cells are empty.
    const { marks: _m, ...plain } = row;
    expect(toCsv([plain]).trimEnd().split("\n")[1].endsWith(",,,,,,,,,,,")).toBe(true);
  });
});

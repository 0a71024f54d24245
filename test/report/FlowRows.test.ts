// FlowRows: flows.csv with exactly the documented header, rows in flow-id order, and the columns a transport adds (numbers formatted as every cell, empty where it gives none).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_CSV_HEADERS } from "../../src/report/FlowRows.js";
import { parseCsv, twoFlowsSharing } from "./networks.js";

describe("FlowRows", () => {
  it("writes flows.csv with exactly the documented header", async () => {
    const { flows } = twoFlowsSharing();
    const dir = await mkdtemp(join(tmpdir(), "flows-"));
    try {
      await flows.writeCsv(join(dir, "flows.csv"));
      const text = await readFile(join(dir, "flows.csv"), "utf8");
      expect(text.split("\n")[0]).toBe("id,src,dst,size_bytes,start_s,finish_s,fct_s,ideal_fct_s,slowdown,mean_rate_gbps,bottleneck,status");
      expect(parseCsv(text).map((r) => r.id)).toEqual(["f0", "f1"]);
      expect(text.endsWith("\n")).toBe(true);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("adds the columns of each group after the plain ones, in the order added, the same in rows and in the file", async () => {
    const { flows } = twoFlowsSharing();
    flows.addColumns(["handshake_s", "note"], (f) => (f === 0 ? [0.25, "first"] : undefined));
    flows.addColumns(["retransmits"], (f) => [f + 3]);
    const rows = [...flows.rows()];
    expect(rows.map((r) => r.slice(FLOW_CSV_HEADERS.length))).toEqual([
      ["0.25", "first", "3"],
      ["", "", "4"],
    ]);
    const dir = await mkdtemp(join(tmpdir(), "flows-"));
    try {
      await flows.writeCsv(join(dir, "flows.csv"));
      const text = await readFile(join(dir, "flows.csv"), "utf8");
      expect(text.split("\n")[0]).toBe([...FLOW_CSV_HEADERS, "handshake_s", "note", "retransmits"].join(","));
      expect(text.split("\n").slice(1, 3)).toEqual(rows.map((r) => r.join(",")));
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

// Tests of writeCsv: header always written, cells quoted only when needed, formula-like text neutralised, a final newline.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeCsv } from "../../src/report/writeCsv.js";
import { recordedNetwork } from "./networks.js";

describe("writeCsv", () => {
  it("writes the header of an empty table", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    try {
      await writeCsv(join(dir, "t.csv"), ["a", "b"], []);
      expect(await readFile(join(dir, "t.csv"), "utf8")).toBe("a,b\n");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("quotes cells holding commas or quotes and streams a generator", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    function* rows() {
      yield ["x,y", "1"];
      yield ['say "hi"', "2"];
    }
    try {
      await writeCsv(join(dir, "t.csv"), ["name", "n"], rows());
      expect(await readFile(join(dir, "t.csv"), "utf8")).toBe('name,n\n"x,y",1\n"say ""hi""",2\n');
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("neutralises formula-like text cells and leaves negative numbers as numbers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    try {
      await writeCsv(join(dir, "t.csv"), ["id", "x"], [["=1+2", "-1.5"], ["@SUM(A1)", "-2e-7"], ["plain", "+3"], ["-x", "0"]]);
      expect(await readFile(join(dir, "t.csv"), "utf8")).toBe("id,x\n'=1+2,-1.5\n'@SUM(A1),-2e-7\nplain,+3\n'-x,0\n");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("neutralises formula-like node ids in the reports of a run (flows.csv, links.csv)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    const { sim, network, router, flows, resources, node } = recordedNetwork(
      [{ id: "=HYPERLINK(\"http://x\")" }, { id: "-1" }],
      [{ from: "=HYPERLINK(\"http://x\")", to: "-1", bandwidthBps: 1e9, latencyS: 0 }],
    );
    network.startFlow(router.route(node("=HYPERLINK(\"http://x\")"), node("-1"), 0)!, 1e9);
    sim.run();
    flows.finish(1);
    resources.finish(1);
    try {
      await flows.writeCsv(join(dir, "flows.csv"));
      await resources.writeLinksCsv(join(dir, "links.csv"));
      // The id "-1" is text but reads as the number -1, which a spreadsheet does not evaluate: left as it is.
      const flowLine = (await readFile(join(dir, "flows.csv"), "utf8")).split("\n")[1];
      expect(flowLine.startsWith(`f0,"'=HYPERLINK(""http://x"")",-1,1000000000,`)).toBe(true);
      const linkLine = (await readFile(join(dir, "links.csv"), "utf8")).split("\n")[1];
      expect(linkLine.startsWith(`"'=HYPERLINK(""http://x"")->-1","'=HYPERLINK(""http://x"")",-1,`)).toBe(true);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

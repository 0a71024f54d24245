// Tests of summarizeFlows: per-workload CDFs only when every finished flow is accounted for, size buckets by hand.
import { describe, expect, it } from "vitest";
import { parseCsvColumns } from "../../../src/report/html/parseCsvColumns.js";
import { FLOW_NUMBER_COLUMNS, FLOW_TEXT_COLUMNS, summarizeFlows } from "../../../src/report/html/summarizeFlows.js";

const parse = (text: string) => parseCsvColumns(text, FLOW_TEXT_COLUMNS, FLOW_NUMBER_COLUMNS);

const FLOWS = `id,src,dst,size_bytes,start_s,finish_s,fct_s,ideal_fct_s,slowdown,mean_rate_gbps,bottleneck,status
web-0,a,b,5000,0,1,1,0.5,2,1,a->b,done
web-1,a,b,50000,0,2,2,0.5,4,1,a->b,done
web-2,a,b,5000,0,3,3,0.5,6,1,a->b,done
bulk,a,b,2000000,0,4,4,1,4,1,a->b,done
bulk#1,a,b,2000000,0,,,,,,a->b,failed
`;

describe("summarizeFlows", () => {
  it("splits finished flows by workload when the counts match workloads.csv, with slowdown per size bucket", () => {
    const s = summarizeFlows(parse(FLOWS), [{ name: "web", finished: 3 }, { name: "bulk", finished: 1 }]);
    expect(s.perWorkload).toBe(true);
    expect(s.fct.map((d) => [d.name, d.count, d.values[0], d.values.at(-1)])).toEqual([["web", 3, 1, 3], ["bulk", 1, 4, 4]]);
    expect(s.status).toEqual([{ status: "done", flows: 4 }, { status: "failed", flows: 1 }]);
    // web's two flows under 10 KB have slowdowns 2 and 6: p50 4, p99 2 + 0.99 × 4 = 5.96.
    const small = s.buckets.find((b) => b.workload === "web" && b.bucket === "< 10 KB")!;
    expect(small).toMatchObject({ flows: 2, loBytes: 0, hiBytes: 1e4, p50: 4 });
    expect(small.p99).toBeCloseTo(5.96, 12);
    expect(s.buckets.map((b) => `${b.workload} ${b.bucket} ${b.flows}`)).toEqual(["web < 10 KB 2", "web 10 KB–100 KB 1", "bulk 1 MB–10 MB 1"]);
    expect(s.handshakes).toBeUndefined();
  });

  it("draws all flows as one series rather than a wrong split when a flow's id names no workload", () => {
    const s = summarizeFlows(parse(FLOWS.replace("bulk,a,b", "mine,a,b")), [{ name: "web", finished: 3 }, { name: "bulk", finished: 1 }]);
    expect(s.perWorkload).toBe(false);
    expect(s.fct.map((d) => [d.name, d.count])).toEqual([["all flows", 4]]);
  });

  it("draws all flows as one series when the counts differ from workloads.csv", () => {
    const s = summarizeFlows(parse(FLOWS), [{ name: "web", finished: 2 }, { name: "bulk", finished: 1 }]);
    expect(s.perWorkload).toBe(false);
  });

  it("gives the handshakes of tcp flows that opened a connection", () => {
    const text = "id,size_bytes,fct_s,slowdown,status,handshake_s\nweb-0,1,1,1,done,0.002\nweb-1,1,1,1,done,0\n";
    expect(summarizeFlows(parse(text), [{ name: "web", finished: 2 }]).handshakes?.map((d) => [d.name, d.count, d.values[0]])).toEqual([["web", 1, 0.002]]);
  });
});

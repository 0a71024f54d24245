// bench/ns3/lastHole: segments delivered above a flow's last hole before its RTO, read off flows.cc's drop and transmit traces.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lastHoles } from "../../bench/ns3/lastHole.js";

const S = 1448;
/** Sequence number of segment `i` (the first data byte is ISN + 1 = 1). */
const seq = (i: number) => 1 + i * S;

describe("lastHoles(csv)", () => {
  it("counts segments sent and not dropped above the last one dropped, before the RTO window", () => {
    const dir = mkdtempSync(join(tmpdir(), "lasthole-"));
    const csv = join(dir, "out.csv");
    writeFileSync(csv, "id,start_s,finish_s,recoveries,timeouts\na,0,0.2,0,1\nb,0,0.001,0,0\nc,0,0.001,0,0\n");
    // a: 0–5 sent, 2 and 4 dropped, 5 delivered; 6 goes out only after its RTO — 1 above the last hole.
    // b: 0–5 sent, 1 dropped: 4 above. c: nothing dropped (not listed).
    const tx = ["time_s,id,seq,payload_bytes"];
    for (const id of ["a", "b", "c"]) for (let i = 0; i < 6; i++) tx.push(`0.001,${id},${seq(i)},${S}`);
    tx.push(`0.2,a,${seq(6)},${S}`, `0.2,a,${seq(2)},${S}`);
    writeFileSync(`${csv}.tx.csv`, tx.join("\n") + "\n");
    const drops = ["time_s,from,to,id,seq,payload_bytes", `0.0011,l,h,a,${seq(2)},${S}`, `0.0012,l,h,a,${seq(4)},${S}`, `0.0011,l,h,b,${seq(1)},${S}`, `0.0011,h,l,b,1,0`];
    writeFileSync(`${csv}.drops.csv`, drops.join("\n") + "\n");
    const holes = lastHoles(csv);
    expect(holes.map((h) => [h.id, h.timedOut, h.lostSegments, h.lastLost, h.deliveredAbove])).toEqual([
      ["a", true, 2, 4, 1],
      ["b", false, 1, 1, 4],
    ]);
  });
});

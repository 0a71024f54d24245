// runInfo: run.json's numbers are written for people — no float round-off in wall_s or end_s, a whole number of events per second.
import { describe, expect, it } from "vitest";
import { runInfo } from "../../src/report/runInfo.js";

const meta = { scenarioName: "s", scenarioHash: "h", seed: 1, version: "9.9.9" };

describe("runInfo", () => {
  it("writes end_s, wall_s and events_per_s without round-off (seen in the shipped scenarios' run.json)", () => {
    // spike-static-vs-adaptive/te.yaml ended at 10.030000000000168 s, the sum of its steps; a wall
    // time from a nanosecond clock divided by 1e9 came out as 0.4992312219999999.
    const info = runInfo({ ...meta, wallS: 0.4992312219999999 }, { reason: "idle", endS: 10.030000000000168, events: 19160 });
    expect(info.end_s).toBe(10.03);
    expect(info.wall_s).toBe(0.499231222);
    // 19160 / 0.4992312219999999 = 38379.0… events per second: a rate of a noisy clock, whole.
    expect(info.events_per_s).toBe(38379);
    expect(JSON.stringify(info)).not.toMatch(/\d\.\d*(0{7,}[1-9]|9{7,})/);
  });

  it("keeps the digits a value means, and 0 and null as they are", () => {
    const info = runInfo({ ...meta, wallS: 1.25 }, { reason: "until", endS: 2 / 3, events: 10 });
    expect(info.end_s).toBe(0.666666666667);
    expect(info.wall_s).toBe(1.25);
    expect(info.events_per_s).toBe(8);
    const idle = runInfo({ ...meta, wallS: 0 }, { reason: "idle", endS: 0, events: 0 });
    expect([idle.end_s, idle.wall_s, idle.events_per_s]).toEqual([0, 0, null]);
  });
});

// Claim "sovereign routing costs latency": EU-only routing from Dublin to Frankfurt detours around London; the extra latency and the slower bulk copy match a hand calculation, and transit billed by the hop costs a third link more.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-sovereign-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Coordinates of data/cities.csv, great circle by the haversine formula (R = 6371.0088 km).
const CITY = { dublin: [53.3498, -6.2603], london: [51.5074, -0.1278], paris: [48.8566, 2.3522], amsterdam: [52.3676, 4.9041], frankfurt: [50.1109, 8.6821] } as const;
function km(a: keyof typeof CITY, b: keyof typeof CITY): number {
  const rad = Math.PI / 180;
  const [la1, lo1] = CITY[a].map((x) => x * rad);
  const [la2, lo2] = CITY[b].map((x) => x * rad);
  const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin((lo2 - lo1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
/** One-way latency of a WAN path, seconds: km × 1000 × 1.5 ÷ 2e8. */
const latencyS = (...hops: Array<keyof typeof CITY>) => hops.slice(1).reduce((sum, c, i) => sum + (km(hops[i], c) * 1000 * 1.5) / 2e8, 0);

describe("claim: sovereign-routing", async () => {
  const out = join(tmp, "run");
  const r = await runCli("run", "scenarios/claims/sovereign-routing.yaml", "--out", out, "--quiet");
  const flows = Object.fromEntries((await readCsv(join(out, "flows.csv"))).map((row) => [row.id, row]));
  const cost = await readCsv(join(out, "cost.csv"));
  const fct = (id: string) => Number(flows[id].fct_s);

  it("runs", () => expect(r.code).toBe(0));

  it("the EU route detours via Paris and Amsterdam: + (d(Du,Pa) + d(Pa,Am) + d(Am,Fr) − d(Du,Lo) − d(Lo,Fr)) × 1.5 ÷ 2e8 ≈ 3.5 ms one way", () => {
    const open = latencyS("dublin", "london", "frankfurt");
    const eu = latencyS("dublin", "paris", "amsterdam", "frankfurt");
    // A 1 KB ping: latency plus 1000 B at 1.25e10 B/s (100 Gb/s) on the open route, 5e9 B/s on the EU one.
    expect(fct("open-ping")).toBeCloseTo(open + 1000 / 1.25e10, 9);
    expect(fct("eu-ping")).toBeCloseTo(eu + 1000 / 5e9, 9);
    expect(eu - open).toBeGreaterThan(3e-3);
    expect(eu - open).toBeLessThan(4e-3);
    expect(fct("eu-ping") / fct("open-ping")).toBeGreaterThan(1.4);
  });

  it("the 10 GB copy takes 2.5× as long: 1e10 B at 5e9 B/s (the 40 Gb/s Paris–Amsterdam link) instead of 1.25e10 B/s", () => {
    expect(fct("open-bulk")).toBeCloseTo(latencyS("dublin", "london", "frankfurt") + 0.8, 9);
    expect(fct("eu-bulk")).toBeCloseTo(latencyS("dublin", "paris", "amsterdam", "frankfurt") + 2, 9);
  });

  it("transit billed by the hop ($0.01/GB per WAN link) makes compliance cost 50% more: 10 GB × 2 links = $0.20, × 3 = $0.30", () => {
    const usd = (w: string) => Number(cost.find((row) => row.workload === w && row.item === "wan")!.usd);
    expect(usd("open-bulk")).toBeCloseTo(10 * 2 * 0.01, 12);
    expect(usd("eu-bulk")).toBeCloseTo(10 * 3 * 0.01, 12);
  });
});

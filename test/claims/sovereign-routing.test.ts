// Claim "sovereign routing costs latency and money": EU-only routing from Dublin to Frankfurt must leave Ireland by the Havfrue cable around Scotland; latency from the great circles and the cable's route, mean transfer times from a processor-sharing model of each path, where compliance costs nothing, little or a lot, and the same dollars per GB either way.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";
import { claimFolder, fiberS, runClaim, usd } from "./runClaim.js";

const DIR = "scenarios/claims/sovereign-routing";
const folder = claimFolder();
afterAll(folder.remove);

// Coordinates (data/cities.csv for the cities; the Havfrue landings in County Mayo and at Esbjerg,
// and Hamburg, from Wikipedia), degrees.
type LatLon = readonly [number, number];
const DUBLIN: LatLon = [53.3498, -6.2603];
const LONDON: LatLon = [51.5074, -0.1278];
const FRANKFURT: LatLon = [50.1109, 8.6821];
const MAYO: LatLon = [53.8, -9.65];
const ESBJERG: LatLon = [55.467, 8.4521];
const HAMBURG: LatLon = [53.5511, 9.9937];
/** The Havfrue branch and trunk from Clew Bay around the north of Scotland into the North Sea to Jutland. */
const HAVFRUE: LatLon[] = [MAYO, [55.6, -10.5], [59.0, -6.0], [59.45, -1.6], [57.5, 4.0], ESBJERG];
const ACCESS_S = 2 * 10e-6; // the two 10 µs access links of a Dublin or Frankfurt host

/** One-way latency of the shortest path, via London: land routes at great circle × 1.5. */
const OPEN_S = fiberS(DUBLIN, LONDON) + fiberS(LONDON, FRANKFURT) + ACCESS_S;
/** One-way latency of the EU-only path: across Ireland, Havfrue along its waypoints (no inflation), Jutland to Frankfurt by land. */
const EU_S =
  fiberS(DUBLIN, MAYO) +
  HAVFRUE.slice(1).reduce((s, p, i) => s + fiberS(HAVFRUE[i], p, 1), 0) +
  fiberS(ESBJERG, HAMBURG) +
  fiberS(HAMBURG, FRANKFURT) +
  ACCESS_S;

const MEAN_BYTES = 1e9; // exponential transfer sizes, mean 1 GB
const OFFERED_BPS = 200e9; // each way, both workloads together
const LAND_BPS = 400e9; // every link but Havfrue

/**
 * Mean transfer time on a path whose bottleneck (capacity C, offered load ρ < 1) is shared by
 * max-min fairness among Poisson arrivals: an M/G/1 processor-sharing queue, so a transfer of
 * mean size x takes L + x ÷ (C (1 − ρ)) on average, whatever the size distribution.
 */
function meanFctS(latencyS: number, capacityBps: number, offeredBps: number): number {
  const rho = offeredBps / capacityBps;
  return rho < 1 ? latencyS + MEAN_BYTES / ((capacityBps / 8) * (1 - rho)) : Infinity;
}
/** EU-bound minus free transfers' mean time, share s of the data bound to the EU, Havfrue capacity C. */
const complianceS = (share: number, havfrueBps: number) =>
  meanFctS(EU_S, havfrueBps, share * OFFERED_BPS) - meanFctS(OPEN_S, LAND_BPS, (1 - share) * OFFERED_BPS);
/** The EU share where compliance stops paying for itself (bisection on (0, min(1, C ÷ offered))); NaN if it never pays. */
function breakEvenShare(havfrueBps: number): number {
  let lo = 1e-9;
  let hi = Math.min(1, havfrueBps / OFFERED_BPS) - 1e-9;
  if (complianceS(lo, havfrueBps) >= 0) return NaN;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (complianceS(mid, havfrueBps) < 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fcts = (flows: Record<string, string>[], workload: string) => flows.filter((f) => f.id.startsWith(`${workload}-`)).map((f) => Number(f.fct_s));
const gigabytes = (flows: Record<string, string>[], workload: string) =>
  flows.filter((f) => f.id.startsWith(`${workload}-`) && f.status === "done").reduce((s, f) => s + Number(f.size_bytes), 0) / 1e9;
const linkBytes = (links: Record<string, string>[], name: string) => Number(links.find((l) => l.link === name)!.bytes);

describe("claim: sovereign-routing", () => {
  it("the paths' latencies come from geography: via London 8.28 ms, EU-only via Havfrue 14.81 ms (no direct cable from Ireland to mainland EU)", () => {
    expect(OPEN_S).toBeCloseTo(0.00828, 5);
    expect(EU_S).toBeCloseTo(0.01481, 5);
    // Around Scotland the cable is 1.42 × the great circle from Mayo to Esbjerg, which crosses Scotland.
    const route = HAVFRUE.slice(1).reduce((s, p, i) => s + fiberS(HAVFRUE[i], p, 1), 0);
    expect(route / fiberS(MAYO, ESBJERG, 1)).toBeCloseTo(1.4222, 3);
  });

  describe("the baseline pair (half the data bound to the EU, Havfrue 200 Gb/s)", () => {
    const read = async (file: string) => runClaim(folder.dir, join(DIR, file));

    it("unconstrained: every byte goes via London, none by Havfrue; one processor-sharing queue at load 0.5", async () => {
      const r = await read("open.yaml");
      const flows = r("flows.csv");
      const links = r("links.csv");
      expect(linkBytes(links, "mayo->esbjerg")).toBe(0);
      expect(linkBytes(links, "dublin->london")).toBeGreaterThan(0);
      for (const w of ["eu-data", "open-data"]) {
        const t = fcts(flows, w);
        expect(Math.min(...t)).toBeGreaterThan(OPEN_S);
        expect(mean(t) / meanFctS(OPEN_S, LAND_BPS, OFFERED_BPS) - 1).toBeLessThan(0.15);
        expect(mean(t) / meanFctS(OPEN_S, LAND_BPS, OFFERED_BPS) - 1).toBeGreaterThan(-0.15);
      }
    });

    it("sovereign: EU-bound bytes cross Havfrue and never London; each class matches its own path's queue", async () => {
      const r = await read("sovereign.yaml");
      const flows = r("flows.csv");
      const links = r("links.csv");
      // Dublin → Frankfurt: Havfrue carries exactly the EU-bound bytes sent that way, London the others.
      const dublinToFrankfurt = (w: string) => flows.filter((f) => f.id.startsWith(`${w}-`) && f.src === "dublin.h0").reduce((s, f) => s + Number(f.size_bytes), 0);
      expect(linkBytes(links, "mayo->esbjerg")).toBe(dublinToFrankfurt("eu-data"));
      expect(flows.filter((f) => f.id.startsWith("open-data-") && f.src === "dublin.h1").reduce((s, f) => s + Number(f.size_bytes), 0)).toBe(
        linkBytes(links, "dublin->london"),
      );
      const eu = fcts(flows, "eu-data");
      const open = fcts(flows, "open-data");
      expect(Math.min(...eu)).toBeGreaterThan(EU_S);
      expect(mean(eu) / meanFctS(EU_S, 200e9, OFFERED_BPS / 2) - 1).toBeLessThan(0.15);
      expect(mean(eu) / meanFctS(EU_S, 200e9, OFFERED_BPS / 2) - 1).toBeGreaterThan(-0.15);
      expect(mean(open) / meanFctS(OPEN_S, LAND_BPS, OFFERED_BPS / 2) - 1).toBeLessThan(0.15);
      expect(mean(open) / meanFctS(OPEN_S, LAND_BPS, OFFERED_BPS / 2) - 1).toBeGreaterThan(-0.15);
    });

    it("dollars: $0.02 per GB between two AWS regions whichever way the bytes go — compliance costs nothing per GB", async () => {
      for (const file of ["open.yaml", "sovereign.yaml"]) {
        const r = await read(file);
        const flows = r("flows.csv");
        const cost = r("cost.csv");
        for (const w of ["eu-data", "open-data"]) expect(usd(cost, w, "wan") / gigabytes(flows, w)).toBeCloseTo(0.02, 12);
        expect(usd(cost, "all", "egress")).toBe(0); // AWS to AWS: no internet egress
      }
    });
  });

  describe("the study (repetition 0 of six points on both sides of the break-even share)", () => {
    const out = join(folder.dir, "study");
    const filter = "repetition == 0 && ((havfrueGbps == 400 && (euShare == 0.1 || euShare == 0.5 || euShare == 0.9)) || (havfrueGbps == 100 && (euShare == 0.1 || euShare == 0.3 || euShare == 0.7)))";
    let rows: Record<string, string>[] = [];
    const at = (share: number, gbps: number) => {
      const row = rows.find((r) => Number(r.euShare) === share && Number(r.havfrueGbps) === gbps);
      if (!row) throw new Error(`no run for ${share} ${gbps}`);
      return row;
    };
    const eu = (share: number, gbps: number) => Number(at(share, gbps)["eu-data:fct_s_mean"]);
    const open = (share: number, gbps: number) => Number(at(share, gbps)["open-data:fct_s_mean"]);

    it("runs every selected point", async () => {
      const r = await runCli("sweep", join(DIR, "study.yaml"), "--out", out, "--jobs", "2", "--quiet", "--filter", filter);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      rows = readCsv(join(out, "sweep.csv"));
      expect(rows.map((row) => row.status)).toEqual(Array(6).fill("ok"));
    }, 240_000);

    it("Havfrue 400 Gb/s: a small EU share is faster than the free data (idle cable, loaded London route); past the break-even share (≈ 0.3) it is slower", () => {
      const x = breakEvenShare(400e9);
      expect(x).toBeGreaterThan(0.2);
      expect(x).toBeLessThan(0.4);
      expect(eu(0.1, 400)).toBeLessThan(open(0.1, 400));
      for (const s of [0.5, 0.9]) expect(eu(s, 400)).toBeGreaterThan(open(s, 400));
      // Below load 0.5 on either path each class is within 15 % of its queue's mean.
      for (const s of [0.1, 0.5]) {
        expect(Math.abs(eu(s, 400) / meanFctS(EU_S, 400e9, s * OFFERED_BPS) - 1)).toBeLessThan(0.15);
        expect(Math.abs(open(s, 400) / meanFctS(OPEN_S, LAND_BPS, (1 - s) * OFFERED_BPS) - 1)).toBeLessThan(0.15);
      }
    });

    it("Havfrue 100 Gb/s: compliance never pays; once the EU share exceeds the cable (share > 0.5) the backlog grows for the whole run", () => {
      expect(breakEvenShare(100e9)).toBeNaN();
      for (const s of [0.1, 0.3, 0.7]) expect(eu(s, 100)).toBeGreaterThan(open(s, 100));
      // Tripling the share (load 0.2 → 0.6 on the cable) more than doubles the price: 1 ÷ (1 − ρ).
      expect(complianceS(0.3, 100e9)).toBeGreaterThan(1.5 * complianceS(0.1, 100e9));
      expect(eu(0.3, 100) - open(0.3, 100)).toBeGreaterThan(1.5 * (eu(0.1, 100) - open(0.1, 100)));
      // 140 Gb/s into 100: 40 Gb/s of backlog for 30 s; a transfer's mean time is seconds, not milliseconds.
      expect(complianceS(0.7, 100e9)).toBe(Infinity);
      expect(eu(0.7, 100)).toBeGreaterThan(1);
      expect(eu(0.7, 100)).toBeGreaterThan(50 * open(0.7, 100));
    });

    it("the WAN bill per GB is the same at every point: $0.02", () => {
      for (const row of rows) {
        const runDir = join(out, "runs", row.run_id);
        const flows = readCsv(join(runDir, "flows.csv"));
        const gb = gigabytes(flows, "eu-data") + gigabytes(flows, "open-data");
        expect(Number(row.cost_wan_usd) / gb).toBeCloseTo(0.02, 12);
      }
    });
  });
});

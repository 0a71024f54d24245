// One vocabulary across reports: every tier value comes from tierOf's list (documented once in docs/reports.md), a resource has one tier in every file, and shared column names mean one quantity.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TIERS } from "../../src/report/tierOf.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { parseCsv } from "./networks.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-vocabulary-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DOC = readFileSync("docs/reports.md", "utf8");

/** The rows of the markdown table that follows `heading` in docs/reports.md: first cells, backticks removed. */
function docTable(heading: string): string[][] {
  const start = DOC.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = DOC.slice(start).split("\n").slice(2);
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

type Reports = Map<string, Array<Record<string, string>>>;
const runs = new Map<string, Promise<Reports>>();

/** Every CSV a run of `scenario` writes (run once per file), parsed, by file name. */
function reportsOf(scenario: string): Promise<Reports> {
  let reports = runs.get(scenario);
  if (!reports) {
    reports = (async () => {
      const out = join(tmp, scenario.replace(/\W+/g, "-"));
      await runScenario(prepareScenario(scenario), { outDir: out });
      const files = readdirSync(out).filter((f) => f.endsWith(".csv"));
      return new Map(files.map((f) => [f, parseCsv(readFileSync(join(out, f), "utf8"))]));
    })();
    runs.set(scenario, reports);
  }
  return reports;
}

/** Scenarios that between them reach every tier but spine-core (a GPU cluster with storage and serving, a firewall, a WAN with edge sites). */
const SCENARIOS = ["scenarios/ai/shared-fabric.yaml", "scenarios/firewall.yaml", "scenarios/geo-wan.yaml"];

describe("report vocabulary", () => {
  it("docs/reports.md lists exactly tierOf's tiers and cap, once", () => {
    const documented = docTable("### Tiers").map((r) => r[0].replace(/`/g, ""));
    expect(documented).toEqual([...TIERS, "cap"]);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: every tier value is from the one vocabulary and a resource has one tier in every file`, async () => {
      const reports = await reportsOf(scenario);
      const vocabulary = new Set<string>([...TIERS, "cap"]);
      const tierOfResource = new Map<string, string>();
      const seen = (file: string, resource: string, tier: string) => {
        expect(vocabulary.has(tier), `${file}: ${resource} has tier "${tier}"`).toBe(true);
        const before = tierOfResource.get(resource);
        if (before !== undefined) expect(tier, `${file}: ${resource}`).toBe(before);
        tierOfResource.set(resource, tier);
      };
      for (const [file, rows] of reports) {
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            if (column === "tier" || column.endsWith("_tier")) {
              // An empty bottleneck_tier is a collective none of whose flows drained.
              if (value === "" && column === "bottleneck_tier") continue;
              expect(vocabulary.has(value), `${file}: ${column} "${value}"`).toBe(true);
            }
          }
        }
      }
      for (const r of reports.get("links.csv")!) seen("links.csv", r.link, r.tier);
      for (const r of reports.get("bottlenecks.csv")!) seen("bottlenecks.csv", r.resource, r.tier);
      for (const r of reports.get("workload-bottlenecks.csv") ?? []) seen("workload-bottlenecks.csv", r.resource, r.tier);
      for (const r of reports.get("collectives.csv") ?? []) if (r.bottleneck !== "") seen("collectives.csv", r.bottleneck, r.bottleneck_tier);
    });
  }

  it("a shared column name is one quantity: bottleneck flow-seconds and shares agree across links, bottlenecks and tiers", async () => {
    const reports = await reportsOf("scenarios/ai/shared-fabric.yaml");
    const filesOf = new Map<string, string[]>();
    for (const [file, rows] of reports) {
      for (const c of Object.keys(rows[0] ?? {})) {
        // Flow-seconds have one name; every share and utilisation says of what.
        if (/^bottleneck.*_s$/.test(c)) expect(c, file).toBe("bottleneck_flow_s");
        expect(["share", "utilization", "bottleneck_s"], file).not.toContain(c);
        filesOf.set(c, [...(filesOf.get(c) ?? []), file]);
      }
    }
    // Attribution and utilisation names found in two files are defined once, in the Column names table.
    const documented = docTable("### Column names").flatMap((r) => r[0].split(",").map((n) => n.trim().replace(/`/g, "")));
    for (const [c, files] of filesOf) {
      if (files.length > 1 && /tier|bottleneck|share|util|capacity/.test(c)) expect(documented, `${c} (${files.join(", ")})`).toContain(c);
    }
    expect(filesOf.get("bottleneck_flow_s")).toEqual(expect.arrayContaining(["links.csv", "bottlenecks.csv", "tiers.csv"]));
    const links = reports.get("links.csv")!;
    const bottlenecks = reports.get("bottlenecks.csv")!;
    const tiers = reports.get("tiers.csv")!;
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    // links.csv and bottlenecks.csv: the same channel, the same flow-seconds.
    const linkFlowS = new Map(links.map((l) => [l.link, Number(l.bottleneck_flow_s)]));
    for (const b of bottlenecks) if (linkFlowS.has(b.resource)) close(Number(b.bottleneck_flow_s), linkFlowS.get(b.resource)!);
    // bottlenecks.csv summed by tier is tiers.csv's `all` row of that tier (cap-bound time has no resource).
    const byTier = new Map<string, number>();
    for (const b of bottlenecks) byTier.set(b.tier, (byTier.get(b.tier) ?? 0) + Number(b.bottleneck_flow_s));
    const all = tiers.filter((t) => t.workload === "all" && t.tier !== "cap" && Number(t.bottleneck_flow_s) > 0);
    expect(all.map((t) => t.tier).sort()).toEqual([...byTier.keys()].sort());
    for (const t of all) close(Number(t.bottleneck_flow_s), byTier.get(t.tier)!);
    // workload-bottlenecks.csv summed over workloads is bottlenecks.csv's row of the resource.
    const byResource = new Map<string, number>();
    for (const r of reports.get("workload-bottlenecks.csv")!) if (r.resource !== "cap") byResource.set(r.resource, (byResource.get(r.resource) ?? 0) + Number(r.bottleneck_flow_s));
    expect([...byResource.keys()].sort()).toEqual(bottlenecks.map((b) => b.resource).sort());
    for (const b of bottlenecks) close(byResource.get(b.resource)!, Number(b.bottleneck_flow_s));
    // bottleneck_share: the row's bottleneck_flow_s over its group's, in every file.
    const total = bottlenecks.reduce((s, b) => s + Number(b.bottleneck_flow_s), 0);
    for (const b of bottlenecks) close(Number(b.bottleneck_share), Number(b.bottleneck_flow_s) / total);
    for (const rows of [tiers, reports.get("workload-bottlenecks.csv")!]) {
      for (const w of new Set(rows.map((t) => t.workload))) {
        const group = rows.filter((t) => t.workload === w);
        const sum = group.reduce((s, t) => s + Number(t.bottleneck_flow_s), 0);
        if (sum > 0) for (const t of group) close(Number(t.bottleneck_share), Number(t.bottleneck_flow_s) / sum);
      }
    }
  });
});

// docs: the statements of README.md and docs/*.md that can be checked against the code are checked against it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { IncrementalSharing } from "../src/net/IncrementalSharing.js";
import { FLOW_CSV_HEADERS } from "../src/report/FlowRows.js";
import { REPORT_FILES, WORKLOAD_REPORT_FILES } from "../src/report/writeReports.js";
import { renderJsonSchema } from "../src/scenario/renderJsonSchema.js";

const read = (file: string) => readFileSync(file, "utf8");

/** Files under `dir` (relative paths), skipping node_modules, dist, results and dot-directories. */
function files(dir = "."): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".") || ["node_modules", "dist", "results"].includes(name)) return [];
    const path = dir === "." ? name : join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The text between heading `heading` (exact line) and the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.indexOf(" ");
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(" ") <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

const repoFiles = files();
const documents = repoFiles.filter((f) => f.endsWith(".md"));

describe("documentation", () => {
  it("every Markdown file a document links to or names exists in the project", () => {
    const names = new Set(repoFiles.map((f) => basename(f)));
    const missing: string[] = [];
    for (const doc of documents) {
      const text = read(doc);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // http:, mailto:
        if (!existsSync(resolve(dirname(doc), target))) missing.push(`${doc} links to ${target}`);
      }
      for (const [mention] of text.matchAll(/[\w./-]*[A-Za-z0-9_]\.md\b/g)) {
        // An absolute path (a lab notebook's /tmp/… scratch file on the machine that measured) is not a project file.
        if (mention.startsWith("/")) continue;
        const found = mention.includes("/") ? existsSync(resolve(dirname(doc), mention)) || existsSync(mention) : names.has(mention);
        if (!found) missing.push(`${doc} names ${mention}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("README.md lists the columns of flows.csv as the code writes them", () => {
    const row = read("README.md").split("\n").find((l) => l.startsWith("| `flows.csv` |"));
    expect(/`(id,[^`]+)`/.exec(row ?? "")?.[1].split(",")).toEqual([...FLOW_CSV_HEADERS]);
  });

  it("README.md lists every benchmark script of package.json", () => {
    const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts).filter((s) => s.startsWith("bench"));
    const listed = [...section(read("README.md"), "## Benchmarks and cross-checks").matchAll(/^npm run (\S+)/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(scripts.sort());
  });

  it("docs/scenarios.md's top-level table has one row per top-level key of the schema, plus sweep", () => {
    const table = section(read("docs/scenarios.md"), "## Top level");
    const keys = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    const schemaKeys = Object.keys((JSON.parse(renderJsonSchema()) as { properties: object }).properties);
    expect(keys).toEqual([...schemaKeys, "sweep"]);
  });

  it("docs/sweeps.md names every file a run of a study can write", () => {
    const runs = section(read("docs/sweeps.md"), "## The study directory (`--out DIR`)").split("\n- ").find((item) => item.startsWith("`runs/<run id>/`")) ?? "";
    for (const file of [...REPORT_FILES, ...WORKLOAD_REPORT_FILES, "timeseries.csv", "events.csv", "failed.txt"]) expect(runs, file).toContain(file);
  });

  it("every claim's note in scenarios/claims/ gives the command that writes its comparison page", () => {
    // A claim's note is <claim>.md, or README.md in the claim's own folder when it is a study.
    const notes = readdirSync("scenarios/claims", { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? [`${e.name}/README.md`] : e.name.endsWith(".md") && e.name !== "README.md" ? [e.name] : [],
    );
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      const text = read(`scenarios/claims/${note}`);
      const at = text.indexOf("**Compare.**");
      expect(at, `${note} has a **Compare.** paragraph`).toBeGreaterThanOrEqual(0);
      expect(text.slice(at, at + 1500), note).toMatch(/src\/cli\/main\.ts (compare \S+ \S+ .*--out \S+|run \S+ .*--report)/);
    }
  });

  it("every claim studied in its own folder shows its study page as a figure and gives the commands that write it", () => {
    const folders = readdirSync("scenarios/claims").filter((f) => statSync(join("scenarios/claims", f)).isDirectory());
    for (const folder of folders) {
      const dir = join("scenarios/claims", folder);
      const text = read(join(dir, "README.md"));
      const at = text.indexOf("**Figure.**");
      expect(at, `${folder}/README.md has a **Figure.** paragraph`).toBeGreaterThanOrEqual(0);
      const figure = text.slice(at, at + 2000);
      expect(figure, folder).toMatch(/src\/cli\/main\.ts sweep \S+study\.yaml .*--out \S+/);
      expect(figure, folder).toMatch(/src\/cli\/main\.ts report \S+/);
      const image = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(figure);
      expect(image, `${folder}/README.md embeds a PNG of the study page`).not.toBeNull();
      expect(existsSync(join(dir, image![1])), `${folder}/${image![1]} exists`).toBe(true);
    }
  });

  it("docs/architecture.md states the incremental engine's fallback fraction that the code uses", () => {
    const engine = new IncrementalSharing(new Float64Array(1)) as unknown as { fullFraction: number };
    expect(read("docs/architecture.md")).toContain(`(\`fullFraction\`, ${engine.fullFraction})`);
  });
});

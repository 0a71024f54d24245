// exportCommand: `chokepoint export <scenario> --format simgrid|json --out DIR` — the scenario's topology and flows for SimGrid or a notebook.
import { chmod, writeFile } from "node:fs/promises";
import { InputError } from "../core/InputError.js";
import { checkSimgridFlows, recordFlows, simgridRefusal, type RecordedFlow } from "../run/recordFlows.js";
import { prepareScenario } from "../scenario/prepareScenario.js";
import { ensureWritableDirectory } from "../report/ensureWritableDirectory.js";
import { graphJson } from "../report/graphJson.js";
import { simgridPlatform } from "../report/simgridPlatform.js";
import { SIMGRID_DRIVER } from "../report/simgridDriver.js";
import { writeAtomically, type ReportFile } from "../report/writeAtomically.js";
import type { CliIo } from "./cli.js";

/** The formats of `chokepoint export`. */
export const EXPORT_FORMATS = ["simgrid", "json"] as const;

/** Options of `chokepoint export`. */
export interface ExportCommandOptions {
  format?: string;
  out?: string;
  seed?: number;
  /** json: also run the scenario and include its flows. */
  flows: boolean;
  quiet: boolean;
}

/** chokepoint.csv: every flow as chokepoint ran it, numbers at full precision (they round-trip). */
function chokepointCsv(flows: readonly RecordedFlow[]): string {
  const cell = (x: number) => (Number.isNaN(x) ? "" : String(x));
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = ["id,workload,src,dst,size_bytes,start_s,activation_s,finish_s"];
  for (const f of flows) rows.push([quote(f.id), quote(f.workload), quote(f.src), quote(f.dst), cell(f.sizeBytes), cell(f.startS), cell(f.activationS), cell(f.finishS)].join(","));
  return `${rows.join("\n")}\n`;
}

/**
 * Export `file`:
 * - `simgrid`: run it (maxmin only, see {@link simgridRefusal}) and write `platform.xml`,
 *   `deployment.xml`, `chokepoint.csv` (the flows and chokepoint's finish times) and
 *   `run_simgrid.py` (runs the platform in SimGrid and compares) into `out`;
 * - `json`: write `graph.json`, the topology as a node-link graph, with `flows` also the
 *   flows of a run (any transport).
 * Every check and the run happen before anything is written; a refusal is an InputError.
 */
export async function exportCommand(file: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  const format = options.format;
  if (format === undefined) throw new InputError(`"chokepoint export" needs --format ${EXPORT_FORMATS.join(" or ")}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format must be ${EXPORT_FORMATS.join(" or ")}, found "${format}"`);
  if (options.out === undefined) throw new InputError("chokepoint export needs --out DIR, the directory to write into");
  if (format === "simgrid" && options.flows) throw new InputError("--flows goes with --format json (a SimGrid export always holds the flows)");
  const prepared = prepareScenario(file);
  const { scenario, topology } = prepared;
  const files: Array<[string, string]> = [];
  let summary: string;
  if (format === "simgrid") {
    const refusal = simgridRefusal(scenario);
    if (refusal) throw new InputError(`${file}: cannot export to SimGrid: ${refusal}`);
    const run = recordFlows(prepared, { seed: options.seed });
    checkSimgridFlows(run);
    const about = `chokepoint export of ${file} ("${scenario.name}", seed ${run.seed}): ${topology.nodeCount} nodes, ${topology.channelCount / 2} links, ${run.flows.length} flows`;
    const { platformXml, deploymentXml } = simgridPlatform(topology, run.flows, about);
    files.push(["platform.xml", platformXml], ["deployment.xml", deploymentXml], ["chokepoint.csv", chokepointCsv(run.flows)], ["run_simgrid.py", SIMGRID_DRIVER]);
    summary = `${run.flows.length} flows`;
  } else {
    const run = options.flows ? recordFlows(prepared, { seed: options.seed }) : undefined;
    const doc = graphJson(topology, scenario.name, run?.seed ?? options.seed ?? scenario.seed, run?.flows);
    files.push(["graph.json", `${JSON.stringify(doc, null, 1)}\n`]);
    summary = `${topology.nodeCount} nodes, ${topology.channelCount / 2} links${run ? `, ${run.flows.length} flows` : ""}`;
  }
  const created = await ensureWritableDirectory(options.out, "the export");
  try {
    const writes: ReportFile[] = files.map(([name, text]) => ({
      name,
      write: async (p) => {
        await writeFile(p, text);
        if (name.endsWith(".py")) await chmod(p, 0o755);
      },
    }));
    await writeAtomically(options.out, writes);
  } catch (err) {
    await created.undo();
    throw err;
  }
  if (!options.quiet) {
    io.stdout.write(`export: ${files.map(([name]) => name).join(", ")} → ${options.out} (${summary})\n`);
    if (format === "simgrid") io.stdout.write(`  run it in SimGrid and compare: /usr/bin/python3 ${options.out}/run_simgrid.py\n`);
  }
  return 0;
}

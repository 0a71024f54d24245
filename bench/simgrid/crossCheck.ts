// crossCheck: run one case in chokepoint and in SimGrid 3.32 and report how closely their finish times agree.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { compareFinishTimes, type FinishTimeComparison } from "./compareFinishTimes.js";
import type { EngineName } from "../../src/run/simulate.js";
import { runChokepoint, SHARING_ENGINES } from "./runChokepoint.js";
import { readSimgridOutput, runSimgrid } from "./runSimgrid.js";

/** The outcome of {@link crossCheck}. */
export interface CrossCheckResult extends FinishTimeComparison {
  chokepointWallS: number;
  simgridWallS: number;
  /** simgridWallS / chokepointWallS. */
  speedup: number;
}

/**
 * Run the case file at `casePath` in both simulators (chokepoint with sharing engine
 * `engine`) and compare, SimGrid as reference. With `simgridCsv`, SimGrid's results are
 * read from an earlier run_simgrid.py output instead of running it again.
 */
export function crossCheck(casePath: string, engine = "incremental", simgridCsv?: string): CrossCheckResult {
  const ours = runChokepoint(casePath, engine as EngineName);
  const theirs = simgridCsv ? readSimgridOutput(simgridCsv) : runSimgrid(casePath);
  const cmp = compareFinishTimes(ours.finishS, theirs.finishS, ours.startS);
  return { ...cmp, chokepointWallS: ours.wallS, simgridWallS: theirs.wallS, speedup: theirs.wallS / ours.wallS };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      engine: { type: "string", default: "incremental" },
      "simgrid-csv": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(
      `usage: npx tsx bench/simgrid/crossCheck.ts CASE.json [--engine ${Object.keys(SHARING_ENGINES).join("|")}]` +
        " [--simgrid-csv OUT.csv (reuse a run_simgrid.py output)]\n" +
        "  e.g. npx tsx bench/simgrid/makeCase.ts --k 8 --flows 2000 --out /tmp/case.json && " +
        "npx tsx bench/simgrid/crossCheck.ts /tmp/case.json",
    );
    process.exit(values.help ? 0 : 2);
  }
  try {
    const r = crossCheck(positionals[0], values.engine, values["simgrid-csv"]);
    const e = (x: number) => x.toExponential(3);
    console.log(`flows compared        ${r.flows}${r.missing.length ? ` (missing in one run: ${r.missing.length})` : ""}`);
    console.log(`max relative error    ${e(r.maxRelativeError)} (flow ${r.worstId})`);
    console.log(`mean relative error   ${e(r.meanRelativeError)}`);
    console.log(`max absolute error    ${e(r.maxAbsoluteErrorS)} s`);
    console.log(`max FCT rel. error    ${e(r.maxFctRelativeError)}`);
    console.log(`chokepoint wall time  ${r.chokepointWallS.toFixed(3)} s (engine ${values.engine})`);
    console.log(`SimGrid wall time     ${r.simgridWallS.toFixed(3)} s (build + run, Python start-up excluded)`);
    console.log(`SimGrid / chokepoint  ${r.speedup.toFixed(2)}×`);
    if (r.missing.length > 0) process.exitCode = 1;
  } catch (err) {
    console.error(`crossCheck: ${(err as Error).message}`);
    process.exit(2);
  }
}

// prepareStudy: read a study file, validate its sweep block and seed, expand it and substitute and check every point, before anything runs.
import { InputError } from "../core/InputError.js";
import { readScenarioDocument } from "../scenario/loadScenario.js";
import { prepareScenarioDocument } from "../scenario/prepareScenario.js";
import { checkVariablesUsed } from "./checkVariablesUsed.js";
import { expandStudy, formatValues } from "./expandStudy.js";
import { parseSweep } from "./parseSweep.js";
import { inputDigests } from "./runKey.js";
import type { StudyPoint, StudyRun, SweepSpec } from "./Study.js";
import { substitute } from "./substitute.js";

/** Top-level keys of a study file that are not part of its points' scenario: the sweep block, and the search block `chokepoint search` reads. */
export const STUDY_BLOCKS = ["sweep", "search"];

/** A study file read, validated and expanded: what `sweep` and `search` run. */
export interface PreparedStudy {
  /** The whole document as read (sweep and search blocks included). */
  document: Record<string, unknown>;
  /** The document without its sweep and search blocks, before substitution. */
  base: Record<string, unknown>;
  spec: SweepSpec;
  /** The variables, in declaration order. */
  names: string[];
  points: StudyPoint[];
  /** Every point × repetition, repetition fastest (see expandStudy). */
  runs: StudyRun[];
  /** Each point's scenario document after substitution, checked. */
  pointDocs: Array<Record<string, unknown>>;
  /** Each point's {@link inputDigests}: the contents of the files its workloads read. */
  pointInputs: string[][];
}

/**
 * Read `file`, validate its `sweep` block and seed, expand it, and substitute and fully
 * check every point (topology built, workloads checked): a bad point is an InputError
 * naming the point (`study.yaml: point 2 (bw=-5, load=0.3): topology…`). The `search`
 * block, when there is one, is left to its reader and is not part of the points.
 */
export function prepareStudy(file: string): PreparedStudy {
  const document = readScenarioDocument(file);
  const { sweep, search: _search, ...base } = document;
  if (sweep === undefined) {
    throw new InputError(`${file}: has no sweep block — run a single scenario with "chokepoint run"`);
  }
  const spec = parseSweep(sweep, `${file}: sweep`);
  const baseSeed = base.seed ?? 1;
  if (!(typeof baseSeed === "number" && Number.isInteger(baseSeed) && baseSeed >= 0)) {
    throw new InputError(`${file}: seed: expected a whole number ≥ 0, found ${JSON.stringify(baseSeed)}`);
  }
  checkVariablesUsed(base, spec, `${file}: sweep`);
  const { points, runs } = expandStudy(spec, baseSeed, `${file}: sweep`);
  const pointInputs: string[][] = [];
  // Each file is hashed once, however many points read it.
  const digests = new Map<string, string>();
  const pointDocs = points.map((p) => {
    const context = `${file}: point ${p.index} (${formatValues(p.values)})`;
    const doc = substitute(base, p.values, context) as Record<string, unknown>;
    try {
      pointInputs.push(inputDigests(prepareScenarioDocument(doc, file).scenario.inputFiles, digests));
    } catch (err) {
      if (err instanceof InputError) {
        const inner = err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message;
        throw new InputError(`${context}: ${inner}`);
      }
      throw err;
    }
    return doc;
  });
  return { document, base, spec, names: Object.keys(spec.vars), points, runs, pointDocs, pointInputs };
}

// prepareSearch: read a search file — a study with a search block — and check all of it (every point, the search block) before anything runs.
import { InputError } from "../core/InputError.js";
import { prepareStudy, type PreparedStudy } from "../sweep/prepareStudy.js";
import { parseSearch } from "./parseSearch.js";
import type { SearchSpec } from "./SearchSpec.js";

/** A search file read and checked: its study and its search block. */
export interface PreparedSearch {
  study: PreparedStudy;
  search: SearchSpec;
}

/**
 * Read `file` as a study (every point substituted and checked, see prepareStudy) and
 * validate its `search` block; any mistake is one InputError sentence naming the file and
 * the key path (`study.yaml: search.monotone.linkGbps: must be up … or down, found "upward"`).
 */
export function prepareSearch(file: string): PreparedSearch {
  const study = prepareStudy(file);
  if (!("search" in study.document)) {
    throw new InputError(`${file}: has no search block — add one (targets, minimize; see docs/search.md) or run the whole grid with "chokepoint sweep"`);
  }
  const search = parseSearch(study.document.search, `${file}: search`, study.spec, study.base);
  return { study, search };
}

// chartLibraryScripts: the minified d3 and Observable Plot bundles from node_modules, inlined into every page so it needs no network.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A script inlined into the page: what it is and its source. */
export interface InlineScript {
  name: string;
  source: string;
}

let cached: InlineScript[] | undefined;

/**
 * d3 (UMD, defines the global `d3`) and Observable Plot (UMD, defines `Plot` on top of
 * `d3`), read once per process from the installed packages (package.json pins both).
 * Their sources contain no `</script`, so they are inlined as they are (checked here).
 */
export function chartLibraryScripts(): InlineScript[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // The packages export their UMD files only under an "umd" condition: find them beside the entry point (src/index.js).
  const read = (name: string, pkg: string, file: string): InlineScript => {
    const path = join(dirname(require.resolve(pkg)), "..", file);
    const source = readFileSync(path, "utf8");
    if (/<\/script/i.test(source)) throw new Error(`${path} contains "</script" and cannot be inlined`);
    return { name, source };
  };
  cached = [read("d3", "d3", "dist/d3.min.js"), read("Observable Plot", "@observablehq/plot", "dist/plot.umd.min.js")];
  return cached;
}

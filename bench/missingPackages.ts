// missingPackages: which of the Debian packages the cross-checks and browser tests need (python3-simgrid, libns3-dev, g++, chromium) are absent here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SIMGRID_PYTHON } from "./simgrid/runSimgrid.js";

/** A Debian package a cross-check needs and does not find, with what was tried. */
export interface MissingPackage {
  /** The package to install, e.g. "python3-simgrid". */
  name: string;
  /** What was looked for and not found. */
  reason: string;
}

/** SimGrid's replay needs `python` (SIMGRID_PYTHON, default /usr/bin/python3) to import simgrid: Debian's python3-simgrid. */
export function missingSimgridPackages(python = SIMGRID_PYTHON): MissingPackage[] {
  const r = spawnSync(python, ["-c", "import simgrid"], { encoding: "utf8" });
  if (r.error) return [{ name: "python3-simgrid", reason: `cannot run ${python}` }];
  if (r.status === 0) return [];
  const lastLine = r.stderr.trim().split("\n").pop() ?? "";
  return [{ name: "python3-simgrid", reason: `${python} cannot import simgrid${lastLine ? `: ${lastLine}` : ""}` }];
}

/**
 * The ns-3 replay (bench/ns3/build.sh) needs ns-3 3.37's headers under `NS3_INCLUDE_DIR`
 * (default /usr/include: Debian's libns3-dev, which also brings the libraries) and a C++
 * compiler, `CXX` (default g++).
 */
export function missingNs3Packages(env: NodeJS.ProcessEnv = process.env): MissingPackage[] {
  const missing: MissingPackage[] = [];
  const header = join(env.NS3_INCLUDE_DIR || "/usr/include", "ns3", "core-module.h");
  if (!existsSync(header)) missing.push({ name: "libns3-dev", reason: `${header} not found` });
  const cxx = env.CXX || "g++";
  const r = spawnSync(cxx, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) missing.push({ name: "g++", reason: `cannot run the C++ compiler ${cxx}` });
  return missing;
}

/** Where the browser tests find Chromium: `CHROMIUM_PATH`, default Debian's /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * The browser tests (test/report/html/) drive Chromium at {@link chromiumPath} with
 * playwright-core: Debian's `chromium` package (browsers cannot be downloaded here).
 */
export function missingChromium(env: NodeJS.ProcessEnv = process.env): MissingPackage[] {
  const path = chromiumPath(env);
  if (!existsSync(path)) return [{ name: "chromium", reason: `${path} not found` }];
  const r = spawnSync(path, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return [{ name: "chromium", reason: `cannot run ${path} --version` }];
  return [];
}

// benchArgs: a bench with positional arguments prints its usage on --help, and refuses an option, an extra argument or a number that is not one in one line (exit 2) before running anything.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `tsx bench/solver.ts …args` (each call here ends before any solve). */
const solver = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "bench/solver.ts", ...args], { encoding: "utf8" });

describe("benchArgs", () => {
  it("--help prints the usage and exits 0", () => {
    const r = solver("--help");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("npm run bench:solver -- [K [CONCURRENT]]");
  });

  it("refuses an unknown option, an argument too many and a value that is not a positive number, in one line each", () => {
    const cases: Array<[string[], string]> = [
      [["--reps", "3"], "npm run bench:solver -- [K [CONCURRENT]]: --reps is not an option of this bench (it takes positional arguments only) (--help shows the usage)"],
      [["4", "20", "6"], "npm run bench:solver -- [K [CONCURRENT]]: expected at most 2 arguments, found 3: 4 20 6 (--help shows the usage)"],
      [["sixteen"], 'npm run bench:solver -- [K [CONCURRENT]]: K: "sixteen" is not a positive number (--help shows the usage)'],
      [["4", "0"], 'npm run bench:solver -- [K [CONCURRENT]]: CONCURRENT: "0" is not a positive number (--help shows the usage)'],
    ];
    for (const [args, message] of cases) {
      const r = solver(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim()).toBe(message);
      expect(r.stdout).toBe("");
    }
  });
});

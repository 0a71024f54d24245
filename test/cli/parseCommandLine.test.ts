// Tests of parseCommandLine: each command takes only its own options; every refusal is one sentence.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { COMMAND_OPTIONS, parseCommandLine } from "../../src/cli/parseCommandLine.js";

function refusal(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
}

describe("parseCommandLine", () => {
  it("splits the command, its operands and its options", () => {
    expect(parseCommandLine(["run", "s.yaml", "-o", "d", "--seed", "3", "-q"])).toEqual({
      command: "run",
      operands: ["s.yaml"],
      values: { out: "d", seed: "3", quiet: true },
    });
    expect(parseCommandLine(["merge", "a", "b", "--out=m", "--allow-partial"])).toEqual({
      command: "merge",
      operands: ["a", "b"],
      values: { out: "m", "allow-partial": true },
    });
    expect(parseCommandLine(["sweep", "s.yaml", "--retry-failed", "-j", "2"]).values).toEqual({ "retry-failed": true, jobs: "2" });
    expect(parseCommandLine([])).toEqual({ command: undefined, operands: [], values: {} });
    expect(parseCommandLine(["--version"]).values).toEqual({ version: true });
    expect(parseCommandLine(["validate", "s.yaml", "--help"]).values).toEqual({ help: true });
    expect(parseCommandLine(["run", "s.yaml", "--report"]).values).toEqual({ report: true });
    expect(parseCommandLine(["report", "results/x", "-o", "x.html"])).toEqual({ command: "report", operands: ["results/x"], values: { out: "x.html" } });
  });

  it("refuses the options a command does not take, naming the command and its options", () => {
    expect(refusal(["run", "s.yaml", "--dry-run"])).toBe(
      '--dry-run is not an option of "chokepoint run" — its options are --out, --seed, --until, --engine, --quiet, --force, --report' +
        " (chokepoint validate checks a scenario without running it)",
    );
    for (const option of ["--engine", "--seed", "--until"]) {
      expect(refusal(["sweep", "s.yaml", option, "x"])).toMatch(new RegExp(`^${option} is not an option of "chokepoint sweep"`));
    }
    expect(refusal(["validate", "s.yaml", "--jobs", "4"])).toBe('--jobs is not an option of "chokepoint validate" — it takes no options');
    expect(refusal(["merge", "a", "--out", "m", "--quiet"])).toMatch(/^--quiet is not an option of "chokepoint merge" — its options are --out, --allow-partial$/);
    expect(refusal(["run", "s.yaml", "--allow-partial"])).toMatch(/^--allow-partial is not an option of "chokepoint run"/);
    expect(refusal(["validate", "s.yaml", "--retry-failed"])).toMatch(/^--retry-failed is not an option of "chokepoint validate"/);
    expect(refusal(["run", "s.yaml", "--version"])).toMatch(/^--version is not an option of "chokepoint run"/);
    expect(refusal(["--out", "d"])).toBe("--out needs a command — see chokepoint --help");
    expect(refusal(["report", "d", "--seed", "1"])).toBe('--seed is not an option of "chokepoint report" — its options are --out, --metric, --quiet');
    expect(refusal(["report", "d", "--report"])).toMatch(/^--report is not an option of "chokepoint report"/);
    expect(refusal(["sweep", "s.yaml", "--report"])).toMatch(/^--report is not an option of "chokepoint sweep"/);
  });

  it("accepts every option listed for a command, and only those", () => {
    const flags = new Set(["quiet", "force", "report", "dry-run", "retry-failed", "allow-partial"]);
    const all = [...new Set(Object.values(COMMAND_OPTIONS).flat())];
    for (const [command, options] of Object.entries(COMMAND_OPTIONS)) {
      for (const option of all) {
        const argv = [command, "x", `--${option}`, ...(flags.has(option) ? [] : ["v"])];
        if (options.includes(option)) expect(parseCommandLine(argv).values, argv.join(" ")).toHaveProperty(option);
        else expect(refusal(argv), argv.join(" ")).toContain(`--${option} is not an option of "chokepoint ${command}"`);
      }
    }
  });

  it("refuses unknown commands and options, missing values, values given to flags and repeated options", () => {
    expect(refusal(["simulate", "x.yaml"])).toBe('unknown command "simulate" — use one of: run, validate, sweep, search, merge, report, compare, export, help (see chokepoint --help)');
    expect(refusal(["run", "s.yaml", "--speed"])).toMatch(/^unknown option "--speed" — its options are --out/);
    expect(refusal(["run", "s.yaml", "--out"])).toBe("--out needs a value");
    // An empty value named the working directory ("cannot write reports to : it holds …").
    expect(refusal(["run", "s.yaml", "--out="])).toBe("--out needs a value");
    expect(refusal(["run", "s.yaml", "--out", ""])).toBe("--out needs a value");
    expect(refusal(["compare", "a", "b", "--out", "o", "--target="])).toBe("--target needs a value");
    expect(refusal(["run", "s.yaml", "--out", "--quiet"])).toBe('--out needs a value, found the option "--quiet" (write --out=--quiet if that is the value)');
    expect(refusal(["run", "s.yaml", "--quiet=yes"])).toBe('--quiet takes no value, found "--quiet=yes"');
    expect(refusal(["run", "s.yaml", "--out", "a", "-o", "b"])).toBe("-o is given twice");
  });
});

// cli: parses arguments, runs the command, maps failures to exit codes (0 ok, 1 runtime, 2 bad input).
import { readFileSync } from "node:fs";
import { InputError } from "../core/InputError.js";
import { quantity } from "../core/units.js";
import { SHARING_ENGINES, type EngineName } from "../run/simulate.js";
import { escapeControlCharacters } from "./escapeControlCharacters.js";
import { commandHelp, hasCommandHelp, HELP } from "./help.js";
import { COMMANDS, parseCommandLine } from "./parseCommandLine.js";

/** Where the CLI writes (process streams by default; tests pass their own). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /**
   * Where progress lines are drawn with terminal controls (`\r`, erase line), written as
   * given — only numbers go there. Default: stderr. {@link cli} hands commands an io whose
   * stdout and stderr escape control characters and whose `progress` is the raw stream.
   */
  progress?: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * Run the CLI with `argv` (without node and script); resolves to the exit code. Each
 * command's modules are imported when that command runs, so `run` does not load the
 * study, search and page code (about 50 modules of startup).
 */
export async function cli(argv: string[], io: CliIo = process): Promise<number> {
  // Everything printed goes through one escaping writer: ids and paths come from user files.
  const safe: CliIo = {
    stdout: { write: (text) => io.stdout.write(escapeControlCharacters(text)) },
    stderr: { write: (text) => io.stderr.write(escapeControlCharacters(text)), isTTY: io.stderr.isTTY },
    progress: io.progress ?? io.stderr,
  };
  try {
    const { command, operands, values } = parseCommandLine(argv);
    if (values.version) {
      safe.stdout.write(`${await version()}\n`);
      return 0;
    }
    if (values.help || command === undefined || command === "help") {
      if (command === "help" && (operands.length > 1 || (operands.length === 1 && !(COMMANDS as readonly string[]).includes(operands[0])))) {
        throw new InputError(`"chokepoint help" takes nothing or a command name, found "${operands.join(" ")}"`);
      }
      // One command's help for `chokepoint <command> --help` and `chokepoint help <command>`; the whole of it otherwise.
      const about = command === "help" ? operands[0] : command;
      safe.stdout.write(about !== undefined && hasCommandHelp(about) ? commandHelp(about) : HELP);
      return 0;
    }
    if (command === "compare") {
      const { compareCommand } = await import("./compareCommand.js");
      return await compareCommand(operands, { out: values.out, target: values.target, quiet: values.quiet ?? false }, safe);
    }
    if (command === "merge") {
      const { mergeCommand } = await import("./sweepCommand.js");
      return await mergeCommand(operands, { out: values.out, allowPartial: values["allow-partial"] ?? false }, safe);
    }
    if (operands.length !== 1) {
      const what = command === "sweep" ? "study file" : command === "search" ? "search file" : command === "report" ? "run or study directory" : "scenario file";
      throw new InputError(`"chokepoint ${command}" takes exactly one ${what}, found ${operands.length}${operands.length > 1 ? ` (${operands.join(", ")})` : ""}`);
    }
    const [file] = operands;
    if (command === "report") return await (await import("./reportCommand.js")).reportCommand(file, { out: values.out, metric: values.metric, quiet: values.quiet ?? false }, safe);
    if (command === "sweep") {
      const { sweepCommand } = await import("./sweepCommand.js");
      return await sweepCommand(
        file,
        {
          out: values.out,
          jobs: values.jobs,
          dryRun: values["dry-run"] ?? false,
          filter: values.filter,
          shard: values.shard,
          shards: values.shards,
          quiet: values.quiet ?? false,
          retryFailed: values["retry-failed"] ?? false,
          version: await version(),
        },
        safe,
      );
    }
    if (command === "search") {
      const { searchCommand } = await import("./searchCommand.js");
      return await searchCommand(file, { out: values.out, jobs: values.jobs, quiet: values.quiet ?? false, version: await version() }, safe);
    }
    if (command === "validate") return await (await import("./validateCommand.js")).validateCommand(file, safe);
    let seed: number | undefined;
    if (values.seed !== undefined) {
      // Beyond 2⁵³ − 1 a seed would silently become another (99999999999999999999 → 1e20), as the scenario file's seed refuses.
      if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(Number(values.seed))) {
        throw new InputError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, found "${values.seed}"`);
      }
      seed = Number(values.seed);
    }
    if (command === "export") {
      const { exportCommand } = await import("./exportCommand.js");
      return await exportCommand(file, { format: values.format, out: values.out, seed, flows: values.flows ?? false, quiet: values.quiet ?? false }, safe);
    }
    let untilS: number | undefined;
    if (values.until !== undefined) {
      try {
        untilS = quantity(values.until, "time");
      } catch (err) {
        throw new InputError(`--until: ${(err as Error).message}`);
      }
      if (!(untilS > 0)) throw new InputError(`--until must be a positive time, found "${values.until}"`);
    }
    const engine = values.engine ?? "incremental";
    if (!(engine in SHARING_ENGINES)) {
      throw new InputError(`--engine must be one of ${Object.keys(SHARING_ENGINES).join(", ")}, found "${engine}"`);
    }
    const { runCommand } = await import("./runCommand.js");
    return await runCommand(
      file,
      {
        outDir: values.out,
        force: values.force ?? false,
        report: values.report ?? false,
        seed,
        untilS,
        quiet: values.quiet ?? false,
        engine: engine as EngineName,
        version: await version(),
      },
      safe,
    );
  } catch (err) {
    if (err instanceof InputError) {
      safe.stderr.write(`chokepoint: ${err.message}\n`);
      return 2;
    }
    safe.stderr.write(`chokepoint: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    if (process.env.CHOKEPOINT_DEBUG) safe.stderr.write(`${(err as Error)?.stack}\n`);
    return 1;
  }
}

async function version(): Promise<string> {
  // Read synchronously: an awaited readFile is four trips to a libuv worker thread (open, stat, read, close).
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

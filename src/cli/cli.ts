// cli: parses arguments, runs the command, maps failures to exit codes (0 ok, 1 runtime, 2 bad input).
import { parseArgs } from "node:util";
import { InputError } from "../core/InputError.js";
import { quantity } from "../core/units.js";
import { SHARING_ENGINES, type EngineName } from "../run/simulate.js";
import { HELP } from "./help.js";
import { mergeCommand, sweepCommand } from "./sweepCommand.js";
import { runCommand } from "./runCommand.js";
import { validateCommand } from "./validateCommand.js";

const COMMANDS = ["run", "validate", "sweep", "merge", "help"];

/** Where the CLI writes (process streams by default; tests pass their own). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function cli(argv: string[], io: CliIo = process): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        seed: { type: "string" },
        until: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        engine: { type: "string" },
        jobs: { type: "string", short: "j" },
        "dry-run": { type: "boolean" },
        filter: { type: "string" },
        shard: { type: "string" },
        shards: { type: "string" },
        "retry-failed": { type: "boolean" },
        "allow-partial": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
    if (values.version) {
      io.stdout.write(`${await version()}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === "help") {
      io.stdout.write(HELP);
      return 0;
    }
    if (!COMMANDS.includes(command)) {
      throw new InputError(`unknown command "${command}" — use one of: ${COMMANDS.join(", ")} (see chokepoint --help)`);
    }
    if (command === "merge") return await mergeCommand(rest, values.out, io, values["allow-partial"] ?? false);
    if (rest.length !== 1) {
      throw new InputError(`"chokepoint ${command}" takes exactly one scenario file, found ${rest.length}`);
    }
    if (command === "sweep") {
      return await sweepCommand(
        rest[0],
        {
          out: values.out,
          jobs: values.jobs,
          dryRun: values["dry-run"] ?? false,
          filter: values.filter,
          shard: values.shard,
          shards: values.shards,
          retryFailed: values["retry-failed"] ?? false,
          quiet: values.quiet ?? false,
          version: await version(),
        },
        io,
      );
    }
    const scenarioPath = rest[0];
    if (command === "validate") return await validateCommand(scenarioPath, io);
    let seed: number | undefined;
    if (values.seed !== undefined) {
      if (!/^\d+$/.test(values.seed)) throw new InputError(`--seed must be a whole number ≥ 0, found "${values.seed}"`);
      seed = Number(values.seed);
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
    return await runCommand(scenarioPath, {
      outDir: values.out,
      seed,
      untilS,
      quiet: values.quiet ?? false,
      engine: engine as EngineName,
      version: await version(),
    }, io);
  } catch (err) {
    if (err instanceof InputError || isParseArgsError(err)) {
      io.stderr.write(`chokepoint: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`chokepoint: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    if (process.env.CHOKEPOINT_DEBUG) io.stderr.write(`${(err as Error)?.stack}\n`);
    return 1;
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

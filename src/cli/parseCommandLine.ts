// parseCommandLine: split the arguments into a command, its operands and its options, refusing any option the command does not take.
import { parseArgs } from "node:util";
import { InputError } from "../core/InputError.js";

/** The commands of chokepoint. */
export const COMMANDS = ["run", "validate", "sweep", "search", "merge", "report", "compare", "export", "help"] as const;

/** One of {@link COMMANDS}. */
export type Command = (typeof COMMANDS)[number];

/** Every option of every command (a name means the same, with the same type, wherever it applies). */
const OPTIONS = {
  out: { type: "string", short: "o" },
  seed: { type: "string" },
  until: { type: "string" },
  engine: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  force: { type: "boolean" },
  report: { type: "boolean" },
  target: { type: "string" },
  metric: { type: "string" },
  jobs: { type: "string", short: "j" },
  "dry-run": { type: "boolean" },
  filter: { type: "string" },
  shard: { type: "string" },
  shards: { type: "string" },
  "retry-failed": { type: "boolean" },
  "allow-partial": { type: "boolean" },
  format: { type: "string" },
  flows: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options each command takes (besides --help, which every command takes). */
export const COMMAND_OPTIONS: Readonly<Record<Command, readonly OptionName[]>> = {
  run: ["out", "seed", "until", "engine", "quiet", "force", "report"],
  validate: [],
  sweep: ["out", "jobs", "dry-run", "filter", "shard", "shards", "quiet", "retry-failed"],
  search: ["out", "jobs", "quiet"],
  merge: ["out", "allow-partial"],
  report: ["out", "metric", "quiet"],
  compare: ["out", "target", "quiet"],
  export: ["out", "format", "seed", "flows", "quiet"],
  help: [],
};

/** A hint added when an option is given to a command that does not take it. */
const HINTS: Partial<Record<Command, Partial<Record<OptionName, string>>>> = {
  run: { "dry-run": "chokepoint validate checks a scenario without running it" },
  sweep: {
    seed: "a study's seeds come from its file's seed and the repetition",
    until: "put the time limit in the study file",
    engine: "a study's runs use the default engine",
  },
  search: {
    seed: "a search's seeds come from its file's seed and the repetition",
    "dry-run": "chokepoint sweep --dry-run lists the designs of the grid",
  },
};

/** Option values: strings for the options that take one, true for flags given. */
export type OptionValues = {
  -readonly [K in OptionName]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean;
};

/** The arguments of one invocation. */
export interface CommandLine {
  /** The command, or undefined when none was given (`chokepoint`, `chokepoint --version`). */
  command: Command | undefined;
  /** What follows the command that is not an option (scenario file, directories). */
  operands: string[];
  values: OptionValues;
}

/**
 * Parse `argv` (without node and script). Throws an InputError, one sentence, for an
 * unknown command or option, an option the command does not take (each command has its
 * own set, {@link COMMAND_OPTIONS}; --help goes with any, --version with none), an option
 * given twice, a missing value or a value given to a flag.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { positionals, tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const [first, ...operands] = positionals;
  if (first !== undefined && !(COMMANDS as readonly string[]).includes(first)) {
    throw new InputError(`unknown command "${first}" — use one of: ${COMMANDS.join(", ")} (see chokepoint --help)`);
  }
  const command = first as Command | undefined;
  const values: Record<string, string | boolean> = {};
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    if (!Object.hasOwn(OPTIONS, t.name)) {
      throw new InputError(`unknown option "${t.rawName}"${command ? ` — ${optionsOf(command)}` : " (see chokepoint --help)"}`);
    }
    const name = t.name as OptionName;
    if (!applies(name, command)) {
      const hint = command && HINTS[command]?.[name];
      throw new InputError(
        command
          ? `${t.rawName} is not an option of "chokepoint ${command}" — ${optionsOf(command)}${hint ? ` (${hint})` : ""}`
          : `${t.rawName} needs a command — see chokepoint --help`,
      );
    }
    if (Object.hasOwn(values, name)) throw new InputError(`${t.rawName} is given twice`);
    if (OPTIONS[name].type === "string") {
      // "--out=" (or --out "") is no value either: an empty path would name the working directory.
      if (t.value === undefined || t.value === "" || (!t.inlineValue && t.value.startsWith("-"))) {
        throw new InputError(`${t.rawName} needs a value${t.value ? `, found the option "${t.value}" (write ${t.rawName}=${t.value} if that is the value)` : ""}`);
      }
      values[name] = t.value;
    } else {
      if (t.inlineValue) throw new InputError(`${t.rawName} takes no value, found "${t.rawName}=${t.value}"`);
      values[name] = true;
    }
  }
  return { command, operands, values: values as OptionValues };
}

function applies(name: OptionName, command: Command | undefined): boolean {
  if (name === "help") return true;
  if (name === "version") return command === undefined;
  return command !== undefined && COMMAND_OPTIONS[command].includes(name);
}

/** "its options are --out, --seed, …" or "it takes no options". */
function optionsOf(command: Command): string {
  const names = COMMAND_OPTIONS[command];
  return names.length === 0 ? "it takes no options" : `its options are ${names.map((n) => `--${n}`).join(", ")}`;
}

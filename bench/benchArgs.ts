// benchArgs: a bench's positional arguments — `--help` prints its usage, and an option it does not take, one argument too many or a number that is not a positive one is refused in one line (exit 2) instead of running the bench on NaN.

/** The bench's positional arguments (at most `count`), after `--help`/`-h` printed `usage` and exited, or a mistake was refused. */
export function benchArgs(usage: string, count: number): string[] {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  const option = args.find((a) => a.startsWith("-"));
  if (option !== undefined) refuse(usage, `${option} is not an option of this bench (it takes positional arguments only)`);
  if (args.length > count) refuse(usage, `expected at most ${count} argument${count === 1 ? "" : "s"}, found ${args.length}: ${args.join(" ")}`);
  return args;
}

/** The positive numbers of `text` (one, or several separated by commas), or of `fallback` when `text` is undefined; anything else is refused naming `what`. */
export function positiveNumbers(usage: string, text: string | undefined, fallback: string, what: string): number[] {
  const values = (text ?? fallback).split(",").map((s) => Number(s));
  if (values.length === 0 || values.some((v) => !(Number.isFinite(v) && v > 0))) refuse(usage, `${what}: "${text}" is not ${text?.includes(",") ? "a list of positive numbers" : "a positive number"}`);
  return values;
}

function refuse(usage: string, message: string): never {
  console.error(`${usage.split("\n")[0]}: ${message} (--help shows the usage)`);
  process.exit(2);
}

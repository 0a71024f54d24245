// InputError: a user mistake (bad scenario, bad flag) reported as one sentence, exit code 2.

/**
 * An error caused by user input rather than by a bug. The CLI prints only its message
 * (never a stack trace) and exits with code 2.
 */
export class InputError extends Error {
  /** Exit code the CLI uses for bad input. */
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

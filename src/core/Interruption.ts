// Interruption: SIGINT and SIGTERM turned into a flag that long work checks where it lets the event loop turn, and the error it then stops with.
import { constants } from "node:os";

/** Thrown where interrupted work stops (see {@link Interruption.check}); the caller cleans up and exits with {@link Interrupted.exitCode}. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = "Interrupted";
  }

  /** 128 + the signal's number, as a shell reports a command a signal stopped (130 for SIGINT, 143 for SIGTERM). */
  get exitCode(): number {
    return 128 + (constants.signals[this.signal] ?? 0);
  }
}

/**
 * While {@link watch}ing, the first SIGINT or SIGTERM is recorded instead of ending the
 * process at once, so the work in progress can stop at its next {@link check} and remove
 * what it had half written; a second signal ends the process as if nothing were watched.
 * JavaScript signal handlers run only when the event loop turns, so long synchronous work
 * must let it turn now and then (simulateInterruptibly does every 250 ms).
 */
export class Interruption {
  /** The signal that came, if one did. */
  signal: NodeJS.Signals | undefined;
  private readonly controller = new AbortController();
  /** Aborted (with the {@link Interrupted} error as its reason) when the first signal comes: for work that stops by an event rather than a {@link check} (a sweep's worker pool). */
  readonly aborted: AbortSignal = this.controller.signal;
  private readonly handler = (signal: NodeJS.Signals): void => {
    if (this.signal !== undefined) {
      // The second signal: stop watching and let it do what it would have done.
      this.dispose();
      process.kill(process.pid, signal);
      return;
    }
    this.signal = signal;
    this.controller.abort(new Interrupted(signal));
  };

  private constructor(private readonly signals: readonly NodeJS.Signals[]) {
    for (const s of signals) process.on(s, this.handler);
  }

  /** Start recording SIGINT and SIGTERM (until {@link dispose}). */
  static watch(signals: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"]): Interruption {
    return new Interruption(signals);
  }

  /** Throw {@link Interrupted} if a signal has come. */
  check(): void {
    if (this.signal !== undefined) throw new Interrupted(this.signal);
  }

  /** Stop recording: signals act as they did before {@link watch}. */
  dispose(): void {
    for (const s of this.signals) process.off(s, this.handler);
  }
}

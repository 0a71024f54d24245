// commandSettled: a command says that all it did is done (its files written by synchronous calls, nothing left running), so the entry point may end the process at once.

/** The streams the settled command wrote to (undefined: it did not say it is settled). */
let wroteTo: ReadonlyArray<{ readonly writableLength?: number }> | undefined;

/**
 * Say that the command now ending has nothing left to finish: every file it wrote was written
 * and closed by synchronous calls, and it started nothing that still runs (timers, child
 * processes, workers it waits for, writes in flight), but for what it wrote to `streams` (its
 * terminal output: checked by {@link commandSettled}). `chokepoint run` says so after its
 * reports are committed. The entry point (main.ts) then ends the process as soon as the
 * command resolves instead of at the event loop's next idle moment: that next turn would
 * first run what V8 has posted as foreground tasks — after the k=16 20,000-transfer run, the
 * old generation's incremental marking finalized by a task (a mark-compact of a ~35 MB heap,
 * ~25 ms) — work a process about to exit has no use for. Nothing the command wrote depends on
 * it. Only the streams named are looked at: Node makes `process.stdout` at its first use, a
 * pipe's a socket (a few ms), which a quiet run never needs.
 */
export function markCommandSettled(streams: ReadonlyArray<{ readonly writableLength?: number }>): void {
  wroteTo = streams;
}

/** Whether the command said it is settled ({@link markCommandSettled}) and every stream it wrote to has written all it was given (a pipe is synchronous on Linux, not on every system). */
export function commandSettled(): boolean {
  return wroteTo !== undefined && wroteTo.every((s) => (s.writableLength ?? 0) === 0);
}

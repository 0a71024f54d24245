// commandSettled: a command says that all it did is done (its files written by synchronous calls, nothing left running), so the entry point may end the process at once.

let settled = false;

/**
 * Say that the command now ending has nothing left to finish: every file it wrote was written
 * and closed by synchronous calls, and it started nothing that still runs (timers, child
 * processes, workers it waits for, writes in flight). `chokepoint run` says so after its
 * reports are committed. The entry point (main.ts) then ends the process as soon as the
 * command resolves, when the terminal's streams hold nothing unwritten, instead of at the
 * event loop's next idle moment: that next turn would first run what V8 has posted as
 * foreground tasks — after the k=16 20,000-transfer run, the old generation's incremental
 * marking finalized by a task (a mark-compact of a ~35 MB heap, ~25 ms) — work a process
 * about to exit has no use for. Nothing the command wrote depends on it.
 */
export function markCommandSettled(): void {
  settled = true;
}

/** Whether the command said it is settled ({@link markCommandSettled}). */
export function commandSettled(): boolean {
  return settled;
}

// ProgressLine: a one-line progress display on a TTY, shown only for runs longer than a couple of seconds.

/** Where progress is drawn (process.stderr in the CLI). */
interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Rewrites one line (`\r`) with simulated time, events and active flows. Silent unless
 * the stream is a TTY and the run has lasted more than `afterMs` (default 2 s), so pipes,
 * CI logs and short runs stay clean.
 */
export class ProgressLine {
  private readonly startedMs = Date.now();
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly enabled: boolean,
    private readonly afterMs = 2000,
  ) {}

  /** Redraw with the current state. */
  update(nowS: number, events: number, activeFlows: number): void {
    if (!this.enabled || !this.stream.isTTY) return;
    const elapsedMs = Date.now() - this.startedMs;
    if (elapsedMs < this.afterMs) return;
    this.shown = true;
    this.stream.write(
      `\r  t=${nowS.toPrecision(6)} s  ${events.toLocaleString("en-US")} events  ` +
        `${activeFlows.toLocaleString("en-US")} active flows  ${(elapsedMs / 1000).toFixed(1)} s wall\x1b[K`,
    );
  }

  /** Erase the line if it was drawn. */
  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }
}

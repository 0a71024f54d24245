// DirtyResources: the resources whose queue QueueState computes again at the end of a solve, each listed once, in the order first marked.

/**
 * A set of resources kept as a list in the order first marked, with a flag per resource so
 * each is listed once. The list keeps its room between solves: {@link clear} only resets the
 * count.
 */
export class DirtyResources {
  private readonly list: number[] = [];
  private readonly isMarked: Uint8Array;
  /** Resources marked since the last {@link clear}: the first `count` of the list. */
  count = 0;

  constructor(resourceCount: number) {
    this.isMarked = new Uint8Array(resourceCount);
  }

  /** Add resource `r` (once: marking it again before it is taken does nothing). */
  mark(r: number): void {
    if (this.isMarked[r]) return;
    this.isMarked[r] = 1;
    this.list[this.count++] = r;
  }

  /** The `i`-th resource marked, no longer marked from now on (marking it again lists it again). */
  take(i: number): number {
    const r = this.list[i];
    this.isMarked[r] = 0;
    return r;
  }

  /** Forget the list (every resource in it must have been taken). */
  clear(): void {
    this.count = 0;
  }
}

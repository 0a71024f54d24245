// Int32Pool: small Int32Arrays carved out of shared chunks, so a route's node and resource lists do not each own a buffer.

/**
 * Copies short integer lists into views of shared 64 KiB chunks. A typed array with its own
 * buffer costs about twice the heap of a view on a shared one (a route's two lists: ≈ 530 B
 * against ≈ 260 B, measured); routes are kept to the end of a run, so this is per flow.
 * Views are never freed one by one: a chunk lives while any of its views does.
 */
export class Int32Pool {
  private chunk: Int32Array;
  private used = 0;

  constructor(private readonly chunkLength = 16384) {
    this.chunk = new Int32Array(chunkLength);
  }

  /** A view holding a copy of `values` (a list longer than a quarter chunk gets its own array). */
  copy(values: ArrayLike<number>): Int32Array {
    const view = this.take(values.length);
    view.set(values);
    return view;
  }

  /** A view of `n` zeros for the caller to fill (more than a quarter chunk: an array of its own). */
  take(n: number): Int32Array {
    if (n > this.chunkLength >> 2) return new Int32Array(n);
    if (this.used + n > this.chunkLength) {
      this.chunk = new Int32Array(this.chunkLength);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

// PairMap: values keyed by an ordered pair of node numbers, looked up without making a number or a string per lookup.

/**
 * A map from ordered pairs (a, b) of small non-negative integers (node numbers) to values.
 * A single key a·n + b passes 2³⁰ on a fabric of more than 32,768 nodes (a 32,768-GPU cluster
 * has 38,464), where V8 stores it as a heap number: each lookup then made one (garbage)
 * and hashed a double. Here a's row is an array slot and b a small-integer key of the row's
 * `Map`: no allocation per lookup.
 */
export class PairMap<V> {
  private rows: Array<Map<number, V> | undefined> = [];
  private count = 0;

  /** Number of pairs held. */
  get size(): number {
    return this.count;
  }

  /** The value of pair (a, b), or undefined. */
  get(a: number, b: number): V | undefined {
    return this.rows[a]?.get(b);
  }

  /** Set the value of pair (a, b). */
  set(a: number, b: number, value: V): void {
    let row = this.rows[a];
    if (!row) {
      // Fill up to a first, so the rows stay a dense array whatever order pairs come in.
      while (this.rows.length < a) this.rows.push(undefined);
      this.rows[a] = row = new Map();
    }
    if (!row.has(b)) this.count++;
    row.set(b, value);
  }

  /** Remove every pair. */
  clear(): void {
    this.rows = [];
    this.count = 0;
  }
}

// emptyDoubles, emptyRecords: empty scratch arrays already of the element kind they will hold, so that filling them changes no array's shape.

/**
 * An empty array already of V8's double element kind. A `[]` starts as small integers and
 * changes kind at its first fraction; compiled code that had seen it hold small integers
 * only (or nothing) is then thrown away, with every caller it was inlined into.
 *
 * @example private readonly shares = emptyDoubles(); // fractions pushed on a hot path
 */
export function emptyDoubles(): number[] {
  const list = [0.5];
  list.pop();
  return list;
}

/**
 * An empty array already of V8's element kind for objects ({@link emptyDoubles}' reason: a
 * `[]` seen empty by compiled code changes shape at its first record).
 *
 * @example private readonly judged = emptyRecords<Burst>();
 */
export function emptyRecords<T extends object>(): T[] {
  const list: Array<T | null> = [null];
  list.pop();
  return list as T[];
}

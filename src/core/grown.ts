// grown: a copy of a typed array in a longer one, for struct-of-arrays state that grows by doubling.

/** The typed arrays the simulator keeps its hot state in. */
export type GrowableArray = Float64Array | Int32Array | Uint8Array;

/**
 * A new typed array of the same type and `length` elements holding `a`'s elements first
 * and `fill` after them.
 *
 * @example flowRate = grown(flowRate, 2 * flowRate.length)
 */
export function grown<T extends GrowableArray>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a as ArrayLike<number> as never);
  return b;
}

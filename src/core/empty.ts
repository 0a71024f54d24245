// empty: clear a reused scratch array without a call into the engine when it is already empty.

/**
 * Empty `list`, if it is not already. Setting an array's length is a call into the engine
 * (hundreds of nanoseconds), and scratch lists kept for reuse on a hot path are often empty
 * already.
 *
 * @example empty(this.members); // then push this round's members
 */
export function empty(list: unknown[]): void {
  if (list.length !== 0) list.length = 0;
}

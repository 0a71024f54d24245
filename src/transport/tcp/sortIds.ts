// sortIds: sort a short list of distinct flow ids ascending in place (insertion sort below a size, Array.prototype.sort above).

/** Ascending flow ids (a sort's comparator). */
function byId(a: number, b: number): number {
  return a - b;
}

/** Lists this short are sorted by insertion, in place; longer ones by Array.prototype.sort (which makes a copy to sort). */
const INSERTION_SORT_MAX = 32;

/** Sort the distinct flow ids of `ids` ascending, in place (the same order `ids.sort(byId)` gives). */
export function sortIds(ids: number[]): void {
  const n = ids.length;
  if (n > INSERTION_SORT_MAX) {
    ids.sort(byId);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = ids[i];
    let j = i - 1;
    while (j >= 0 && ids[j] > x) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = x;
  }
}

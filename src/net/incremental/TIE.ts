// TIE: the relative slack below which the incremental solver counts two shares, or a load and a capacity, as equal.

/** Relative slack below which two shares, or a load and a capacity, count as equal (float round-off). */
export const TIE = 1e-12;

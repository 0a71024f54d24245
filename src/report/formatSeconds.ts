// formatSeconds: a duration for the terminal summary — µs, ms or s to 4 significant digits, as every line of it writes seconds.

/**
 * `s` seconds for reading: "0 s", below 1 ms in µs, below 1 s in ms, else in s, each to 4
 * significant digits; "—" when not finite. The HTML page's formatValue (report/html/) writes
 * seconds through it; it lives here so that a run without --report loads none of the page's code.
 *
 * @example formatSeconds(7.016e-5) // "70.16 µs"
 * @example formatSeconds(2.4565) // "2.457 s"
 */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "—";
  if (s === 0) return "0 s";
  const sig = (v: number) => String(Number(v.toPrecision(4)));
  if (Math.abs(s) < 1e-3) return `${sig(s * 1e6)} µs`;
  if (Math.abs(s) < 1) return `${sig(s * 1e3)} ms`;
  return `${sig(s)} s`;
}

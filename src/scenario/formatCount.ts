// formatCount: a count written for messages, grouped by thousands ("1,234,567").

/** A count for messages: "1,234,567", or "1.00e+15" beyond what grouping shows exactly ("infinitely many" for Infinity). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "infinitely many";
  if (!(n < 1e15)) return n.toPrecision(3);
  const r = Math.round(n);
  // Grouped by hand: toLocaleString asks ICU, which costs far more.
  if (r >= 0 && !Object.is(r, -0)) return r < 1000 ? String(r) : groupThousands(String(r));
  return r.toLocaleString("en-US");
}

/** The digits of a whole number with a comma before each group of three from the right ("1234567" → "1,234,567"). */
function groupThousands(digits: string): string {
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

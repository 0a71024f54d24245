// formatValue: numbers for reading on the page — seconds, bytes, rates, shares, dollars — rounded; the CSVs keep full precision.
import { formatSeconds } from "../formatSeconds.js";

/** How a number reads: its unit decides the scale and suffix. */
export type ValueUnit = "s" | "bytes" | "gbps" | "share" | "count" | "ratio" | "usd" | "flow_s";

/** `x` for reading, to 4 significant digits ("6.396 ms", "8.986 GB", "97.6%", "$1,234.50"); "—" for NaN or an empty value. */
export function formatValue(x: number, unit: ValueUnit): string {
  if (!Number.isFinite(x)) return "—";
  const sig = (v: number) => String(Number(v.toPrecision(4)));
  switch (unit) {
    case "s":
      return formatSeconds(x);
    case "bytes": {
      const units = ["B", "KB", "MB", "GB", "TB", "PB"];
      let i = 0;
      let v = x;
      while (Math.abs(v) >= 1000 && i < units.length - 1) {
        v /= 1000;
        i++;
      }
      return `${sig(v)} ${units[i]}`;
    }
    case "gbps":
      return Math.abs(x) >= 1000 ? `${sig(x / 1000)} Tb/s` : `${sig(x)} Gb/s`;
    case "share":
      return `${(100 * x).toFixed(1)}%`;
    case "count":
      return Number.isInteger(x) ? x.toLocaleString("en-US") : sig(x);
    case "usd": {
      // Cents from $1 up; below, 4 significant digits (at least the cents): $0.02113 and $0.02451 read apart, as $0.003149 does.
      if (Math.abs(x) >= 1 || x === 0) return `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      const text = sig(x);
      const decimals = text.includes("e") ? 2 : (text.split(".")[1] ?? "").length;
      return `$${decimals >= 2 ? text : (+text).toFixed(2)}`;
    }
    case "flow_s":
      return `${sig(x)} flow·s`;
    case "ratio":
      return sig(x);
  }
}

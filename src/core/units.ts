// Unit parsing at the scenario edge: "400Gbps", "1.5GB", "10ms" → bytes/s, bytes, seconds.

/** Multipliers to bytes for size suffixes (decimal SI and binary IEC). */
const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5,
};

/** Bytes of one packet in a buffer size given in packets ("100pkt"): a full Ethernet frame's payload, 1500 B. */
export const PACKET_BYTES = 1500;

/** Multipliers to bytes for buffer sizes: the size suffixes and packets of {@link PACKET_BYTES}. */
const BUFFER_UNITS: Record<string, number> = { ...SIZE_UNITS, pkt: PACKET_BYTES, pkts: PACKET_BYTES, packets: PACKET_BYTES };

/** Multipliers to bytes per second for rate suffixes (bits and bytes, SI and IEC). */
const RATE_UNITS: Record<string, number> = {
  bps: 1 / 8, Kbps: 1e3 / 8, Mbps: 1e6 / 8, Gbps: 1e9 / 8, Tbps: 1e12 / 8,
  Kibps: 1024 / 8, Mibps: 1024 ** 2 / 8, Gibps: 1024 ** 3 / 8, Tibps: 1024 ** 4 / 8,
  "B/s": 1, "KB/s": 1e3, "MB/s": 1e6, "GB/s": 1e9, "TB/s": 1e12,
  "KiB/s": 1024, "MiB/s": 1024 ** 2, "GiB/s": 1024 ** 3, "TiB/s": 1024 ** 4,
  Bps: 1, KBps: 1e3, MBps: 1e6, GBps: 1e9, TBps: 1e12,
};

/** Multipliers to seconds for time suffixes (the units below a second are applied by {@link SUBSECOND_EXPONENTS}). */
const TIME_UNITS: Record<string, number> = {
  ps: 1e-12, ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600,
};

/**
 * Powers of ten of the time suffixes below a second. 1e-6 is not a binary fraction, so
 * "5us" read as 5 × 1e-6 would be 4.9999999999999996e-6 s; read as the decimal "5e-6" it
 * is 5e-6, the double nearest 5 µs. Every other factor in these tables (powers of ten and
 * of two, their eighths, 60, 3600) is exact, so a product with it is already the nearest
 * double to an exactly read number.
 */
const SUBSECOND_EXPONENTS: Record<string, number> = { ps: -12, ns: -9, us: -6, "µs": -6, "μs": -6, ms: -3 };

/** The decimal `text` (digits, fraction, optional exponent) times 10^`k`, correctly rounded: the exponent moved in the text. */
function decimalTimesPowerOfTen(text: string, k: number): number {
  let e = text.indexOf("e");
  if (e < 0) e = text.indexOf("E");
  return e < 0 ? Number(`${text}e${k}`) : Number(`${text.slice(0, e)}e${Number(text.slice(e + 1)) + k}`);
}

/** The power of ten of `unit` in `table` if it is a time unit below a second, else undefined. */
function subsecondExponent(table: Record<string, number>, unit: string): number | undefined {
  return table === TIME_UNITS && Object.hasOwn(SUBSECOND_EXPONENTS, unit) ? SUBSECOND_EXPONENTS[unit] : undefined;
}

/** The number written `numberText` in `unit` (a key of `table`, checked by the caller) in engine units, correctly rounded where the unit is a power of ten. */
function inEngineUnits(numberText: string, table: Record<string, number>, unit: string): number {
  const k = subsecondExponent(table, unit);
  return k === undefined ? Number(numberText) * table[unit] : decimalTimesPowerOfTen(numberText, k);
}

/** What kind of quantity a string holds. */
export type UnitKind = "size" | "rate" | "time" | "buffer";

const TABLES: Record<UnitKind, Record<string, number>> = {
  size: SIZE_UNITS,
  rate: RATE_UNITS,
  time: TIME_UNITS,
  buffer: BUFFER_UNITS,
};

const EXAMPLES: Record<UnitKind, string> = {
  size: '"1.5GB", "2GiB" or "150000B"',
  rate: '"400Gbps", "50GB/s" or "1.25e9B/s"',
  time: '"10ms", "5us" or "1.5e-5s"',
  buffer: '"100pkt", "150KB" or "1MiB"',
};

// \u00b5 µ (micro sign) and \u03bc μ (Greek mu), escaped: the CLI's bundle stays ASCII (scripts/bundleCli.ts).
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s?([A-Za-z\u00b5\u03bc/]+)$/;

/** The unit suffixes accepted for a kind of quantity (for schemas and help texts). */
export function unitSuffixes(kind: UnitKind): string[] {
  return Object.keys(TABLES[kind]);
}

/** Examples of well-formed quantities of a kind, e.g. `"10ms", "5us" or "1.5e-5s"`. */
export function unitExamples(kind: UnitKind): string {
  return EXAMPLES[kind];
}

/** Result of parsing a quantity: the value in engine units, or why it failed. */
export type ParsedQuantity = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Parse a quantity with an explicit unit suffix into engine units (bytes, bytes/s,
 * seconds). A bare number is rejected: units are never guessed. A size is rounded to the
 * nearest whole byte.
 *
 * @example parseQuantity("400Gbps", "rate") // { ok: true, value: 5e10 }
 */
export function parseQuantity(text: unknown, kind: UnitKind): ParsedQuantity {
  const expected = `use e.g. ${EXAMPLES[kind]}`;
  if (typeof text === "number") {
    return { ok: false, reason: `${text} has no unit — ${expected}` };
  }
  if (typeof text !== "string") {
    return { ok: false, reason: `expected a ${kind} such as ${EXAMPLES[kind]}, found ${describe(text)}` };
  }
  const m = QUANTITY.exec(text.trim());
  if (!m) return { ok: false, reason: `"${text}" is not a ${kind} — ${expected}` };
  // hasOwn: a suffix such as "constructor" must not reach Object.prototype.
  const factor = Object.hasOwn(TABLES[kind], m[2]) ? TABLES[kind][m[2]] : undefined;
  if (factor === undefined) {
    return { ok: false, reason: `"${text}" has unknown ${kind} unit "${m[2]}" — ${expected}` };
  }
  const raw = inEngineUnits(m[1], TABLES[kind], m[2]);
  // Bytes are whole: "4.1GB" is 4099999999.9999995 in float64 and "1.1KiB" is 1126.4; both go to the nearest byte.
  const value = kind === "size" ? Math.round(raw) : raw;
  if (!Number.isFinite(value)) return { ok: false, reason: `"${text}" is not a finite ${kind}` };
  return { ok: true, value };
}

/**
 * The length of the number of a quantity in its plainest form — digits, an optional fraction
 * and exponent, then a unit of letters and "/" with no space, the whole of `text` —
 * or −1 when `text` is not one: where `/^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([A-Za-z\/]+)$/`
 * would split it (the split is unique: a unit holds no digit, sign or point, so the number
 * takes every digit, fraction and exponent it can), found by a scan of its characters with no
 * match array and no captured strings (20,000 transfers have 40,000 quantities, and the
 * expression cost ~750 instructions each, most of them in the RegExp builtin).
 */
export function plainNumberLength(text: string): number {
  const n = text.length;
  let i = 0;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return -1;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    let j = i + 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    // A point with no digit after it would start the unit, which holds none.
    if (j === i + 1) return -1;
    i = j;
  }
  const e = i < n ? text.charCodeAt(i) : 0;
  if (e === 101 || e === 69 /* e E */) {
    let j = i + 1;
    const sign = j < n ? text.charCodeAt(j) : 0;
    if (sign === 43 || sign === 45 /* + - */) j++;
    const digits = j;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    // An "e" with no digits is the unit's first letter (and a sign after it no unit's).
    if (j > digits) i = j;
  }
  if (i === n) return -1;
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    // A-Z a-z /
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47)) return -1;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * {@link parseQuantity}'s value of `text` when it is written in the plainest form ("4299178B",
 * "0.000003828067511269568s", "10Gbps": digits, an optional fraction and exponent, then a
 * unit of `kind` with no space; see {@link plainNumberLength}) and finite; undefined for
 * anything else, which is left to {@link parseQuantity} and the schema's pattern. Every such
 * text matches that pattern and splits into number and unit as `parseQuantity` splits it,
 * and the value is computed by the same expression: no regular expression, and no message
 * built for a text that needs none.
 */
export function plainQuantity(text: string, kind: UnitKind): number | undefined {
  const at = plainNumberLength(text);
  if (at < 0) return undefined;
  const unit = text.slice(at);
  const table = TABLES[kind];
  if (!Object.hasOwn(table, unit)) return undefined;
  const raw = inEngineUnits(text.slice(0, at), table, unit);
  const value = kind === "size" ? Math.round(raw) : raw;
  return Number.isFinite(value) ? value : undefined;
}

/**
 * {@link plainQuantity}'s value of the text `bytes[a … b)` (ASCII) for the commonest plain
 * forms, read from the bytes with no string for the number: digits, an optional fraction, then
 * a unit of `kind` whose first letter is not `e` or `E` (so no exponent can be in doubt),
 * the unit's string made by `unitOf(from, to)` (a caller interning its names makes none).
 * Up to 15 digits and no fraction are an integer read digit by digit (exactly `Number` of
 * them: below 2^53); a fraction's number is read from the bytes where Clinger's fast path
 * gives `Number`'s value (fractionOfBytes), and otherwise goes through `Number` as
 * plainQuantity's does.
 * Undefined for any other text, which the caller leaves to plainQuantity or readQuantity:
 * whenever this gives a number, plainQuantity of the same text gives the same number
 * (test/core/units.test.ts checks both on random texts). 20,000 transfers' sizes and start
 * times so cost no string and no slice each.
 */
export function plainQuantityOfBytes(bytes: Buffer, a: number, b: number, kind: UnitKind, unitOf: (from: number, to: number) => string): number | undefined {
  let i = a;
  let whole = 0;
  while (i < b && bytes[i] >= 48 && bytes[i] <= 57) whole = whole * 10 + (bytes[i++] - 48);
  if (i === a) return undefined;
  let point = -1;
  if (i < b && bytes[i] === 46 /* . */) {
    point = i++;
    const digits = i;
    while (i < b && bytes[i] >= 48 && bytes[i] <= 57) i++;
    if (i === digits) return undefined;
  }
  if (i === b) return undefined;
  const first = bytes[i];
  if (first === 101 || first === 69 /* e E */) return undefined;
  for (let j = i; j < b; j++) {
    const c = bytes[j];
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47)) return undefined;
  }
  const table = TABLES[kind];
  const unit = unitOf(i, b);
  if (!Object.hasOwn(table, unit)) return undefined;
  // Up to 15 digits and no fraction: an exact integer, and a division of it by an exact power of ten is correctly rounded.
  let raw: number;
  if (point < 0 && i - a <= 15) {
    const k = subsecondExponent(table, unit);
    raw = k === undefined ? whole * table[unit] : whole / 10 ** -k;
  } else {
    const exact = point < 0 ? undefined : fractionOfBytes(bytes, a, point, i, table, unit);
    raw = exact ?? inEngineUnits(bytes.toString("latin1", a, i), table, unit);
  }
  const value = kind === "size" ? Math.round(raw) : raw;
  return Number.isFinite(value) ? value : undefined;
}

/** 10^0 … 10^22, each exact as a double (written as literals, not computed by a power). */
const EXACT_POWERS_OF_TEN = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * {@link inEngineUnits} of the decimal `bytes[a … end)` (digits, the point at `point`, at
 * least one digit after it), read from the bytes with no string when Clinger's fast path
 * applies: its digits, the point left out, make an integer M below 2^53, and the power of ten
 * it is scaled by (the digits after the point, and a time unit's below a second) is within
 * 10^±22. M and that power are then exact doubles, so one IEEE division (or product) is the
 * correctly rounded value — what `Number` gives of the text, and then the unit's factor as
 * inEngineUnits applies it. Undefined otherwise (M of 2^53 or more: most 17-digit fractions),
 * which the caller reads through a string as before. A trace's start times
 * ("0.000003828067511269568s") so cost no string where their digits allow it.
 */
function fractionOfBytes(bytes: Buffer, a: number, point: number, end: number, table: Record<string, number>, unit: string): number | undefined {
  let m = 0;
  for (let j = a; j < end; j++) {
    if (j === point) continue;
    m = m * 10 + (bytes[j] - 48);
    // Rounding is monotone and 2^53 a double: a true M of 2^53 or more never reads below it.
    if (m >= 9007199254740992) return undefined;
  }
  const k = subsecondExponent(table, unit);
  const e = (k ?? 0) - (end - point - 1);
  if (e < -22 || e > 22) return undefined;
  const scaled = e < 0 ? m / EXACT_POWERS_OF_TEN[-e] : m * EXACT_POWERS_OF_TEN[e];
  return k === undefined ? scaled * table[unit] : scaled;
}

/** Seconds per unit of an event rate's denominator ("100/s", "30/min"); "ms" is 1/1000 s, applied as a product by 1000. */
const PER_UNITS: Record<string, number> = { s: 1, min: 60, h: 3600 };

const EVENT_RATE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*\/\s*(ms|s|min|h)\s*$/;

/**
 * Parse an event rate such as "100/s", "30/min", "5/ms" or "2/h" into events per second.
 * The value must be finite ("1e400/s" is not); its sign is the caller's to check.
 *
 * @example parseEventRate("30/min") // { ok: true, value: 0.5 }
 */
export function parseEventRate(text: unknown): ParsedQuantity {
  const expected = 'use e.g. "100/s" or "30/min"';
  const m = typeof text === "string" ? EVENT_RATE.exec(text) : null;
  if (!m) return { ok: false, reason: `${JSON.stringify(text) ?? String(text)} is not a rate — ${expected}` };
  const value = m[2] === "ms" ? decimalTimesPowerOfTen(m[1], 3) : Number(m[1]) / PER_UNITS[m[2]];
  if (!Number.isFinite(value)) return { ok: false, reason: `${JSON.stringify(text)} is not a finite rate — ${expected}` };
  return { ok: true, value };
}

/** Parse a quantity or throw an Error whose message is the reason. */
export function quantity(text: unknown, kind: UnitKind): number {
  const r = parseQuantity(text, kind);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

// parseQuantity: human quantities with explicit units → engine units (bytes, bytes/s, seconds).
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { parseEventRate, parseQuantity, plainNumberLength, plainQuantity, plainQuantityOfBytes, quantity, unitSuffixes, type UnitKind } from "../../src/core/units.js";

function value(text: unknown, kind: UnitKind): number {
  const r = parseQuantity(text, kind);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
function reason(text: unknown, kind: UnitKind): string {
  const r = parseQuantity(text, kind);
  if (r.ok) throw new Error(`expected ${String(text)} to be rejected`);
  return r.reason;
}

describe("parseQuantity", () => {
  it("parses decimal and binary sizes to bytes", () => {
    expect(value("150000B", "size")).toBe(150000);
    expect(value("1.5GB", "size")).toBe(1.5e9);
    expect(value("3KB", "size")).toBe(3000);
    expect(value("2MB", "size")).toBe(2e6);
    expect(value("1TB", "size")).toBe(1e12);
    expect(value("1PB", "size")).toBe(1e15);
    expect(value("1KiB", "size")).toBe(1024);
    expect(value("2GiB", "size")).toBe(2 * 1024 * 1024 * 1024);
    expect(value("1MiB", "size")).toBe(1048576);
    expect(value("1TiB", "size")).toBe(1099511627776);
  });

  it("rounds a size to the nearest whole byte", () => {
    // 4.1 × 1e9 is 4099999999.9999995 in float64; 1.1 KiB is 1126.4 B.
    expect(value("4.1GB", "size")).toBe(4_100_000_000);
    expect(value("1.1KiB", "size")).toBe(1126);
    expect(value("2.5B", "size")).toBe(3);
    // Rates and times are not rounded.
    expect(value("2.5B/s", "rate")).toBe(2.5);
  });

  it("parses bit and byte rates to bytes per second", () => {
    expect(value("400Gbps", "rate")).toBe(5e10); // 4e11 bit/s ÷ 8
    expect(value("8bps", "rate")).toBe(1);
    expect(value("8Kbps", "rate")).toBe(1000);
    expect(value("8Mbps", "rate")).toBe(1e6);
    expect(value("1Tbps", "rate")).toBe(1.25e11);
    expect(value("8Gibps", "rate")).toBe(1024 ** 3);
    expect(value("50GB/s", "rate")).toBe(5e10);
    expect(value("1MiB/s", "rate")).toBe(1048576);
    expect(value("3GBps", "rate")).toBe(3e9);
    expect(value("1.25e9B/s", "rate")).toBe(1.25e9);
  });

  it("parses times to seconds", () => {
    expect(value("10ms", "time")).toBeCloseTo(0.01, 15);
    expect(value("5us", "time")).toBeCloseTo(5e-6, 20);
    expect(value("5µs", "time")).toBeCloseTo(5e-6, 20);
    expect(value("5μs", "time")).toBeCloseTo(5e-6, 20); // Greek mu, as some keyboards type it
    expect(value("3ns", "time")).toBeCloseTo(3e-9, 22);
    expect(value("7ps", "time")).toBeCloseTo(7e-12, 25);
    expect(value("2s", "time")).toBe(2);
    expect(value("1.5min", "time")).toBe(90);
    expect(value("2h", "time")).toBe(7200);
  });

  it("accepts decimals, leading dots and scientific notation", () => {
    expect(value(".5GB", "size")).toBe(5e8);
    expect(value("1.GB", "size")).toBe(1e9);
    expect(value("1.5e-5s", "time")).toBeCloseTo(1.5e-5, 20);
    expect(value("2E3B", "size")).toBe(2000);
  });

  it("accepts one space before the unit and surrounding whitespace", () => {
    expect(value("100 Gbps", "rate")).toBe(1.25e10);
    expect(value("  1 ms ", "time")).toBeCloseTo(1e-3, 15);
    expect(parseQuantity("100  Gbps", "rate").ok).toBe(false);
  });

  it("accepts zero sizes and times", () => {
    expect(value("0B", "size")).toBe(0);
    expect(value("0s", "time")).toBe(0);
  });

  it("rejects a bare number, saying units are required", () => {
    expect(reason(100, "rate")).toBe('100 has no unit — use e.g. "400Gbps", "50GB/s" or "1.25e9B/s"');
    expect(reason("100", "size")).toContain('"100" is not a size — use e.g. "1.5GB"');
  });

  it("rejects an unknown unit with an example of the right kind", () => {
    expect(reason("10Gbs", "size")).toBe('"10Gbs" has unknown size unit "Gbs" — use e.g. "1.5GB", "2GiB" or "150000B"');
    expect(reason("10GB", "time")).toContain('— use e.g. "10ms"');
    expect(reason("1GB", "rate")).toContain('unknown rate unit "GB"');
  });

  it("does not mistake object properties for units", () => {
    expect(reason("1constructor", "size")).toContain('unknown size unit "constructor"');
    expect(reason("1toString", "time")).toContain('unknown time unit "toString"');
  });

  it("rejects non-strings and non-finite values", () => {
    expect(reason(null, "time")).toContain("found null");
    expect(reason([1], "time")).toContain("found a list");
    expect(reason("1e400B", "size")).toBe('"1e400B" is not a finite size');
    // A finite number times a finite unit can still overflow.
    expect(reason("1e300PB", "size")).toBe('"1e300PB" is not a finite size');
    expect(reason("1e308Tbps", "rate")).toBe('"1e308Tbps" is not a finite rate');
  });

  it("keeps the sign, leaving range checks to the caller", () => {
    expect(value("-1ms", "time")).toBeCloseTo(-1e-3, 15);
  });
});

describe("times below a second", () => {
  const exponents: Record<string, number> = { ps: -12, ns: -9, us: -6, "µs": -6, "μs": -6, ms: -3 };
  const bytesOf = (text: string) => Buffer.from(text, "latin1");

  it("with fractions and exponents too, on every path", () => {
    const rng = seedrandom("subsecond");
    for (let n = 0; n < 20000; n++) {
      const digits = String(Math.floor(rng() * 1e9));
      const cut = Math.floor(rng() * digits.length);
      const mantissa = cut > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
      const exp = Math.floor(rng() * 7) - 3;
      for (const [unit, k] of [["us", -6], ["ms", -3], ["ns", -9]] as const) {
        const plain = `${mantissa}${unit}`;
        const withExp = `${mantissa}e${exp}${unit}`;
        expect(plainQuantity(plain, "time"), plain).toBe(Number(`${mantissa}e${k}`));
        const bytes = bytesOf(plain);
        expect(plainQuantityOfBytes(bytes, 0, bytes.length, "time", (a, b) => bytes.toString("latin1", a, b)), plain).toBe(Number(`${mantissa}e${k}`));
        const parsed = parseQuantity(withExp, "time");
        expect(parsed.ok && parsed.value, withExp).toBe(Number(`${mantissa}e${exp + k}`));
      }
    }
  });

  it("are the double nearest the decimal: 5us is 5e-6, not 5 × 1e-6", () => {
    expect(5 * 1e-6).not.toBe(5e-6); // the product this guards against
    expect(parseQuantity("5us", "time")).toEqual({ ok: true, value: 5e-6 });
    expect(plainQuantity("7ns", "time")).toBe(7e-9);
    expect(parseQuantity("1.5ms", "time")).toEqual({ ok: true, value: 0.0015 });
  });

  it.each(Object.entries(exponents))("%s: whole numbers 1…20,000 read as Number(`${n}e${exp}`) on every path", (unit, exp) => {
    for (let n = 1; n <= 20000; n++) {
      const text = `${n}${unit}`;
      const nearest = Number(`${n}e${exp}`);
      const parsed = parseQuantity(text, "time");
      expect(parsed.ok && parsed.value, text).toBe(nearest);
      // The plain paths take ASCII units only (µs goes to parseQuantity).
      if (unit.charCodeAt(0) < 128) {
        expect(plainQuantity(text, "time"), text).toBe(nearest);
        const bytes = bytesOf(text);
        expect(plainQuantityOfBytes(bytes, 0, bytes.length, "time", (a, b) => bytes.toString("latin1", a, b)), text).toBe(nearest);
      }
    }
  });
});

describe("quantity", () => {
  it("returns the value or throws the reason", () => {
    expect(quantity("1KB", "size")).toBe(1000);
    expect(() => quantity("1", "size")).toThrow('"1" is not a size');
  });
});

describe("unitSuffixes", () => {
  it("lists the units of each kind", () => {
    expect(unitSuffixes("size")).toContain("GiB");
    expect(unitSuffixes("rate")).toContain("Gbps");
    expect(unitSuffixes("time")).toEqual(expect.arrayContaining(["ms", "us", "s"]));
  });
});

describe("parseEventRate", () => {
  it("reads per-millisecond rates as the nearest double", () => {
    for (let n = 1; n <= 20000; n++) expect(parseEventRate(`${n / 1000}/ms`)).toEqual({ ok: true, value: Number(`${n / 1000}e3`) });
  });

  it("parses events per unit of time into events per second", () => {
    expect(parseEventRate("100/s")).toEqual({ ok: true, value: 100 });
    expect(parseEventRate("30/min")).toEqual({ ok: true, value: 0.5 });
    expect(parseEventRate(" 5 / ms ")).toEqual({ ok: true, value: 5000 });
    expect(parseEventRate("7200/h")).toEqual({ ok: true, value: 2 });
    expect(parseEventRate("-5/s")).toEqual({ ok: true, value: -5 });
  });

  it("refuses a rate that is not finite, so a run cannot issue arrivals for ever at one instant", () => {
    expect(parseEventRate("1e400/s")).toEqual({ ok: false, reason: '"1e400/s" is not a finite rate — use e.g. "100/s" or "30/min"' });
    expect(parseEventRate("1e306/ms")).toEqual({ ok: false, reason: '"1e306/ms" is not a finite rate — use e.g. "100/s" or "30/min"' });
  });

  it("refuses what is not a rate", () => {
    expect(parseEventRate("100")).toEqual({ ok: false, reason: '"100" is not a rate — use e.g. "100/s" or "30/min"' });
    expect(parseEventRate("100/sec")).toMatchObject({ ok: false });
    expect(parseEventRate(100)).toEqual({ ok: false, reason: '100 is not a rate — use e.g. "100/s" or "30/min"' });
    expect(parseEventRate(undefined)).toMatchObject({ ok: false });
  });
});

describe("plainQuantity", () => {
  it("gives parseQuantity's value for every plain quantity of 20,000 random texts, and nothing for the others", () => {
    const rng = seedrandom("plainQuantity");
    const kinds = ["size", "rate", "time", "buffer"] as const;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const numbers = () => {
      const x = rng() * 10 ** (Math.floor(rng() * 40) - 20);
      return pick([String(x), x.toExponential(), x.toFixed(3), String(Math.round(x)), "1e400", "0", ".5", "5.", "+5", "-5", "1e-400", "2E3", "1e+3"]);
    };
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const kind = pick(kinds);
      const unit = pick([...unitSuffixes(pick(kinds)), "x", "", "e3B", "Gb ps"]);
      const text = pick(["", "", "", " "]) + numbers() + pick(["", "", "", " "]) + unit + pick(["", "", "", " "]);
      const ours = plainQuantity(text, kind);
      if (ours === undefined) continue;
      plain++;
      const theirs = parseQuantity(text, kind);
      if (!theirs.ok || !Object.is(theirs.value, ours)) expect([text, kind, theirs]).toEqual([text, kind, { ok: true, value: ours }]);
    }
    expect(plain).toBeGreaterThan(1000);
    expect([plainQuantity("4299178B", "size"), plainQuantity("0.000003828067511269568s", "time"), plainQuantity("10Gbps", "rate")]).toEqual([4299178, 0.000003828067511269568, 1.25e9]);
    expect([plainQuantity(" 1B", "size"), plainQuantity("1 B", "size"), plainQuantity("1e400B", "size"), plainQuantity("1µs", "time"), plainQuantity("1s", "size")]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("plainQuantityOfBytes", () => {
  it("gives plainQuantity's value of the same text whenever it gives one, on 40,000 random texts, and reads the commonest forms", () => {
    const rng = seedrandom("plainQuantityOfBytes");
    const kinds = ["size", "rate", "time", "buffer"] as const;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join("");
    const numbers = () => {
      const x = rng() * 10 ** (Math.floor(rng() * 40) - 20);
      return pick([String(x), x.toExponential(), x.toFixed(3), String(Math.round(x)), digits(1 + Math.floor(rng() * 20)), `${digits(1 + Math.floor(rng() * 3))}.${digits(1 + Math.floor(rng() * 18))}`, "0", "00", "0123", ".5", "5.", "+5", "-5", "1e-400", "2E3", "1e+3", "999999999999999", "9999999999999999"]);
    };
    let read = 0;
    for (let i = 0; i < 40_000; i++) {
      const kind = pick(kinds);
      const unit = pick([...unitSuffixes(pick(kinds)), "x", "", "e3B", "Gb ps", "EB", "eB"]);
      const text = pick(["", "", "", "", "", " "]) + numbers() + pick(["", "", "", "", "", " "]) + unit + pick(["", "", "", "", "", " "]);
      const bytes = Buffer.from(`"${text}"`, "latin1");
      const ours = plainQuantityOfBytes(bytes, 1, bytes.length - 1, kind, (a, b) => bytes.toString("latin1", a, b));
      if (ours === undefined) continue;
      read++;
      if (!Object.is(plainQuantity(text, kind), ours)) expect([text, kind, ours]).toEqual([text, kind, plainQuantity(text, kind)]);
    }
    expect(read).toBeGreaterThan(2000);
    const of = (text: string, kind: UnitKind) => plainQuantityOfBytes(Buffer.from(text), 0, text.length, kind, (a, b) => text.slice(a, b));
    expect([of("4299178B", "size"), of("0.053415243869174706s", "time"), of("10Gbps", "rate"), of("1.5GB", "size")]).toEqual([4299178, 0.053415243869174706, 1.25e9, 1.5e9]);
    // Left to plainQuantity: an exponent, a unit starting with e or E, a space, no digits, no unit.
    expect([of("1e5B", "size"), of("1EB", "size"), of("1 B", "size"), of("B", "size"), of("15", "size"), of("1.B", "size")]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("plainQuantityOfBytes' fractions", () => {
  it("reads a fraction's digits as Number reads its text, at 2^53 and 10^±22 and on 100,000 random start times, sizes and rates", () => {
    const rng = seedrandom("fractionOfBytes");
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join("");
    const units: Array<[string, UnitKind]> = [["s", "time"], ["ms", "time"], ["us", "time"], ["ns", "time"], ["ps", "time"], ["min", "time"], ["B", "size"], ["KB", "size"], ["GiB", "size"], ["Gbps", "rate"], ["MB/s", "rate"], ["pkt", "buffer"]];
    const texts = ["9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994", "900719925474099", "90071992547409921"].flatMap((d) =>
      [1, 2, 8, d.length - 1].map((p) => `${d.slice(0, p)}.${d.slice(p)}`),
    );
    texts.push(`0.${"0".repeat(21)}1`, `0.${"0".repeat(22)}1`, `0.${"0".repeat(6)}1234567890123456`, "0.000003828067511269568", "0.0534223207245576", "0.05342130870380107");
    for (let i = 0; i < 100_000; i++) {
      const zeros = "0".repeat(Math.floor(rng() * 12));
      texts.push(rng() < 0.5 ? `0.${zeros}${digits(1 + Math.floor(rng() * 19))}` : `${digits(1 + Math.floor(rng() * 8))}.${digits(1 + Math.floor(rng() * 16))}`);
    }
    let fast = 0;
    for (const number of texts) {
      const [unit, kind] = units[Math.floor(rng() * units.length)];
      const text = number + unit;
      const bytes = Buffer.from(text, "latin1");
      const ours = plainQuantityOfBytes(bytes, 0, bytes.length, kind, (a, b) => bytes.toString("latin1", a, b));
      const theirs = parseQuantity(text, kind);
      if (!theirs.ok || !Object.is(ours, theirs.value)) expect([text, ours]).toEqual([text, theirs.ok && theirs.value]);
      // Clinger's fast path covers at most 2^53 − 1 as the digits' integer.
      if (BigInt(number.replace(".", "")) < 2n ** 53n) fast++;
    }
    expect(fast).toBeGreaterThan(50_000);
  });
});

describe("plainNumberLength", () => {
  // The expression plainQuantity used before: the scan must split every text as it did.
  const PLAIN = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([A-Za-z/]+)$/;
  const expected = (text: string) => PLAIN.exec(text)?.[1].length ?? -1;

  it("splits every text as /^(\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)([A-Za-z/]+)$/ does, on 100,000 random texts over its alphabet", () => {
    const rng = seedrandom("plainNumberLength");
    const alphabet = "0123456789..eeEE++--BsGbp/µ x";
    let matched = 0;
    for (let i = 0; i < 100_000; i++) {
      let text = "";
      const len = Math.floor(rng() * 9);
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(rng() * alphabet.length)];
      if (plainNumberLength(text) !== expected(text)) expect([text, plainNumberLength(text)]).toEqual([text, expected(text)]);
      if (expected(text) > 0) matched++;
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it("splits the edge cases alike: a bare point, an exponent with no digits, a sign, a digit in the unit, a line end", () => {
    const texts = ["1B", "1.5B", "1.B", ".5B", "1eB", "1e5B", "1E+5B", "1e+B", "1e-5s", "1e5e5s", "1e", "1", "", "B", "12Gbps", "1/s", "1s\n", "1s ", "٣B", "1e5", "1.5", "0.000003828067511269568s", "1B2"];
    for (const t of texts) expect([t, plainNumberLength(t)]).toEqual([t, expected(t)]);
  });
});

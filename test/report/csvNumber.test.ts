// Tests of csvNumber and the byte, fraction and slowdown cells: 12 significant digits, whole numbers exact, round-off clamped, empty when undefined.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { CSV_NUMBER_MAX_BYTES, csvBytes, csvFraction, csvNumber, roundSignificant, writeCsvNumber } from "../../src/report/csvNumber.js";

/**
 * Call `check` on 400,000 numbers of either sign drawn from `rng` over 70 decades (as drawn,
 * rounded to 6 decimals, cut to 1-12 and to 13 significant digits), then on both signs of
 * numbers next to every power of ten from 1e-12 to 1e23 (the two tests of every number cell
 * share these samples).
 */
function eachSample(rng: () => number, check: (x: number) => void): void {
  for (let i = 0; i < 100_000; i++) {
    const x = (rng() < 0.5 ? -1 : 1) * rng() * 10 ** (Math.floor(rng() * 70) - 35);
    check(x);
    check(Math.round(x * 1e6) / 1e6);
    check(Number(x.toPrecision(1 + Math.floor(rng() * 12))));
    check(Number(x.toPrecision(13)));
  }
  // Next to powers of ten, where the 12 digits round up to the next one, and on the layout's borders (1e-6, 1e21).
  for (let e = -12; e <= 23; e++) {
    for (const f of [1, 1.5, 9.999999999995, 9.9999999999949, 1.00000000000049, 5.0000000000005]) {
      for (const x of [f * 10 ** e, Number(`${f}e${e}`)]) {
        check(x);
        check(-x);
      }
    }
  }
}

/**
 * The reference cell value, by strings: x.toPrecision(12), or x.toPrecision(7) where the last
 * 5 of those 12 digits are 00000–00010 or 99990–99999 (float round-off of a shorter decimal,
 * which csvNumber snaps to it).
 */
const reference12 = (x: number): number => {
  const twelve = x.toPrecision(12);
  const mantissa = twelve.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "");
  const last5 = Number(mantissa.slice(-5));
  return Number(last5 <= 10 || last5 >= 99990 ? x.toPrecision(7) : twelve);
};

/** Significant digits of a decimal literal ("0.00123" → 3, "54160000000" → 4). */
const digits = (cell: string) =>
  cell
    .replace(/^-/, "")
    .replace(/e.*$/, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "").length;

describe("csvNumber", () => {
  it("rounds to 12 significant digits, so round-off beyond them never shows", () => {
    expect(csvNumber(0.1 + 0.2)).toBe("0.3");
    expect(csvNumber(0.9999999999999998)).toBe("1");
    expect(csvNumber(1 + 4e-13)).toBe("1");
    expect(csvNumber(2 / 3)).toBe("0.666666666667");
    expect(csvNumber(-2 / 3)).toBe("-0.666666666667");
    expect(csvNumber(36666666.666666664)).toBe("36666666.6667");
    expect(csvNumber(54159999999.99945)).toBe("54160000000");
    expect(csvNumber(1.25e-7)).toBe("1.25e-7");
    expect(csvNumber(Math.PI * 1e-12)).toBe("3.14159265359e-12");
    expect(csvNumber(1234567.5)).toBe("1234567.5");
  });

  it("writes whole numbers exactly, however many digits", () => {
    expect(csvNumber(1234567890123456)).toBe("1234567890123456");
    expect(csvNumber(0)).toBe("0");
    expect(csvNumber(-0)).toBe("0");
    expect(csvNumber(1e21)).toBe("1e+21");
  });

  it("writes round-off that reaches the 12th digit of a decimal of at most 7 digits as that decimal, and nothing else", () => {
    expect(csvNumber(400 - 1e-9)).toBe("400");
    expect(csvNumber(0.0005 + 1e-18)).toBe("0.0005");
    expect(csvNumber(0.0012 - 1e-16)).toBe("0.0012");
    expect(csvNumber(31.2499999994)).toBe("31.25");
    expect(csvNumber(6.83200000001e-6)).toBe("0.000006832");
    expect(csvNumber(5000.00000001)).toBe("5000");
    expect(csvNumber(-0.499998500005)).toBe("-0.4999985");
    // 10 units of the 12th digit is the edge: 10 is snapped, 11 is kept, as are digits 8-12 of 00011-99989.
    expect(csvNumber(1.2345670001)).toBe("1.234567");
    expect(csvNumber(1.2345669999)).toBe("1.234567");
    expect(csvNumber(1.23456700011)).toBe("1.23456700011");
    expect(csvNumber(1.23456699989)).toBe("1.23456699989");
    expect(csvNumber(9.99999999985)).toBe("9.99999999985");
    expect(csvNumber(0.200002 / 0.100002)).toBe("1.9999800004");
    expect(csvNumber(1.2345675)).toBe("1.2345675");
    expect(csvNumber(9.9999999999e-14)).toBe("1e-13");
    expect(csvNumber(1.23456789012e-15)).toBe("1.23456789012e-15");
    expect(csvNumber(0.0120803400016)).toBe("0.0120803400016");
    expect(csvNumber(9.36768149884)).toBe("9.36768149884");
  });

  it("agrees with toPrecision(12) (round-off snapped) to the last digit, is idempotent, and never writes more than 12 digits", () => {
    const random = seedrandom("csvNumber");
    let tested = 0;
    let exact = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 20000; i++) {
      // Mantissas of every length and exponents from 1e-12 to 1e24, both signs.
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 36 - 12);
      if (Number.isSafeInteger(x)) continue;
      tested++;
      const cell = csvNumber(x);
      const reference = reference12(x);
      // At most one unit in the 12th digit apart (x within an ulp of a half-way point may round either way).
      const close = Math.abs(Number(cell) - reference) <= Math.abs(reference) * 1.01e-11;
      if (digits(cell) > 12 || !close || csvNumber(Number(cell)) !== cell) wrong.push(`${x} → ${cell}`);
      if (Number(cell) === reference) exact++;
    }
    expect(wrong).toEqual([]);
    expect(tested).toBeGreaterThan(19000);
    expect(exact).toBeGreaterThan(0.999 * tested);
  });

  it("writes exactly String(roundSignificant(x)), without its shortest-form search, for 400,000 random numbers and the edges", () => {
    const rng = seedrandom("csvNumber-text");
    const check = (x: number) => {
      const expected = Number.isSafeInteger(x) ? String(x) : String(roundSignificant(x));
      if (csvNumber(x) !== expected) expect(csvNumber(x), String(x)).toBe(expected);
    };
    eachSample(rng, check);
  });

  it("writes String(roundSignificant(x)) for every count of trailing zeros, in either 6-digit half of the 12 digits", () => {
    // Decimals of 1 to 12 significant digits with zeros inside and at the end (123456.000789,
    // 100000.5, 1.2e-7…), at every exponent of the plain and exponential layouts, exact and
    // an ulp either side, both signs: the digits are stripped of their trailing zeros half by half.
    const rng = seedrandom("csvNumber-zeros");
    let tested = 0;
    for (let i = 0; i < 3000; i++) {
      const d = 1 + (i % 12);
      let digits = String(1 + Math.floor(rng() * 9));
      for (let j = 1; j < d; j++) digits += rng() < 0.4 ? "0" : String(Math.floor(rng() * 10));
      for (let e = -14; e <= 24; e += 1 + Math.floor(rng() * 3)) {
        const x = Number(`${digits}e${e - d + 1}`);
        for (const y of [x, x * (1 + 2.3e-16), x * (1 - 2.3e-16), -x]) {
          if (Number.isSafeInteger(y)) continue;
          tested++;
          const expected = String(roundSignificant(y));
          if (csvNumber(y) !== expected) expect(csvNumber(y), `${y}`).toBe(expected);
        }
      }
    }
    expect(tested).toBeGreaterThan(150_000);
  });

  it("handles exponents next to a power of ten", () => {
    for (let e = -10; e <= 20; e++) {
      const p = Number(`1e${e}`);
      expect(csvNumber(p)).toBe(String(p));
      for (const x of [p * (1 - 1e-15), p * (1 + 1e-15), p * 0.999999999999999]) {
        // Just off a power of ten: 12 digits round back to it (whole numbers below 2^53 are written exactly).
        if (!Number.isSafeInteger(x)) expect(csvNumber(x), `${x}`).toBe(String(p));
      }
    }
  });

  it("leaves NaN and infinities empty", () => {
    expect([csvNumber(NaN), csvNumber(Infinity), csvNumber(-Infinity)]).toEqual(["", "", ""]);
  });
});

describe("writeCsvNumber", () => {
  it("writes csvNumber's text as bytes for 400,000 random numbers, whole numbers of every length and the edges", () => {
    const rng = seedrandom("writeCsvNumber");
    const out = new Uint8Array(64).fill(120);
    const check = (x: number) => {
      const end = writeCsvNumber(out, 7, x);
      const text = String.fromCharCode(...out.subarray(7, end));
      if (text !== csvNumber(x) || end - 7 > CSV_NUMBER_MAX_BYTES || out[6] !== 120 || out[end] !== 120) expect([text, out[6], out[end]], String(x)).toEqual([csvNumber(x), 120, 120]);
      out.fill(120);
    };
    eachSample(rng, check);
    for (let d = 0; d <= 16; d++) for (const w of [10 ** d, 10 ** d - 1, 2 * 10 ** d + 7]) if (Number.isSafeInteger(w)) [w, -w].forEach(check);
    [0, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1e-7, 1e-300, -1.7976931348623157e308, 5e-324].forEach(check);
  });
});

describe("writeCsvNumber's digits", () => {
  /** The double `steps` ulps from x > 0. */
  const ulps = (x: number, steps: number) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    v.setBigUint64(0, v.getBigUint64(0) + BigInt(steps));
    return v.getFloat64(0);
  };

  it("finds the leading digit next to every power of ten, a few ulps either side, as toPrecision does", () => {
    // Next to 10^e the 12 digits are far from a half-way point, so toPrecision(12) is the exact reference.
    for (let e = -14; e <= 24; e++) {
      const p = Number(`1e${e}`);
      for (let s = -3; s <= 3; s++) {
        for (const x of [ulps(p, s), ulps(9.99999999999 * p, s), ulps(1.00000000001 * p, s)]) {
          const expected = Number.isSafeInteger(x) ? String(x) : String(reference12(x));
          const out = new Uint8Array(64);
          const text = String.fromCharCode(...out.subarray(0, writeCsvNumber(out, 0, x)));
          if (text !== expected || csvNumber(x) !== expected) expect([text, csvNumber(x)], `${x}`).toEqual([expected, expected]);
        }
      }
    }
  });

  it("writes whole numbers exactly on both sides of 2^31 and of the 10^8 split, zeros inside included", () => {
    const rng = seedrandom("writeWhole");
    const wholes = [2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, 99_999_999, 100_000_000, 100_000_001, 999_999_999, 1_000_000_000, 1_000_000_007, 1_200_000_005, 10_000_000_000_000_000 - 2];
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(rng() * 16);
      let text = String(1 + Math.floor(rng() * 9));
      for (let j = 1; j < digits; j++) text += rng() < 0.3 ? "0" : String(Math.floor(rng() * 10));
      wholes.push(Number(text));
    }
    const out = new Uint8Array(64);
    for (const w of wholes) {
      if (!Number.isSafeInteger(w)) continue;
      for (const x of [w, -w]) {
        const text = String.fromCharCode(...out.subarray(0, writeCsvNumber(out, 0, x)));
        if (text !== String(x)) expect(text, `${x}`).toBe(String(x));
      }
    }
  });
});

describe("csvBytes, csvFraction", () => {
  it("writes bytes as whole numbers", () => {
    expect(csvBytes(290000000.0000036)).toBe("290000000");
    expect(csvBytes(1234.5)).toBe("1235");
    expect(csvBytes(4099999999.9999995)).toBe("4100000000");
    expect(csvBytes(NaN)).toBe("");
  });

  it("clamps a fraction to [0, 1] within 1e-9 and keeps anything further out", () => {
    expect(csvFraction(1 + 4e-13)).toBe("1");
    expect(csvFraction(1 + 5e-10)).toBe("1");
    expect(csvFraction(-1e-12)).toBe("0");
    expect(csvFraction(0.5)).toBe("0.5");
    expect(csvFraction(1 + 1e-6)).toBe("1.000001");
    expect(csvFraction(-0.01)).toBe("-0.01");
  });
});

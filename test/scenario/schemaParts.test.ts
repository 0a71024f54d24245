// schemaParts: the shared pieces of the scenario schema say what was wrong with a count in one sentence.
import { describe, expect, it } from "vitest";
import { positiveInt } from "../../src/scenario/schemaParts.js";

const message = (value: unknown) => positiveInt("flows").safeParse(value).error?.issues[0].message;

describe("positiveInt", () => {
  it("accepts whole numbers from 1 to 2⁵³ − 1", () => {
    expect(message(1)).toBeUndefined();
    expect(message(Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });

  it("names a fraction, a string, a number below 1, and a whole number too large to count by 1 (not 'not an integer')", () => {
    expect(message(1.5)).toBe("flows must be an integer, found 1.5");
    expect(message("100")).toBe('flows must be an integer, found "100"');
    expect(message(0)).toBe("flows must be ≥ 1");
    expect(message(1e20)).toBe("flows must be at most 9007199254740991, found 100000000000000000000");
  });
});

// Tests of evaluateExpression: literals, precedence and associativity, typing rules and error messages.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { evaluateExpression } from "../../src/sweep/evaluateExpression.js";

const vars = { nic: "400Gbps", oversub: 2, load: 0.5, fast: true };
const ev = (expr: string) => evaluateExpression(expr, vars);

describe("evaluateExpression", () => {
  it("reads literals: integers, decimals, scientific, both quotes, booleans", () => {
    expect(ev("42")).toBe(42);
    expect(ev("0.25")).toBe(0.25);
    expect(ev(".5")).toBe(0.5);
    expect(ev("1e9")).toBe(1_000_000_000);
    expect(ev("2.5E-3")).toBe(0.0025);
    expect(ev("'a b'")).toBe("a b");
    expect(ev('"x\'y"')).toBe("x'y");
    expect(ev("'it\\'s'")).toBe("it's");
    expect(ev("true")).toBe(true);
    expect(ev("false")).toBe(false);
  });

  it("reads variables with their type", () => {
    expect(ev("nic")).toBe("400Gbps");
    expect(ev("load")).toBe(0.5);
    expect(ev("fast")).toBe(true);
  });

  it.each([
    ["1 + 2 * 3", 7], // * binds tighter than +
    ["(1 + 2) * 3", 9],
    ["10 - 4 - 3", 3], // left-associative: (10-4)-3
    ["64 / 4 / 2", 8], // (64/4)/2
    ["17 % 5 * 2", 4], // (17%5)*2
    ["2 * 7 % 4", 2], // (2*7)%4
    ["-2 * 3", -6],
    ["- -2", 2],
    ["1 - -1", 2],
    ["1 + 2 < 4", true], // + before <
    ["1 < 2 == true", true], // < before ==
    ["true || false && false", true], // && before ||
    ["!true || true", true], // ! binds to its operand only
    ["!(true || true)", false],
    ["1 == 1 && 2 != 3", true],
    ["true ? 1 : 2", 1],
    ["false ? 1 : true ? 2 : 3", 2], // right-associative: false ? 1 : (true ? 2 : 3)
    ["true ? false ? 1 : 2 : 3", 2],
    ["oversub > 1 || nic == 'x' ? 'big' : 'small'", "big"], // ?: lowest
    ["load * 2", 1],
    ["'p-' + nic", "p-400Gbps"],
    ["nic + oversub", "400Gbps2"],
    ["1 + 2 + 'x'", "3x"], // left to right: (1+2)+'x'
    ["'x' + 1 + 2", "x12"],
    ["'a' + true", "atrue"],
  ] as const)("%s gives %s", (expr, expected) => {
    expect(ev(expr)).toBe(expected);
  });

  it("compares numbers numerically and text exactly; values of different types are never equal", () => {
    expect(ev("2 == 2.0")).toBe(true);
    expect(ev("0.5 == load")).toBe(true);
    expect(ev("nic == '400Gbps'")).toBe(true);
    expect(ev("nic == '400gbps'")).toBe(false);
    expect(ev("'2' == 2")).toBe(false);
    expect(ev("'2' != 2")).toBe(true);
    expect(ev("true == 1")).toBe(false);
    expect(ev("'abc' < 'abd'")).toBe(true);
    expect(ev("10 >= 9")).toBe(true);
    expect(ev("9 <= 9")).toBe(true);
  });

  it("short-circuits && || and ?: so the other side is never evaluated", () => {
    expect(ev("false && missing")).toBe(false);
    expect(ev("true || missing")).toBe(true);
    expect(ev("true ? 1 : missing")).toBe(1);
  });

  it.each([
    ["nci == 1", 'expression "nci == 1": unknown variable "nci" at column 1 (did you mean "nic"?)'],
    ["zzzz", 'expression "zzzz": unknown variable "zzzz" at column 1'],
    ["'a' < 1", "expression \"'a' < 1\": \"<\" cannot compare string \"a\" with number 1 at column 5"],
    ["true > false", 'expression "true > false": ">" cannot compare boolean true with boolean false at column 6'],
    ["1 && true", 'expression "1 && true": "&&" needs true or false, found number 1 at column 1'],
    ["false || 'x'", "expression \"false || 'x'\": \"||\" needs true or false, found string \"x\" at column 10"],
    ["!1", 'expression "!1": "!" needs true or false, found number 1 at column 2'],
    ["-'a'", "expression \"-'a'\": \"-\" needs a number, found string \"a\" at column 1"],
    ["true + 1", 'expression "true + 1": "+" cannot add boolean true and number 1 at column 6'],
    ["'a' * 2", "expression \"'a' * 2\": \"*\" needs numbers, found string \"a\" and number 2 at column 5"],
    ["1 / 0", 'expression "1 / 0": division by zero at column 3'],
    ["5 % 0", 'expression "5 % 0": division by zero at column 3'],
    ["1e308 * 10", 'expression "1e308 * 10": "*" gives Infinity, not a finite number at column 7'],
    ["1 ? 2 : 3", 'expression "1 ? 2 : 3": "?" needs true or false, found number 1 at column 1'],
  ] as const)("rejects %s", (expr, message) => {
    expect(() => ev(expr)).toThrow(new InputError(message));
  });

  it.each([
    ["", 'expression "": the expression is empty at column 1'],
    ["   ", 'expression "   ": the expression is empty at column 1'],
    ["1 +", 'expression "1 +": expected a value, found the end at column 4'],
    ["(1 + 2", 'expression "(1 + 2": expected ")" to close the "(" at column 1, found the end at column 7'],
    ["1 + 2)", 'expression "1 + 2)": unexpected ")" after a complete expression at column 6'],
    ["a b", 'expression "a b": unexpected "b" after a complete expression at column 3'],
    ["true ? 1", 'expression "true ? 1": expected ":" of the "?" at column 6, found the end at column 9'],
    ["nic = 'x'", "expression \"nic = 'x'\": \"=\" is not an operator at column 5 — use == to compare"],
    ["nic === 'x'", "expression \"nic === 'x'\": \"===\" is not an operator at column 5 — use =="],
    ["nic == 400Gbps", 'expression "nic == 400Gbps": 400Gbps is not a number at column 8 — quote text, e.g. \'400Gbps\''],
    ["'open", "expression \"'open\": the text starting with ' is not closed at column 1"],
    ["1 # 2", 'expression "1 # 2": unexpected character "#" at column 3'],
    ["1e400", 'expression "1e400": 1e400 is too large a number at column 1'],
    ["* 2", 'expression "* 2": expected a value, found "*" at column 1'],
  ] as const)("refuses to parse %j", (expr, message) => {
    expect(() => ev(expr)).toThrow(new InputError(message));
  });

  it("names the expression with the given label", () => {
    expect(() => evaluateExpression("!(nci == '800Gbps')", vars, "sweep.where")).toThrow(
      new InputError(`sweep.where "!(nci == '800Gbps')": unknown variable "nci" at column 3 (did you mean "nic"?)`),
    );
  });

  it("does not resolve names inherited from Object.prototype", () => {
    expect(() => ev("constructor")).toThrow('unknown variable "constructor"');
  });
});

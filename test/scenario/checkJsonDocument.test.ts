// checkJsonDocument: the depth bound of checkValueBudget without the value count, and whether every number is finite, for JSON documents.
import { describe, expect, it } from "vitest";
import { checkJsonDocument } from "../../src/scenario/checkJsonDocument.js";

/** checkJsonDocument's depth verdict alone. */
const depthProblem = (value: unknown, maxDepth: number): string | null => checkJsonDocument(value, maxDepth).problem;
import { findNonFiniteNumber } from "../../src/scenario/findNonFiniteNumber.js";
import { checkValueBudget } from "../../src/scenario/checkValueBudget.js";

/** `levels` lists nested in one another around 0: containers at depths 0 … levels-1. */
const lists = (levels: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

/** The same with mappings, each holding the next under a key after a scalar sibling. */
const mappings = (levels: number): unknown => {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { before: i, inner: v };
  return v;
};

describe("checkJsonDocument: depth", () => {
  it("accepts exactly the depth limit and refuses one more level, for lists and mappings", () => {
    expect(depthProblem(lists(3), 3)).toBeNull();
    expect(depthProblem(lists(4), 3)).toBe("the document nests more than 3 levels deep");
    expect(depthProblem(mappings(64), 64)).toBeNull();
    expect(depthProblem(mappings(65), 64)).toBe("the document nests more than 64 levels deep");
  });

  it("finds a too-deep branch after shallow ones, and takes scalars and empty containers as they are", () => {
    const doc = { a: [1, 2, { b: [] }], c: "x", d: [[], {}, [lists(5)]] }; // lists(5) starts at depth 3: 8 levels
    expect(depthProblem(doc, 8)).toBeNull();
    expect(depthProblem(doc, 7)).toBe("the document nests more than 7 levels deep");
    for (const scalar of [null, 0, "s", true]) expect(depthProblem(scalar, 0)).toBeNull();
    expect(depthProblem([], 0)).toBe("the document nests more than 0 levels deep");
  });

  it("says what checkValueBudget says of any alias-free document when values are not limited", () => {
    // Documents of mixed shapes (deterministic): each depth limit from 0 to 9 on each.
    const docs: unknown[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      let x = seed;
      const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
      const grow = (depth: number): unknown => {
        const r = next();
        if (depth > 9 || r < 0.25) return r < 0.1 ? null : Math.floor(r * 100);
        const n = Math.floor(next() * 4);
        const items = Array.from({ length: n }, () => grow(depth + 1));
        return r < 0.6 ? items : Object.fromEntries(items.map((v, i) => [`k${i}`, v]));
      };
      docs.push(grow(0));
    }
    let refused = 0;
    for (const doc of docs) {
      for (let maxDepth = 0; maxDepth <= 9; maxDepth++) {
        const expected = checkValueBudget(doc, Number.MAX_SAFE_INTEGER, maxDepth);
        expect(depthProblem(doc, maxDepth)).toBe(expected);
        if (expected !== null) refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(docs.length * 10 - 50);
  });
});

describe("checkJsonDocument: finiteness", () => {
  it("says what checkValueBudget says of depth, and whether findNonFiniteNumber finds nothing, of 400 mixed documents", () => {
    // Deterministic documents of mixed shapes holding now and then an infinite number or NaN.
    let x = 7;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const grow = (depth: number): unknown => {
      const r = next();
      if (depth > 7 || r < 0.3) return r < 0.01 ? Infinity : r < 0.02 ? -Infinity : r < 0.025 ? NaN : r < 0.1 ? null : r < 0.2 ? "s" : Math.floor(r * 100) - 50;
      const n = Math.floor(next() * 4);
      const items = Array.from({ length: n }, () => grow(depth + 1));
      return r < 0.6 ? items : Object.fromEntries(items.map((v, i) => [`k${i}`, v]));
    };
    const counts = { refused: 0, infinite: 0, finite: 0 };
    for (let d = 0; d < 400; d++) {
      const doc = grow(0);
      const maxDepth = d % 9;
      const check = checkJsonDocument(doc, maxDepth);
      expect(check.problem).toBe(checkValueBudget(doc, Number.MAX_SAFE_INTEGER, maxDepth));
      if (check.problem !== null) counts.refused++;
      else {
        expect(check.finite).toBe(findNonFiniteNumber(doc) === null);
        counts[check.finite ? "finite" : "infinite"]++;
      }
    }
    expect(counts.refused).toBeGreaterThan(20);
    expect(counts.infinite).toBeGreaterThan(20);
    expect(counts.finite).toBeGreaterThan(20);
  });

  it("finds a number too large for a double in a JSON document, and takes the largest finite one as finite", () => {
    expect(checkJsonDocument(JSON.parse('{"a": [1, {"b": -1e400}]}'), 64)).toEqual({ problem: null, finite: false });
    expect(checkJsonDocument(JSON.parse('{"a": [1, {"b": 1.7976931348623157e308}]}'), 64)).toEqual({ problem: null, finite: true });
    expect(checkJsonDocument(1e400, 0)).toEqual({ problem: null, finite: false });
  });
});

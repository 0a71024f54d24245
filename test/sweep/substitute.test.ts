// Tests of substitute: typed and interpolated ${…}, nesting, escaping, and errors naming the point and key path.
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { InputError } from "../../src/core/InputError.js";
import { referencedVariables, substitute } from "../../src/sweep/substitute.js";

const values = { nic: "400Gbps", oversub: 2, load: 0.5, fast: true, s: 7 };
const ctx = "point p03 (nic=400Gbps, oversub=2)";
const sub = (doc: unknown) => substitute(doc, values, ctx);

describe("substitute", () => {
  it("gives a string that is exactly one ${expr} the value's own type", () => {
    expect(sub({ seed: "${s}", load: "${load}", on: "${fast}", bw: "${nic}" })).toEqual({ seed: 7, load: 0.5, on: true, bw: "400Gbps" });
  });

  it("evaluates expressions inside ${…}", () => {
    expect(sub({ a: "${load * 2}", b: "${oversub > 1 ? 'big' : 'small'}", c: "${'}'}" })).toEqual({ a: 1, b: "big", c: "}" });
  });

  it("interpolates the text of each value inside a longer string", () => {
    expect(
      sub({ a: "prefix-${nic}", b: "${load}x", c: "${oversub}${s}", d: "${nic}-${oversub}:${load}", e: "fast=${fast}", f: " ${s}" }),
    ).toEqual({ a: "prefix-400Gbps", b: "0.5x", c: "27", d: "400Gbps-2:0.5", e: "fast=true", f: " 7" });
  });

  it("walks nested lists and mappings and leaves other values alone", () => {
    const doc = {
      topology: { links: [{ from: "a", to: "b", bandwidth: "${nic}", latency: "1us" }], hosts: 4 },
      grid: [["${s}", 1], [null, false]],
    };
    expect(sub(doc)).toEqual({
      topology: { links: [{ from: "a", to: "b", bandwidth: "400Gbps", latency: "1us" }], hosts: 4 },
      grid: [[7, 1], [null, false]],
    });
  });

  it("drops the top-level sweep block only", () => {
    expect(sub({ sweep: { vars: { a: [1] } }, name: "x", inner: { sweep: "${s}" } })).toEqual({ name: "x", inner: { sweep: 7 } });
  });

  it("never substitutes keys", () => {
    expect(sub({ "${nic}": "${nic}" })).toEqual({ "${nic}": "400Gbps" });
  });

  it("returns a copy and leaves the document unchanged", () => {
    const doc = { a: { b: ["${s}"] }, c: "plain" };
    const out = sub(doc) as typeof doc;
    expect(doc).toEqual({ a: { b: ["${s}"] }, c: "plain" });
    expect(out.a).not.toBe(doc.a);
  });

  it("keeps a __proto__ key as a plain key", () => {
    const doc = JSON.parse('{"__proto__": {"x": "${s}"}}');
    const out = sub(doc) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ x: 7 });
  });

  it("reads $${ as a literal ${ and leaves other dollars alone", () => {
    expect(sub({ a: "$${nic}", b: "cost $${x} at ${load}", c: "$5 and $$ and $", d: "$$${s}" })).toEqual({
      a: "${nic}",
      b: "cost ${x} at 0.5",
      c: "$5 and $$ and $",
      d: "$${s}", // read left to right: "$", then the escape "$${", then "s}"
    });
  });

  it("substitutes a top-level string", () => {
    expect(substitute("${s}", values, ctx)).toBe(7);
  });

  it.each([
    [
      { topology: { links: [{ bandwidth: "${nci}" }] } },
      `${ctx}: topology.links[0].bandwidth "\${nci}": unknown variable "nci" at column 3 (did you mean "nic"?)`,
    ],
    [{ name: "x-${load + nci}" }, `${ctx}: name "x-\${load + nci}": unknown variable "nci" at column 12 (did you mean "nic"?)`],
    [{ name: "a ${nic" }, `${ctx}: name "a \${nic": "\${" is not closed by "}" at column 3`],
    [{ name: "${}" }, `${ctx}: name "\${}": the expression is empty at column 3`],
    [{ w: [{ x: "${nic * 2}" }] }, `${ctx}: w[0].x "\${nic * 2}": "*" needs numbers, found string "400Gbps" and number 2 at column 7`],
    [{ w: ["${1 +}"] }, `${ctx}: w[0] "\${1 +}": expected a value, found the end at column 6`],
  ])("rejects %j naming the point, the key path and the column", (doc, message) => {
    expect(() => sub(doc)).toThrow(new InputError(message));
  });

  it("names the top level when the document is a bare string", () => {
    expect(() => substitute("${x}", {}, "p0")).toThrow(new InputError('p0: (top level) "${x}": unknown variable "x" at column 3'));
  });
});

describe("referencedVariables", () => {
  it("lists the variables of every ${…} in string values, once each, in order of first use", () => {
    const doc = { a: "${nic}-${oversub}", b: ["${load * 2 > 1 ? s : oversub}"], c: { d: "x ${fast}" }, e: 3, sweep: { vars: { q: ["${q}"] } } };
    expect(referencedVariables(doc)).toEqual(["nic", "oversub", "load", "s", "fast"]);
  });

  it("skips escaped $${…}, quoted braces and keys", () => {
    expect(referencedVariables({ "${k}": "$${a} ${'}' + b} $$${c}" })).toEqual(["b"]);
  });

  it("is undefined when an expression is unclosed or does not parse", () => {
    expect(referencedVariables({ a: "${nic", b: "${x}" })).toBeUndefined();
    expect(referencedVariables({ a: "${nic +}" })).toBeUndefined();
  });

  it("reads ${…} as substitute does: 3,000 random strings of $, {, }, quotes and names", () => {
    const rng = seedrandom("placeholders");
    const alphabet = ["$", "$", "{", "}", "'", "a", "b", " + ", "1"];
    for (let n = 0; n < 3000; n++) {
      let s = "";
      for (let k = Math.floor(rng() * 14); k > 0; k--) s += alphabet[Math.floor(rng() * alphabet.length)];
      const read = referencedVariables({ v: s });
      // With every name in the text known, substitute fails only where the text is unclosed
      // or does not parse: exactly where referencedVariables gives up.
      const known = Object.fromEntries((s.match(/[A-Za-z_]\w*/g) ?? []).map((name) => [name, 1]));
      let failed = false;
      try {
        substitute({ v: s }, known, "p");
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        failed = true;
      }
      expect(read === undefined, s).toBe(failed);
      // With nothing known, the first variable substitute meets is one referencedVariables lists.
      if (read !== undefined && read.length > 0) {
        expect(() => substitute({ v: s }, {}, "p"), s).toThrow(new RegExp(`unknown variable "(${read.join("|")})"`));
      }
    }
  });
});

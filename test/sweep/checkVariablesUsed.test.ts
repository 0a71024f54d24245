// Tests of checkVariablesUsed: a study variable nothing reads is refused, naming it and where it could go; labels and where-only variables pass.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { checkVariablesUsed } from "../../src/sweep/checkVariablesUsed.js";
import { parseSweep } from "../../src/sweep/parseSweep.js";

const base = {
  name: "s",
  topology: { links: [{ from: "a", to: "b", bandwidth: "${bw}Gbps", latency: "1us" }] },
  workloads: [{ traffic: { name: "ws", load: 0.5, flows: 10 } }],
};

function refusal(doc: Record<string, unknown>, sweep: unknown): string | undefined {
  try {
    checkVariablesUsed(doc, parseSweep(sweep, "study.yaml: sweep"), "study.yaml: sweep");
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return undefined;
}

describe("checkVariablesUsed", () => {
  it("accepts variables read by ${…}, in text or alone, in lists and nested mappings", () => {
    expect(refusal(base, { vars: { bw: [10, 40] } })).toBeUndefined();
    const doc = { ...base, workloads: [{ traffic: { name: "ws-${load}", load: "${load * 2}", flows: "${n > 1 ? n : 1}" } }] };
    expect(refusal(doc, { vars: { bw: [10], load: [0.1, 0.2], n: [1, 2] } })).toBeUndefined();
  });

  it("refuses a variable nothing reads, naming the file, its place, the waste and the key of the nearest name", () => {
    expect(refusal(base, { vars: { bw: [10, 40], bandwith: [10, 40, 100] } })).toBe(
      'study.yaml: sweep.vars.bandwith is read nowhere (no ${bandwith} in the scenario or in sweep.where), so its 3 values would run 3 identical points — write "${bandwith}" where the value goes (topology.links[0].bandwidth?) or remove the variable',
    );
    // A variable taken to set the key of its name.
    expect(refusal(base, { vars: { bw: [10], load: [0.2, 0.5] } })).toBe(
      'study.yaml: sweep.vars.load is read nowhere (no ${load} in the scenario or in sweep.where), so its 2 values would run 2 identical points — write "${load}" where the value goes (workloads[0].traffic.load?) or remove the variable',
    );
    expect(refusal(base, { vars: { bw: [10], zzzz: [1] } })).toBe(
      'study.yaml: sweep.vars.zzzz is read nowhere (no ${zzzz} in the scenario or in sweep.where), so it changes nothing — write "${zzzz}" where the value goes or remove the variable',
    );
  });

  it("does not count an escaped $${…}, a key, or the sweep block itself as a use", () => {
    const doc = { ...base, note: "$${x}", x: 1, sweep: { vars: { x: ["${x}"] } } };
    expect(refusal(doc, { vars: { bw: [10], x: [1, 2] } })).toMatch(/^study\.yaml: sweep\.vars\.x is read nowhere .* \(x\?\) or remove the variable$/);
  });

  it("accepts a zipped label of a variable that is read, and a variable read only by where", () => {
    expect(refusal(base, { vars: { bw: [10, 40], price: [400, 700] }, zip: [["bw", "price"]] })).toBeUndefined();
    expect(refusal(base, { vars: { price: [400, 700], bw: [10, 40] }, zip: [["price", "bw"]] })).toBeUndefined();
    expect(refusal(base, { vars: { bw: [10, 40], big: [true, false] }, where: "big == (bw > 20)" })).toBeUndefined();
  });

  it("refuses a zip group none of whose variables is read, naming it by its first variable", () => {
    expect(refusal(base, { vars: { bw: [10], a: [1, 2], b: [3, 4] }, zip: [["a", "b"]] })).toBe(
      'study.yaml: sweep.vars.a and the variables zipped with it (b) are read nowhere (no ${a} or ${b} in the scenario or in sweep.where), so their 2 values would run 2 identical points — write "${a}" where the value goes or remove the variable',
    );
  });

  it("leaves an expression that does not parse or names an undeclared variable to substitution, which names the point and key", () => {
    const misspelt = { ...base, workloads: [{ traffic: { name: "ws", load: "${lod}" } }] };
    expect(refusal(misspelt, { vars: { bw: [10], load: [1, 2] } })).toBeUndefined();
    const doc = { ...base, workloads: [{ traffic: { name: "ws", load: "${load +}" } }] };
    expect(refusal(doc, { vars: { bw: [10], unused: [1, 2] } })).toBeUndefined();
    const unclosed = { ...base, workloads: [{ traffic: { name: "ws", load: "${load" } }] };
    expect(refusal(unclosed, { vars: { bw: [10], unused: [1, 2] } })).toBeUndefined();
  });
});

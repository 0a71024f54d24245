// renderSearchSchema: the committed search schema is what the code generates; it requires the search block and refuses its mistakes.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { SEARCH_KEYS } from "../../src/search/parseSearch.js";
import { renderSearchSchema } from "../../src/search/renderSearchSchema.js";

const schema = JSON.parse(renderSearchSchema());
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const search = () => ({
  name: "s",
  sweep: { vars: { bw: [10, 40] }, repeat: 3 },
  search: { targets: ["fct_p99_s <= 0.01"], minimize: "cost_total_usd", monotone: { bw: "up" }, budget: 4 },
  topology: { fatTree: { k: 4, bandwidth: "${bw}Gbps", latency: "1us" } },
  workloads: [{ traffic: { pattern: "uniform", load: 0.5, size: "1MB", flows: 10 } }],
});

describe("renderSearchSchema", () => {
  it("matches schema/chokepoint-search.schema.json (regenerate with npm run schema)", () => {
    expect(readFileSync("schema/chokepoint-search.schema.json", "utf8")).toBe(renderSearchSchema());
  });

  it("describes the search block with exactly the keys parseSearch knows, and accepts a search", () => {
    expect(Object.keys(schema.properties.search.properties)).toEqual(SEARCH_KEYS);
    expect(validate(search()), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses a missing search block, an unknown key, a malformed target and an unknown direction", () => {
    const cases: Array<[string, (s: ReturnType<typeof search>) => void]> = [
      ["no search block", (s) => delete (s as Partial<typeof s>).search],
      ["an unknown search key", (s) => Object.assign(s.search, { minimise: "x" })],
      ["a target without an operator", (s) => Object.assign(s.search, { targets: ["fct_p99_s 0.01"] })],
      ["a direction other than up or down", (s) => Object.assign(s.search, { monotone: { bw: "upward" } })],
      ["budget 0", (s) => Object.assign(s.search, { budget: 0 })],
    ];
    for (const [what, spoil] of cases) {
      const s = search();
      spoil(s);
      expect(validate(s), what).toBe(false);
    }
  });
});

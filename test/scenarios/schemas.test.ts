// Shipped files against the shipped JSON Schemas: every scenario validates against the scenario schema, every study against the study schema, each naming its schema on its first line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { load as loadYaml } from "js-yaml";
import { describe, expect, it } from "vitest";

const SCENARIO_SCHEMA = "schema/chokepoint.schema.json";
const STUDY_SCHEMA = "schema/chokepoint-study.schema.json";
const SEARCH_SCHEMA = "schema/chokepoint-search.schema.json";

/** Every scenario and study shipped under scenarios/ (scenarios/bad/ holds mistakes on purpose). */
function shipped(dir = "scenarios"): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return path === "scenarios/bad" ? [] : shipped(path);
      return /\.(ya?ml|json)$/i.test(name) ? [path] : [];
    });
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map([SCENARIO_SCHEMA, STUDY_SCHEMA, SEARCH_SCHEMA].map((s) => [s, ajv.compile(JSON.parse(readFileSync(s, "utf8")))]));
const files = shipped();

/** The schema a file names: the yaml-language-server line of a YAML file, or `$schema` of a JSON one, resolved from the file's folder. */
function namedSchema(file: string, text: string, doc: Record<string, unknown>): string | undefined {
  const named = file.endsWith(".json") ? (doc.$schema as string | undefined) : /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
  return named === undefined ? undefined : resolve(dirname(file), named);
}

describe("shipped scenarios and studies against the shipped JSON Schemas", () => {
  it("there are scenarios and studies to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => f.startsWith("scenarios/sweeps/")).length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`${file} names its schema on its first line and validates against it`, () => {
      const text = readFileSync(file, "utf8");
      const doc = (file.endsWith(".json") ? JSON.parse(text) : loadYaml(text)) as Record<string, unknown>;
      const schema = "search" in doc ? SEARCH_SCHEMA : "sweep" in doc ? STUDY_SCHEMA : SCENARIO_SCHEMA;
      expect(namedSchema(file, text, doc), "the editor line").toBe(resolve(schema));
      const validate = validators.get(schema)!;
      expect(validate(doc), `${schema}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    });
  }
});

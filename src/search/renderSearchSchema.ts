// renderSearchSchema: the JSON Schema of search files (a study plus a `search` block), for editors.
import { renderStudySchema } from "../sweep/renderStudySchema.js";
import { SEARCH_KEYS } from "./parseSearch.js";

type JsonSchema = Record<string, unknown>;

/** The `search` block, as parseSearch checks it (metric names and variables aside, which need the study). */
function searchBlockSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    targets: {
      type: "array",
      minItems: 1,
      items: { type: "string", pattern: "^\\s*[^\\s<>=]+\\s*(<=|>=|<|>)\\s*\\S+\\s*$" },
      description: 'What a design must meet, every one: "METRIC OP NUMBER" with OP one of <=, <, >=, > (metrics as compare.csv names them)',
    },
    minimize: { type: "string", description: "The metric to minimise among the designs that meet the targets, e.g. cost_total_usd" },
    monotone: {
      type: "object",
      additionalProperties: { enum: ["up", "down"] },
      description: "Variables (with numeric values) along which more resources never worsen a target nor lower the cost: up when a larger value is more",
    },
    budget: { type: "integer", minimum: 1, description: "Most simulations the search may run (default: the full grid)" },
  };
  return {
    type: "object",
    description: "Makes the study a search for the cheapest design that meets the targets (docs/search.md)",
    properties: Object.fromEntries(SEARCH_KEYS.map((key) => [key, properties[key]])),
    required: ["targets", "minimize"],
    additionalProperties: false,
  };
}

/**
 * The JSON Schema (draft 2020-12) of a search file as text, ready to write to
 * `schema/chokepoint-search.schema.json`: the study schema with a required `search` block.
 */
export function renderSearchSchema(): string {
  const study = JSON.parse(renderStudySchema()) as JsonSchema;
  const schema = {
    ...study,
    $id: "https://chokepoint.dev/schema/chokepoint-search.schema.json",
    title: "chokepoint search",
    description: "A study with a search block: the cheapest design that meets targets, found by `chokepoint search`; any value may use ${…}.",
    properties: { ...(study.properties as JsonSchema), search: searchBlockSchema() },
    required: [...(study.required as string[]), "search"],
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

// renderStudySchema: the JSON Schema of study files (a scenario plus `sweep`, any value possibly a `${…}` expression), for editors.
import { renderJsonSchema } from "../scenario/renderJsonSchema.js";
import { NAME, RANGE_KEYS, RESERVED, SWEEP_KEYS } from "./parseSweep.js";

type JsonSchema = Record<string, unknown>;

/** A string holding at least one `${…}`: substituted with a point's values before the scenario schema applies. */
const EXPRESSION: JsonSchema = {
  type: "string",
  pattern: "\\$\\{",
  description: "A ${…} expression over the study's variables, substituted at each point (docs/sweeps.md)",
};

const SCALAR_TYPES = ["string", "number", "integer", "boolean"];

/** Whether a schema node is a leaf that accepts a scalar (a `${…}` string can stand for it). */
function isScalarLeaf(node: JsonSchema): boolean {
  if ("anyOf" in node || "oneOf" in node || "allOf" in node) return false;
  if ("const" in node || "enum" in node) return true;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.some((t) => SCALAR_TYPES.includes(t as string));
}

/** `node` with every scalar leaf below it (itself included) also accepting a `${…}` string. */
function withExpressions(node: unknown): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const out: JsonSchema = { ...(node as JsonSchema) };
  const mapValues = (o: unknown) => Object.fromEntries(Object.entries(o as JsonSchema).map(([k, v]) => [k, withExpressions(v)]));
  if (out.properties) out.properties = mapValues(out.properties);
  if (out.$defs) out.$defs = mapValues(out.$defs);
  if (typeof out.additionalProperties === "object") out.additionalProperties = withExpressions(out.additionalProperties);
  if (out.items) out.items = withExpressions(out.items);
  for (const key of ["prefixItems", "anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(withExpressions);
  }
  if (!isScalarLeaf(out)) return out;
  const { description, default: fallback, ...rest } = out;
  return { ...(description !== undefined && { description }), ...(fallback !== undefined && { default: fallback }), anyOf: [rest, EXPRESSION] };
}

/** The `sweep` block, as `parseSweep` checks it (the run-count limit and `where`'s grammar aside). */
function sweepBlockSchema(): JsonSchema {
  const range: JsonSchema = {
    type: "object",
    description: "An inclusive range: from + i·step, rounded to 12 significant digits, up to to",
    properties: { from: { type: "number" }, to: { type: "number" }, step: { type: "number", exclusiveMinimum: 0 } },
    required: RANGE_KEYS,
    additionalProperties: false,
  };
  const list: JsonSchema = {
    type: "array",
    description: "The variable's values, as written: text, numbers or true/false, no repeats",
    items: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] },
    minItems: 1,
    uniqueItems: true,
  };
  const properties: Record<string, JsonSchema> = {
    vars: {
      type: "object",
      description: "Each variable's values: a list or a range { from, to, step }",
      propertyNames: { pattern: NAME.source, not: { enum: RESERVED } },
      additionalProperties: { anyOf: [list, range] },
    },
    zip: {
      type: "array",
      description: "Groups of variables that vary together (equal lengths)",
      items: { type: "array", items: { type: "string" }, minItems: 1 },
    },
    where: { type: "string", description: "A boolean expression over the variables; points where it is false are dropped" },
    repeat: { type: "integer", minimum: 1, default: 1, description: "Replications of every point (default 1)" },
    metrics: {
      type: "array",
      uniqueItems: true,
      items: { type: "string", pattern: "^(cost_[a-z_]+_usd|tier_share:.+|[^:]+:[a-z0-9_]+_(mean|p50|p99))$" },
      description: "Metrics recorded for every run besides summary.csv's, as compare.csv names them: cost_<item>_usd, tier_share:<tier>, <workload>:<metric>_mean|_p50|_p99",
    },
  };
  return {
    type: "object",
    description: "Makes the file a study: points are the cross product of vars (zip groups vary together), filtered by where, each run repeat times (docs/sweeps.md)",
    properties: Object.fromEntries(SWEEP_KEYS.map((key) => [key, properties[key]])),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema (draft 2020-12) of a study file as text, ready to write to
 * `schema/chokepoint-study.schema.json`: the scenario schema with a required `sweep` block,
 * in which every value that takes a scalar may instead be a string holding `${…}`.
 */
export function renderStudySchema(): string {
  const scenario = JSON.parse(renderJsonSchema()) as JsonSchema;
  const body = withExpressions({ type: scenario.type, properties: scenario.properties, additionalProperties: scenario.additionalProperties }) as JsonSchema;
  const schema = {
    $schema: scenario.$schema,
    $id: "https://chokepoint.dev/schema/chokepoint-study.schema.json",
    title: "chokepoint study",
    description: "A scenario with a sweep block: a parameter study run by `chokepoint sweep`; any value may use ${…}.",
    type: "object",
    properties: { ...(body.properties as JsonSchema), sweep: sweepBlockSchema() },
    required: [...((scenario.required as string[] | undefined) ?? []), "sweep"],
    additionalProperties: body.additionalProperties,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

// renderJsonSchema: the JSON Schema of scenario files (for editors), generated from the zod schema.
import * as z from "zod";
import { scenarioSchema } from "./scenarioSchema.js";

/**
 * The JSON Schema (draft 2020-12) of a scenario file as text, describing the input side
 * (unit strings with patterns), ready to write to `schema/chokepoint.schema.json`.
 */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema(), { io: "input", target: "draft-2020-12" });
  const titled = {
    $schema: schema.$schema,
    $id: "https://chokepoint.dev/schema/chokepoint.schema.json",
    title: "chokepoint scenario",
    description: "A network (nodes, links, generated fabrics) and the workloads that move data across it.",
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

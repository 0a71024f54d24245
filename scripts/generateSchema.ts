// generateSchema: writes schema/chokepoint.schema.json (scenarios) and schema/chokepoint-study.schema.json (studies) from the zod scenario schema (run: npm run schema).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema } from "../src/scenario/renderJsonSchema.js";
import { renderStudySchema } from "../src/sweep/renderStudySchema.js";

for (const [name, render] of [
  ["chokepoint.schema.json", renderJsonSchema],
  ["chokepoint-study.schema.json", renderStudySchema],
] as const) {
  const out = fileURLToPath(new URL(`../schema/${name}`, import.meta.url));
  writeFileSync(out, render());
  console.log(`wrote ${out}`);
}

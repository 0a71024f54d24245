// generateSchema: writes schema/chokepoint.schema.json (scenarios), schema/chokepoint-study.schema.json (studies) and schema/chokepoint-search.schema.json (searches) from the zod scenario schema (run: npm run schema).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema } from "../src/scenario/renderJsonSchema.js";
import { renderSearchSchema } from "../src/search/renderSearchSchema.js";
import { renderStudySchema } from "../src/sweep/renderStudySchema.js";

for (const [name, render] of [
  ["chokepoint.schema.json", renderJsonSchema],
  ["chokepoint-study.schema.json", renderStudySchema],
  ["chokepoint-search.schema.json", renderSearchSchema],
] as const) {
  const out = fileURLToPath(new URL(`../schema/${name}`, import.meta.url));
  writeFileSync(out, render());
  console.log(`wrote ${out}`);
}

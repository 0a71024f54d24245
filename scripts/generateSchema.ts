// generateSchema: writes schema/chokepoint.schema.json from the zod scenario schema (run: npx tsx scripts/generateSchema.ts).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema } from "../src/scenario/renderJsonSchema.js";

const out = fileURLToPath(new URL("../schema/chokepoint.schema.json", import.meta.url));
writeFileSync(out, renderJsonSchema());
console.log(`wrote ${out}`);

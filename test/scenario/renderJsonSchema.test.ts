// renderJsonSchema: the committed JSON Schema is exactly what the zod schema generates, and describes unit strings.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchema } from "../../src/scenario/renderJsonSchema.js";

describe("renderJsonSchema", () => {
  it("matches schema/chokepoint.schema.json (regenerate with npx tsx scripts/generateSchema.ts)", () => {
    expect(readFileSync("schema/chokepoint.schema.json", "utf8")).toBe(renderJsonSchema());
  });

  it("shows bandwidths as strings whose pattern accepts units and refuses bare numbers", () => {
    const schema = JSON.parse(renderJsonSchema());
    const link = schema.properties.topology.anyOf[0].properties.links.items;
    expect(link.additionalProperties).toBe(false);
    expect(link.required).toEqual(["from", "to", "bandwidth"]);
    const bandwidth = link.properties.bandwidth;
    expect(bandwidth.type).toBe("string");
    const pattern = new RegExp(bandwidth.pattern, "u");
    for (const ok of ["100Gbps", "50GB/s", "1.25e9B/s", "10 Mbps"]) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ["100", "10Gbs", "-1Gbps", "1GB"]) expect(pattern.test(bad), bad).toBe(false);
  });
});

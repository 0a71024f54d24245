// siteSchema: the schema of sites (cloud regions, neoclouds, enterprise sites, edge PoPs) and the WAN links between them.
import * as z from "zod";
import { fabricSchemas } from "./fabricSchemas.js";
import { baseSchemas, once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The schemas of sites and WAN links, built on first use. */
export const siteSchemas = once(() => {
  const { id } = baseSchemas();
  const { fatTreeSchema, leafSpineSchema, gpuClusterSchema, clos3Schema, torusSchema, dragonflySchema } = fabricSchemas();

  const degrees = (what: string, limit: number) =>
    z
      .number({ error: (iss) => `${what} must be a number of degrees, found ${JSON.stringify(iss.input)}` })
      .min(-limit, { error: (iss) => `${what} must be within [-${limit}, ${limit}] degrees, found ${String(iss.input)}` })
      .max(limit, { error: (iss) => `${what} must be within [-${limit}, ${limit}] degrees, found ${String(iss.input)}` });

  const link = (what: string) =>
    strict({
      bandwidth: quantity("rate", "positive", what),
      latency: quantity("time", "nonnegative").prefault("0s"),
    });

  /** A site: a border node `<id>` at a place, optionally with a fabric and access hosts behind it. */
  const siteSchema = strict(
    {
      id,
      kind: z.string().min(1).default("cloud").meta({ description: 'cloud, neocloud, enterprise, edge, … (default "cloud")' }),
      city: z.string().min(1).optional().meta({ description: "A city of data/cities.csv (gives lat, lon and country)" }),
      lat: degrees("lat", 90).optional(),
      lon: degrees("lon", 180).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, { error: (iss) => `country must be an ISO 3166-1 alpha-2 code such as "DE", found ${JSON.stringify(iss.input)}` })
        .optional(),
      jurisdiction: z.string().min(1).optional().meta({ description: "Tag for routing policies (default: the country)" }),
      provider: z.string().min(1).optional(),
      fabric: strict({ fatTree: fatTreeSchema.optional(), leafSpine: leafSpineSchema.optional(), gpuCluster: gpuClusterSchema.optional(), clos3: clos3Schema.optional(), torus: torusSchema.optional(), dragonfly: dragonflySchema.optional() })
        .optional()
        .meta({ description: "A generated fabric inside the site; its ids are prefixed with `<site id>.`" }),
      uplink: link("Border to each top switch of the fabric (core, spine or clos3 super-spine; a torus's router r0…0; a dragonfly's router 0 of every group)").optional(),
      hosts: strict({ count: positiveInt("hosts.count"), bandwidth: quantity("rate", "positive"), latency: quantity("time", "nonnegative").prefault("0s") })
        .optional()
        .meta({ description: "Access hosts `<site id>.h{i}` linked to the border (e.g. users or agents at an edge PoP)" }),
    },
    "A site (cloud region, neocloud, enterprise site, edge PoP) with a border node named by its id",
  );

  /** A WAN link between two sites' border nodes; latency from distance unless given. */
  const wanLinkSchema = strict(
    {
      from: id,
      to: id,
      bandwidth: quantity("rate", "positive"),
      latency: quantity("time", "nonnegative").optional().meta({ description: "Default: great-circle distance × inflation ÷ 2e8 m/s" }),
      inflation: z.number().min(1, { error: "inflation must be ≥ 1 (a fiber route is never shorter than the great circle)" }).default(1.5),
    },
    "A WAN link between two sites (full duplex)",
  );
  return { siteSchema, wanLinkSchema };
});

// policySchema: the schema of scenario-level routing policies (data sovereignty) and of the traffic-engineering controller.
import * as z from "zod";
import { baseSchemas, once, quantity, strict } from "./schemaParts.js";

/** The schemas of routing policies and of the traffic-engineering controller, built on first use. */
export const policySchemas = once(() => {
  const { id } = baseSchemas();

  const tags = (what: string) => z.array(z.string().min(1)).min(1, { error: `${what} lists at least one value` });

  /** One routing policy: the workloads it binds and where their data may go. */
  const policySchema = strict(
    {
      workloads: z.array(id).min(1, { error: "a policy names at least one workload" }).meta({ description: "Names of the workloads bound (a transfer's id, or transfer<index>)" }),
      stayIn: tags("stayIn").optional().meta({ description: "Jurisdictions every node on a route must be in (nodes outside every site are then forbidden)" }),
      avoid: strict({
        countries: tags("avoid.countries").optional(),
        providers: tags("avoid.providers").optional(),
        jurisdictions: tags("avoid.jurisdictions").optional(),
      })
        .optional()
        .meta({ description: "Sites whose country, provider or jurisdiction is listed are never crossed" }),
    },
    "A routing policy: the named workloads' flows only cross allowed nodes (see docs/scenarios.md, policies)",
  );

  /** The traffic-engineering controller of `routing.te`. */
  const teSchema = strict(
    {
      interval: quantity("time", "positive", "Time between two measurements of link utilisation"),
      delay: quantity("time", "nonnegative", "Time between a measurement and the route changes it leads to").prefault("0s"),
      mode: z
        .enum(["least-loaded", "min-max", "fair-share", "wcmp"])
        .default("fair-share")
        .meta({ description: "How a flow's path is chosen among its candidates, or (wcmp) how a pair's flows are split over them by capacity (see docs/scenarios.md)" }),
      paths: strict(
        {
          k: z
            .int({ error: (iss) => `k must be an integer, found ${JSON.stringify(iss.input)}` })
            .min(1, { error: "k must be ≥ 1" })
            .max(64, { error: (iss) => `k must be ≤ 64 (candidate paths per pair of endpoints), found ${JSON.stringify(iss.input)}` })
            .meta({ description: "Most candidate paths per pair of endpoints (Yen's k shortest loopless paths)" }),
          stretch: z
            .number({ error: (iss) => `stretch must be a number, found ${JSON.stringify(iss.input)}` })
            .min(1, { error: "stretch must be ≥ 1 (a multiple of the shortest path's latency or hops)" })
            .optional()
            .meta({ description: "Keep only candidates at most this many times as long as the shortest (latency or hops, as routing.metric); default: no bound" }),
        },
        "Candidate paths beyond the equal-cost ones: the k shortest loopless paths between the flows' endpoints (site borders)",
      ).optional(),
    },
    "An SDN controller moving flows among their candidate paths (equal-cost, or k-shortest with paths) or splitting them by capacity (wcmp), from measured load (default off: static ECMP)",
  ).superRefine((te, ctx) => {
    if (te.mode === "wcmp" && !te.paths) {
      ctx.addIssue({ code: "custom", path: [], message: 'missing required key "paths": mode "wcmp" splits flows over candidate paths, e.g. paths: { k: 4 }' });
    }
  });
  return { policySchema, teSchema };
});

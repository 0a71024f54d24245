// policySchema: the schema of scenario-level routing policies (data sovereignty) and of the traffic-engineering controller.
import { z } from "zod";
import { id, quantity, strict } from "./schemaParts.js";

const tags = (what: string) => z.array(z.string().min(1)).min(1, { error: `${what} lists at least one value` });

/** One routing policy: the workloads it binds and where their data may go. */
export const policySchema = strict(
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
export const teSchema = strict(
  {
    interval: quantity("time", "positive", "Time between two measurements of link utilisation"),
    delay: quantity("time", "nonnegative", "Time between a measurement and the route changes it leads to").prefault("0s"),
    mode: z.enum(["least-loaded", "min-max", "fair-share"]).default("fair-share").meta({ description: "How a flow's path is chosen among its equal-cost candidates (see docs/scenarios.md)" }),
  },
  "An SDN controller moving flows among their equal-cost paths from measured utilisation (default off: static ECMP)",
);

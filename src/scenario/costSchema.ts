// costSchema: the schema of a scenario's prices (GPU-hours, egress and WAN per GB, capex and its amortisation).
import * as z from "zod";
import { DEFAULT_COST, DEFAULT_EGRESS_OUT_PER_GB_USD } from "../net/CostSpec.js";
import { once, quantity, strict } from "./schemaParts.js";

/** The schema of a scenario's prices, built on first use. */
export const costSchemas = once(() => {
  const usd = (what: string) =>
    z.number({ error: (iss) => `${what} must be a number of dollars, found ${JSON.stringify(iss.input)}` }).min(0, { error: `${what} must be ≥ 0` });

  /** Prices for cost.csv; every key has a documented default (docs/reports.md, cost.csv). */
  const costSchema = strict(
    {
      gpuHour: usd("gpuHour").default(DEFAULT_COST.gpuHourUsd).meta({ description: `$ per GPU-hour (default ${DEFAULT_COST.gpuHourUsd})` }),
      egress: z
        .array(
          strict({
            provider: z.string().min(1),
            direction: z.enum(["out", "in"]).default("out"),
            perGB: usd("egress.perGB"),
          }),
        )
        .optional()
        .meta({ description: `$ per GB leaving (out) or entering (in) a provider's sites; default out ${DEFAULT_EGRESS_OUT_PER_GB_USD}, in 0 for every provider` }),
      wanPerGB: usd("wanPerGB").default(DEFAULT_COST.wanPerGbUsd).meta({ description: "$ per GB carried over WAN links (once per flow; default 0)" }),
      wanPerGBPerLink: usd("wanPerGBPerLink").default(0).meta({ description: "$ per GB per WAN link crossed (transit billed by the hop; default 0)" }),
      capex: strict({
        devices: z.record(z.string(), usd("capex.devices")).default({}).meta({ description: "$ per node by kind, e.g. { spine: 30000 }" }),
        ports: z.record(z.string(), usd("capex.ports")).default({}).meta({ description: "$ per port by link tier, e.g. { wan: 5000 } (a link has two ports)" }),
        amortization: quantity("time", "positive", "Period over which capex is spread (default 3 years)").prefault("94672800s"),
      }).optional(),
    },
    "Prices for cost.csv",
  );
  return { costSchema };
});

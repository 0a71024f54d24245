// eventsSchema: the zod schema of the scenario's `events` timeline (failures, capacity and latency changes, surges) and `report` block.
import * as z from "zod";
import { baseSchemas, once, quantity, strict } from "./schemaParts.js";

/** The kind keys of an event, in the order messages list them. */
export const EVENT_KINDS = ["linkDown", "linkUp", "nodeDown", "nodeUp", "capacity", "latency", "surge"] as const;

/** The schemas of events and of the report block, built on first use. */
export const eventsSchemas = once(() => {
  const { id } = baseSchemas();

  const linkRef = (what: string) => strict({ from: id, to: id }, what);

  /** One timed event; exactly one of its kind keys is set (checked when converted, see toEvents). */
  const eventSchema = strict(
    {
      at: quantity("time", "nonnegative", "When the event happens"),
      until: quantity("time", "nonnegative", "surge only: when the surge ends (after at)").optional(),
      linkDown: linkRef("A link fails (both directions); flows on it stall, then reroute after routing.convergence").optional(),
      linkUp: linkRef("A failed link comes back; new routes use it after routing.convergence").optional(),
      nodeDown: id.optional().meta({ description: "Every link of the node fails" }),
      nodeUp: id.optional().meta({ description: "The node's links come back (those not down themselves)" }),
      capacity: strict(
        {
          from: id.optional(),
          to: id.optional(),
          bandwidth: quantity("rate", "positive", "New bandwidth of the link from–to (both directions)").optional(),
          node: id.optional(),
          capacity: quantity("rate", "positive", "New through capacity of the node").optional(),
        },
        "A capacity change: { from, to, bandwidth } for a link or { node, capacity } for a node with a capacity",
      ).optional(),
      latency: strict(
        { from: id, to: id, latency: quantity("time", "nonnegative", "New one-way latency of the link (both directions)") },
        "A latency change, for flows routed afterwards",
      ).optional(),
      surge: strict(
        {
          workload: id.meta({ description: "Name of a workload with an arrival rate (traffic)" }),
          factor: z
            .number({ error: (iss) => `factor must be a number > 0, found ${JSON.stringify(iss.input)}` })
            .gt(0, { error: (iss) => `factor must be > 0, found ${JSON.stringify(iss.input)}` }),
        },
        "The workload's arrival rate × factor from at until until",
      ).optional(),
    },
    "A timed change to the network or the load: give `at` and exactly one of linkDown, linkUp, nodeDown, nodeUp, capacity, latency, surge",
  );


  /** The scenario's `report` block: what extra reports a run writes. */
  const reportSchema = strict(
    { interval: quantity("time", "positive", "Interval of timeseries.csv (per link and per workload bytes, throughput, utilisation)").optional() },
    "Optional reports",
  );
  return { eventSchema, reportSchema };
});

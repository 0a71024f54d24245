// agentsSchema: the zod schema of the `agents` workload (a population's arrivals, connections, sizes and task).
import * as z from "zod";
import { parseEventRate } from "../core/units.js";
import { baseSchemas, once, positiveInt, quantity, strict } from "./schemaParts.js";

/** The schema of an agents workload, built on first use. */
export const agentsSchemas = once(() => {
  const { id, sizeSchema, transportSchema } = baseSchemas();

  /** An event rate such as "100/s" or "30/min", in events per second; `min` "positive" demands > 0. */
  function perSecond(min: "positive" | "nonnegative") {
    return z
      .string({ error: (iss) => `${JSON.stringify(iss.input)} is not a rate — use e.g. "100/s" or "30/min"` })
      .transform((text, ctx) => {
        const r = parseEventRate(text);
        if (!r.ok) {
          ctx.issues.push({ code: "custom", message: r.reason, input: text });
          return z.NEVER;
        }
        const value = r.value;
        if (value < 0 || (min === "positive" && value === 0)) {
          const bound = min === "positive" ? "> 0" : "≥ 0";
          ctx.issues.push({ code: "custom", message: `${JSON.stringify(text)} is ${value < 0 ? "negative" : "zero"} — a rate must be ${bound}`, input: text });
          return z.NEVER;
        }
        return value;
      })
      .meta({ description: 'Events per unit of time, e.g. "100/s", "30/min"' });
  }

  const rateKeys = {
    rate: perSecond("positive").optional().meta({ description: "Total rate of the population" }),
    ratePerAgent: perSecond("positive").optional().meta({ description: "Rate of each agent (total = count × this)" }),
  };

  const arrivalSchema = z.union([
    strict({ periodic: strict({ every: quantity("time", "positive", "Gap between tasks") }, "One task every `every` from the start (agents in turn)") }),
    strict({ poisson: strict(rateKeys, "Poisson arrivals; give rate or ratePerAgent") }),
    strict({
      onOff: strict(
        { on: quantity("time", "positive", "Length of a burst"), off: quantity("time", "nonnegative", "Silence between bursts"), ...rateKeys },
        "Poisson arrivals during bursts only, from the start: on, off, on, …",
      ),
    }),
    strict({
      pareto: strict(
        { mean: quantity("time", "positive", "Mean gap between an agent's tasks"), shape: z.number().gt(1, { error: "shape must be > 1 (a finite mean)" }) },
        "Each agent on its own with heavy-tailed Pareto gaps",
      ),
    }),
    strict({
      profile: z
        .array(strict({ at: quantity("time", "nonnegative", "From this time after the start"), rate: perSecond("nonnegative") }))
        .min(1, { error: "a profile needs at least one step" })
        .meta({ description: "Total rate over time, piecewise constant: [{ at: 0s, rate: 100/s }, { at: 10s, rate: 500/s }]" }),
    }),
  ]);

  /** The `agents` workload: one population. */
  const agentsSchema = strict(
    {
      name: id,
      kind: z.enum(["bot", "human"]).default("human").meta({ description: "bot or human (default human), for the reports" }),
      count: positiveInt("count").default(1).meta({ description: "Agents in the population (default 1)" }),
      nodes: z.array(id).min(1, { error: "agents need at least one node" }).meta({ description: "Client nodes; agent a sits on nodes[a mod n]" }),
      arrival: arrivalSchema,
      connection: z
        .enum(["persistent", "new"])
        .optional()
        .meta({ description: "Shorthand for transport { model: tcp, persistent: true | false }: new pays the handshake on every request" }),
      keepAlive: quantity("time", "nonnegative", "tcp, persistent: the client closes a connection idle this long (default 90s; the service's own keepAlive may be shorter)").optional(),
      connectionPool: z
        .enum(["agent", "node"])
        .optional()
        .meta({ description: "tcp: whose connections — each agent its own (default), or all agents on a node share one pool (a proxy, a shared HTTP client)" }),
      request: sizeSchema.prefault("1KB").meta({ description: "Request size to services (default 1KB)" }),
      response: sizeSchema.prefault("1KB").meta({ description: "Response size from services (default 1KB)" }),
      call: id.optional().meta({ description: "The service or inference workload each task calls" }),
      parallel: z.array(id).min(1).optional().meta({ description: "Call all at once; the task ends with the last response" }),
      chain: z.array(id).min(1).optional().meta({ description: "Call one after the other" }),
      requests: positiveInt("requests").optional().meta({ description: "Stop after this many requests (tasks × calls per task, rounded up to whole tasks)" }),
      duration: quantity("time", "positive", "Tasks arrive during this long after start").optional(),
      start: quantity("time", "nonnegative").prefault("0s"),
      transport: transportSchema.optional(),
    },
    "A population of agents (bots or humans) whose tasks call services and inference endpoints over the network",
  ).superRefine((v, ctx) => {
    const targets = (["call", "parallel", "chain"] as const).filter((k) => v[k] !== undefined);
    if (targets.length !== 1) ctx.addIssue({ code: "custom", path: targets.length > 1 ? [targets[1]] : [], message: "give exactly one of call, parallel or chain" });
    if ((v.requests === undefined) === (v.duration === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "give exactly one of requests (how many) or duration (how long)" });
    }
    const a = v.arrival;
    const rates = "poisson" in a ? a.poisson : "onOff" in a ? a.onOff : undefined;
    const kind = "poisson" in a ? "poisson" : "onOff";
    if (rates && (rates.rate === undefined) === (rates.ratePerAgent === undefined)) {
      ctx.addIssue({ code: "custom", path: ["arrival", kind], message: "give exactly one of rate or ratePerAgent" });
    } else if (rates?.ratePerAgent !== undefined && !Number.isFinite(rates.ratePerAgent * v.count)) {
      ctx.addIssue({ code: "custom", path: ["arrival", kind, "ratePerAgent"], message: `${rates.ratePerAgent}/s per agent × ${v.count} agents is not a finite rate` });
    }
    if ("profile" in a) checkProfile(a.profile, v.requests !== undefined, v.duration, ctx);
    if (v.connection !== undefined && v.transport?.model !== undefined && v.transport.model !== "tcp") {
      ctx.addIssue({ code: "custom", path: ["connection"], message: `connection applies to the tcp model, but transport.model is "${v.transport.model}"` });
    }
  });

  /**
   * A profile must be able to issue what the population asks for, like a rate must be > 0:
   * steps in increasing time; some step with a rate > 0 before the end of `duration`; and,
   * with `requests`, a last step whose rate is > 0 (a profile that ends at 0/s stops issuing
   * and could leave the population short of its requests, silently).
   */
  function checkProfile(profile: Array<{ at: number; rate: number }>, byRequests: boolean, durationS: number | undefined, ctx: z.RefinementCtx): void {
    const path = ["arrival", "profile"];
    for (let i = 1; i < profile.length; i++) {
      if (!(profile[i].at > profile[i - 1].at)) {
        ctx.addIssue({ code: "custom", path: [...path, i, "at"], message: "profile steps must be in increasing time" });
        return;
      }
    }
    const live = profile.filter((p) => p.rate > 0 && (durationS === undefined || p.at < durationS));
    if (live.length === 0) {
      const window = durationS === undefined ? "" : ` before the end of duration (${durationS} s)`;
      ctx.addIssue({ code: "custom", path, message: `no step has a rate > 0${window}, so no task would ever arrive — give a step a rate > 0` });
      return;
    }
    const last = profile.length - 1;
    if (byRequests && profile[last].rate === 0) {
      ctx.addIssue({
        code: "custom",
        path: [...path, last, "rate"],
        message: `the profile ends at 0/s (from ${profile[last].at} s), so the population could stop before issuing its requests — end it with a rate > 0, or give duration instead of requests`,
      });
    }
  }
  return { agentsSchema };
});

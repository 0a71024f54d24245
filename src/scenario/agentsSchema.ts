// agentsSchema: the zod schema of the `agents` workload (a population's arrivals, connections, sizes and task).
import { z } from "zod";
import { id, positiveInt, quantity, sizeSchema, strict, transportSchema } from "./schemaParts.js";

const SECONDS: Record<string, number> = { ms: 1e-3, s: 1, min: 60, h: 3600 };

/** An event rate such as "100/s" or "30/min", in events per second; `min` "positive" demands > 0. */
function perSecond(min: "positive" | "nonnegative") {
  return z
    .string({ error: (iss) => `${JSON.stringify(iss.input)} is not a rate — use e.g. "100/s" or "30/min"` })
    .transform((text, ctx) => {
      const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*\/\s*(ms|s|min|h)\s*$/.exec(text);
      if (!m) {
        ctx.issues.push({ code: "custom", message: `${JSON.stringify(text)} is not a rate — use e.g. "100/s" or "30/min"`, input: text });
        return z.NEVER;
      }
      const value = Number(m[1]) / SECONDS[m[2]];
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
export const agentsSchema = strict(
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
  if (rates && (rates.rate === undefined) === (rates.ratePerAgent === undefined)) {
    ctx.addIssue({ code: "custom", path: ["arrival", "poisson" in a ? "poisson" : "onOff"], message: "give exactly one of rate or ratePerAgent" });
  }
  if ("profile" in a) {
    a.profile.forEach((p, i) => {
      if (i > 0 && !(p.at > a.profile[i - 1].at)) ctx.addIssue({ code: "custom", path: ["arrival", "profile", i, "at"], message: "profile steps must be in increasing time" });
    });
  }
  if (v.connection !== undefined && v.transport?.model !== undefined && v.transport.model !== "tcp") {
    ctx.addIssue({ code: "custom", path: ["connection"], message: `connection applies to the tcp model, but transport.model is "${v.transport.model}"` });
  }
});

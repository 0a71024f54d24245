// schemaParts: building blocks of the scenario schema (quantities with units, strict objects, sizes, transports) shared by every workload's schema.
import * as z from "zod";
import { closest } from "../core/closest.js";
import { HANDSHAKES, TRANSPORT_MODELS } from "../transport/TransportSpec.js";
import { parseQuantity, plainQuantity, unitExamples, unitSuffixes, type ParsedQuantity, type UnitKind } from "../core/units.js";
import { CONGESTION_CONTROLS } from "../transport/tcp/CongestionControl.js";

const NOUNS: Record<UnitKind, string> = { size: "size", rate: "bandwidth", time: "time", buffer: "buffer size" };

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const PATTERNS = new Map<UnitKind, RegExp>();

/** What a quantity of `kind` looks like: a number, at most one space, a unit suffix (spaces around allowed). */
function quantityPattern(kind: UnitKind): RegExp {
  let pattern = PATTERNS.get(kind);
  if (!pattern) {
    const units = unitSuffixes(kind)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join("|");
    pattern = new RegExp(`^\\s*\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s?(?:${units})\\s*$`);
    PATTERNS.set(kind, pattern);
  }
  return pattern;
}

/** Why `input` is not a quantity of `kind` ≥ 0 or > 0 (it failed the pattern). */
function quantityReason(input: unknown, kind: UnitKind, min: "positive" | "nonnegative"): string {
  const r = parseQuantity(input, kind);
  if (!r.ok) return r.reason;
  if (r.value < 0) return `${JSON.stringify(input)} is negative — a ${NOUNS[kind]} must be ${min === "positive" ? "> 0" : "≥ 0"}`;
  return `${JSON.stringify(input)} is not a valid ${NOUNS[kind]}`;
}

/**
 * `input` read exactly as {@link quantity}`(kind, min)` reads it — the same value, or the
 * same sentence it fails with — without zod, for inputs checked by the thousand (transfer
 * lists, CSV cells).
 */
export function readQuantity(input: unknown, kind: UnitKind, min: "positive" | "nonnegative"): ParsedQuantity {
  if (typeof input === "string") {
    const plain = plainQuantity(input, kind);
    if (plain !== undefined && (min !== "positive" || plain > 0)) return { ok: true, value: plain };
  }
  if (typeof input !== "string" || !quantityPattern(kind).test(input)) return { ok: false, reason: quantityReason(input, kind, min) };
  const r = parseQuantity(input, kind);
  if (!r.ok) return r;
  if (min === "positive" && r.value <= 0) return { ok: false, reason: `${JSON.stringify(input)} must be > 0` };
  return r;
}

/**
 * A string quantity such as "100Gbps" parsed into engine units. `min` "positive" demands
 * > 0; otherwise ≥ 0. The JSON Schema shows a string with a pattern listing the units.
 */
export function quantity(kind: UnitKind, min: "positive" | "nonnegative", what?: string) {
  const reason = (input: unknown): string => quantityReason(input, kind, min);
  return z
    .string({ error: (iss) => reason(iss.input) })
    .regex(quantityPattern(kind), { error: (iss) => reason(iss.input) })
    .transform((text, ctx) => {
      const r = parseQuantity(text, kind);
      if (!r.ok) {
        ctx.issues.push({ code: "custom", message: r.reason, input: text });
        return z.NEVER;
      }
      if (min === "positive" && r.value <= 0) {
        ctx.issues.push({ code: "custom", message: `${JSON.stringify(text)} must be > 0`, input: text });
        return z.NEVER;
      }
      return r.value;
    })
    .meta({ description: `${what ? `${what}: a` : "A"} ${NOUNS[kind]} with a unit, e.g. ${unitExamples(kind)}` });
}

/** A strict object: unknown keys are rejected with a "did you mean" hint. */
export function strict<T extends z.core.$ZodLooseShape>(shape: T, description?: string) {
  const known = Object.keys(shape);
  const schema = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== "unrecognized_keys") return undefined;
      const key = iss.keys[0];
      const near = closest(key, known);
      const hint = near ? ` (did you mean "${near}"?)` : ` — expected one of ${known.join(", ")}`;
      return `unknown key "${key}"${hint}`;
    },
  });
  return description ? schema.meta({ description }) : schema;
}

/**
 * An integer ≥ 1; messages name `what`. A whole number beyond 2⁵³ − 1 (`flows: 1e20`) is
 * said to be too large, not "not an integer": z.int refuses it because a double no longer
 * counts by 1 there.
 */
export const positiveInt = (what: string) =>
  z
    .int({
      error: (iss) =>
        typeof iss.input === "number" && Number.isInteger(iss.input)
          ? `${what} must be at most ${Number.MAX_SAFE_INTEGER}, found ${JSON.stringify(iss.input)}`
          : `${what} must be an integer, found ${JSON.stringify(iss.input)}`,
    })
    .min(1, { error: `${what} must be ≥ 1` });

/**
 * `{ median, sigma }` of a lognormal distribution, refused when its mean median·e^(σ²/2)
 * is not finite (σ ≳ 37.6): draws would overflow to an infinite size, time or token count.
 */
export function lognormalSchema(median: z.ZodType<number, unknown>, sigma: z.ZodType<number, unknown>) {
  return strict({ median, sigma }).refine((l) => Number.isFinite(l.median * Math.exp((l.sigma * l.sigma) / 2)), {
    error: (iss) => `sigma ${String((iss.input as { sigma: number }).sigma)} makes the mean median·e^(σ²/2) infinite — a lognormal needs a finite mean`,
    path: ["sigma"],
  });
}

/**
 * `fn`'s value, computed on the first call and kept. The scenario schema is built from
 * zod objects by the hundred, which costs ~20 ms at start-up: each schema module builds
 * its schemas on first use instead, and a run whose JSON scenario is read without the
 * schema ({@link import("./fastTransfers.js").parseScenarioDocument}) never builds them.
 */
export function once<T>(fn: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = fn();
      built = true;
    }
    return value as T;
  };
}

/** The schemas shared by every workload's schema — an id, a transport block, sizes — built on first use. */
export const baseSchemas = once(() => {
  /** A non-empty id (node, workload, flow). */
  const id = z.string().min(1, { error: "an id must not be empty" });

  /** A transport block (scenario-level or per workload). */
  const transportSchema = strict(
    {
      model: z.enum(TRANSPORT_MODELS).optional().meta({ description: 'How flows are carried (default "maxmin")' }),
      handshake: z.enum(HANDSHAKES).optional().meta({ description: 'tcp: set-up before data on a new connection (default "tls1.3")' }),
      initialWindow: positiveInt("initialWindow").optional().meta({ description: "tcp: initial congestion window, segments (default 10)" }),
      mss: quantity("size", "positive", "tcp: maximum segment size (default 1448B)").optional(),
      window: quantity("size", "positive", "tcp: receive/send window, rate ≤ window/RTT (default 4MiB)").optional(),
      persistent: z.boolean().optional().meta({ description: "tcp: reuse idle connections between the same pair (default false)" }),
      idleTimeout: quantity("time", "nonnegative", "tcp: idle time after which a persistent connection restarts slow start (default 1s)").optional(),
      cc: z.enum(CONGESTION_CONTROLS).optional().meta({ description: 'tcp: congestion control — cubic (default), newreno or dctcp (reacts to ECN marks at ports with an ecnThreshold)' }),
      headers: quantity("size", "nonnegative", "tcp: bytes on the wire per segment besides the payload (default 90B: TCP/IP with timestamps and Ethernet framing)").optional(),
      delayedAck: positiveInt("delayedAck").optional().meta({ description: "tcp: segments per ACK (default 2)" }),
      minRto: quantity("time", "positive", "tcp: least retransmission timeout (default 200ms)").optional(),
      synTimeout: quantity("time", "positive", "tcp: wait before a lost SYN or SYN-ACK is sent again, doubled for each loss in a row (default 1s)").optional(),
    },
    "Transport model: maxmin, maxmin-rtt (weight 1/RTT), tcp (handshake, slow start, window) or rdma; a workload's keys override the scenario's",
  );

  /** A size > 0 with a unit. */
  const positiveSize = quantity("size", "positive");

  /** A size distribution: a fixed size, exponential, lognormal, Pareto or an empirical CDF. */
  const sizeSchema = z.union([
    positiveSize,
    strict({ exponential: strict({ mean: positiveSize }) }),
    strict({ lognormal: lognormalSchema(positiveSize, z.number().positive({ error: "sigma must be > 0" })) }),
    strict({
      pareto: strict({ mean: positiveSize, shape: z.number().gt(1, { error: "shape must be > 1 (a finite mean)" }) }),
    }),
    strict({ cdf: z.string().min(1).meta({ description: '"websearch", "datamining" or a CSV file (size_bytes,cdf)' }) }),
  ]);
  return { id, transportSchema, positiveSize, sizeSchema };
});

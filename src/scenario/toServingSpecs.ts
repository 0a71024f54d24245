// toServingSpecs: convert the schema's service, inference and agents entries into engine-facing workload specs.
import { InputError } from "../core/InputError.js";
import type { ArrivalSpec } from "../workloads/agents/AgentsSpec.js";
import { CLIENT_KEEP_ALIVE_S, type ConnectionSpec } from "../workloads/connections/ConnectionSpec.js";
import { SERVICE_CONNECTION_DEFAULTS, type TimeSpec, type TokenSpec } from "../workloads/serving/ServingSpecs.js";
import type { SizeSpec } from "../workloads/specs.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import type { AgentsLoadSpec, InferencePlacementSpec, ReplicaPool, ServiceLoadSpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";
import type { FileTransport } from "./toTransportSpec.js";

type Entry = ScenarioFile["workloads"][number];
type Of<K extends string> = Extract<Entry, Record<K, unknown>> extends Record<K, infer T> ? T : never;
type FileTime = Of<"service">["serviceTime"];
type FileTokens = Of<"inference">["prompt"];
type FileSize = Of<"agents">["request"];
/** Merges the scenario's transport with the workload's layers (see toScenario). */
export type TransportOf = (keyPath: string, own: FileTransport | undefined, extra?: FileTransport) => { transport?: TransportSpec };

function time(t: FileTime): TimeSpec {
  if (typeof t === "number") return { fixed: t };
  if ("exponential" in t) return { exponential: { meanS: t.exponential.mean } };
  return { lognormal: { medianS: t.lognormal.median, sigma: t.lognormal.sigma } };
}

function tokens(t: FileTokens): TokenSpec {
  if (typeof t === "number") return { fixed: t };
  if ("exponential" in t) return { exponential: { mean: t.exponential.mean } };
  if ("uniform" in t) return { uniform: { min: t.uniform.min, max: t.uniform.max } };
  return { lognormal: { median: t.lognormal.median, sigma: t.lognormal.sigma } };
}

function pool(p: { gpus?: string[]; replicas?: number }): ReplicaPool {
  return p.gpus !== undefined ? { gpus: p.gpus } : { replicas: p.replicas! };
}

/** A `service` entry; its `connections` keys default to {@link SERVICE_CONNECTION_DEFAULTS}. */
export function toServiceSpec(t: Of<"service">): ServiceLoadSpec {
  const c = t.connections;
  const d = SERVICE_CONNECTION_DEFAULTS;
  return {
    kind: "service",
    name: t.name,
    nodes: t.nodes,
    serviceTime: time(t.serviceTime),
    concurrency: t.concurrency,
    balance: t.balance,
    connections: {
      tlsHandshake: c?.tlsHandshake !== undefined ? time(c.tlsHandshake) : d.tlsHandshake,
      limit: c?.limit ?? d.limit,
      keepAliveS: c?.keepAlive ?? d.keepAliveS,
    },
  };
}

/** An `inference` entry (pools still unresolved). */
export function toInferenceSpec(t: Of<"inference">, i: number, transportOf: TransportOf): InferencePlacementSpec {
  const d = t.disaggregation;
  return {
    kind: "inference",
    name: t.name,
    ...(d === undefined && { pool: pool(t) }),
    ...(d !== undefined && { disaggregation: { prefill: pool(d.prefill), decode: pool(d.decode), kvBytesPerToken: d.kvBytesPerToken } }),
    prompt: tokens(t.prompt),
    output: tokens(t.output),
    bytesPerToken: t.bytesPerToken,
    requestOverheadBytes: t.requestOverhead,
    tokenBytes: t.tokenBytes,
    prefill: { baseS: t.prefill.base, perUnitS: t.prefill.perToken },
    decode: { baseS: t.decode.base, perUnitS: t.decode.perSequence },
    maxBatch: t.maxBatch,
    balance: t.balance,
    ...(t.coldStart && { coldStart: { weightsBytes: t.coldStart.weights, ...(t.coldStart.from && { storageNodes: t.coldStart.from }) } }),
    ...transportOf(`workloads[${i}].inference.transport`, t.transport),
  };
}

/**
 * An `agents` entry: rates become totals, `requests` becomes whole tasks, `connection` becomes
 * tcp, and on tcp the agents keep connections ({@link ConnectionSpec}).
 *
 * @throws InputError (naming `file` and the key) for `keepAlive` or `connectionPool` where no
 * connection is kept: a transport other than tcp, or (keepAlive) connections that are not persistent.
 */
export function toAgentsSpec(t: Of<"agents">, i: number, size: (s: FileSize) => SizeSpec, transportOf: TransportOf, file: string): AgentsLoadSpec {
  const calls = t.call !== undefined ? [t.call] : (t.parallel ?? t.chain)!;
  const total = (r: { rate?: number; ratePerAgent?: number }) => r.rate ?? r.ratePerAgent! * t.count;
  const a = t.arrival;
  const arrival: ArrivalSpec =
    "periodic" in a
      ? { periodic: { everyS: a.periodic.every } }
      : "poisson" in a
      ? { poisson: { ratePerS: total(a.poisson) } }
      : "onOff" in a
        ? { onOff: { onS: a.onOff.on, offS: a.onOff.off, ratePerS: total(a.onOff) } }
        : "pareto" in a
          ? { pareto: { meanGapS: a.pareto.mean, shape: a.pareto.shape } }
          : { profile: a.profile.map((p) => ({ atS: p.at, ratePerS: p.rate })) };
  const connection: FileTransport | undefined = t.connection && { model: "tcp", persistent: t.connection === "persistent" };
  const { transport } = transportOf(`workloads[${i}].agents.transport`, t.transport, connection);
  const fail = (key: string, message: string): never => {
    throw new InputError(`${file}: workloads[${i}].agents.${key}: ${message}`);
  };
  let connections: ConnectionSpec | undefined;
  if (transport?.model === "tcp") {
    if (t.keepAlive !== undefined && !transport.persistent) {
      fail("keepAlive", "applies to persistent connections, but this population opens a new connection per request — give connection: persistent, or drop keepAlive");
    }
    connections = {
      persistent: transport.persistent,
      keepAliveS: t.keepAlive ?? CLIENT_KEEP_ALIVE_S,
      pool: t.connectionPool ?? "agent",
      tls: transport.handshake !== "none" && transport.handshake !== "tcp",
    };
  } else {
    const key = t.keepAlive !== undefined ? "keepAlive" : t.connectionPool !== undefined ? "connectionPool" : undefined;
    if (key) fail(key, `applies to connections, which only the tcp transport keeps, but this population's transport is "${transport?.model ?? "maxmin"}" — give connection: persistent or transport: { model: tcp }`);
  }
  return {
    kind: "agents",
    name: t.name,
    agentKind: t.kind,
    count: t.count,
    nodes: t.nodes,
    arrival,
    request: size(t.request),
    response: size(t.response),
    calls,
    mode: t.chain !== undefined ? "chain" : "parallel",
    startS: t.start,
    ...(t.duration !== undefined && { durationS: t.duration }),
    ...(t.requests !== undefined && { tasks: Math.ceil(t.requests / calls.length) }),
    ...(transport && { transport }),
    ...(connections && { connections }),
  };
}

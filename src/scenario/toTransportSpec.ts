// toTransportSpec: merge a scenario's and a workload's `transport` keys into one engine-unit TransportSpec.
import { InputError } from "../core/InputError.js";
import { MAXMIN_TRANSPORT, TCP_DEFAULTS, type TransportSpec } from "../transport/TransportSpec.js";
import type { ScenarioFile } from "./scenarioSchema.js";

/** The `transport` mapping as the schema outputs it (engine units, every key optional). */
export type FileTransport = NonNullable<ScenarioFile["transport"]>;

const TCP_KEYS = ["handshake", "initialWindow", "mss", "window", "persistent", "idleTimeout", "cc", "headers", "delayedAck", "minRto", "synTimeout"] as const;

/**
 * The transport of one workload: the keys of `layers` (scenario first, then the workload)
 * override each other in order; missing ones take the model's defaults (model "maxmin").
 * Each layer is paired with its key path for messages.
 *
 * @throws InputError when a layer gives tcp options while the model in force there is not
 * tcp (they would be ignored, and unknown-in-effect keys are rejected, never ignored).
 */
export function toTransportSpec(file: string, layers: Array<{ keyPath: string; transport: FileTransport | undefined }>): TransportSpec {
  const merged: FileTransport = {};
  for (const { keyPath, transport } of layers) {
    if (!transport) continue;
    Object.assign(merged, transport);
    const model = merged.model ?? "maxmin";
    if (model === "tcp") continue;
    const key = TCP_KEYS.find((k) => transport[k] !== undefined);
    if (key) throw new InputError(`${file}: ${keyPath}.${key}: applies to model "tcp" only, but the model here is "${model}"`);
  }
  const model = merged.model ?? "maxmin";
  if (model !== "tcp") return model === "maxmin" ? MAXMIN_TRANSPORT : { model };
  const d = TCP_DEFAULTS;
  return {
    model: "tcp",
    handshake: merged.handshake ?? d.handshake,
    initialWindowSegments: merged.initialWindow ?? d.initialWindowSegments,
    mssBytes: merged.mss ?? d.mssBytes,
    windowBytes: merged.window ?? d.windowBytes,
    persistent: merged.persistent ?? d.persistent,
    idleTimeoutS: merged.idleTimeout ?? d.idleTimeoutS,
    cc: merged.cc ?? d.cc,
    headerBytes: merged.headers ?? d.headerBytes,
    delayedAck: merged.delayedAck ?? d.delayedAck,
    minRtoS: merged.minRto ?? d.minRtoS,
    synTimeoutS: merged.synTimeout ?? d.synTimeoutS,
  };
}

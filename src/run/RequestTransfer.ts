// RequestTransfer: a workload's TransferRequest as the TransportTransfer its transport starts, with the connection key made only when a transport asks for it.
import type { TransportTransfer } from "../transport/Transport.js";
import type { TransferRequest } from "../workloads/Workload.js";

/**
 * The {@link TransportTransfer} of one request. `pairKey` (the endpoints and any pinned
 * path, which transports that pool connections key them by) is built on first read and
 * kept: a fluid transport never reads it, so a run of a million fluid flows builds no such
 * string.
 */
export class RequestTransfer implements TransportTransfer {
  readonly id: string;
  readonly sizeBytes: number;
  readonly weight?: number;
  readonly capBps?: number;
  readonly reply: boolean;
  readonly extraLatencies?: number;
  readonly connection?: { handle: object; opens: boolean };
  private key: string | undefined = undefined;

  constructor(private readonly request: TransferRequest) {
    this.id = request.id;
    this.sizeBytes = request.sizeBytes;
    this.weight = request.weight;
    this.capBps = request.capBps;
    this.reply = request.reply === true;
    this.extraLatencies = request.extraLatencies;
    this.connection = request.connection;
  }

  /** Connections are per ordered endpoint pair; a pinned path is part of the key so reuse keeps the path's RTT. */
  get pairKey(): string {
    if (this.key === undefined) {
      const r = this.request;
      this.key = `${r.src}\u0000${r.dst}${r.path ? `\u0000${r.path.join("\u0000")}` : ""}`;
    }
    return this.key;
  }
}

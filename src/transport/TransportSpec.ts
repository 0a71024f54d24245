// TransportSpec: the named transport models (maxmin, maxmin-rtt, tcp, rdma) and their options, in engine units.
import type { CongestionControlName } from "./tcp/CongestionControl.js";

/** The transport models, in the order the scenario schema lists them. */
export const TRANSPORT_MODELS = ["maxmin", "maxmin-rtt", "tcp", "rdma"] as const;
/** One of {@link TRANSPORT_MODELS}. */
export type TransportModel = (typeof TRANSPORT_MODELS)[number];

/** Connection set-ups a `tcp` flow can pay before its first byte, in the order the schema lists them. */
export const HANDSHAKES = ["none", "tcp", "tls1.2", "tls1.3", "quic", "quic-0rtt"] as const;
/** One of {@link HANDSHAKES}. */
export type Handshake = (typeof HANDSHAKES)[number];

/** Options of the `tcp` model, in engine units. */
export interface TcpOptions {
  model: "tcp";
  /** Set-up paid by a new connection before any data (see `handshakeRounds`). */
  handshake: Handshake;
  /** Initial congestion window, segments. */
  initialWindowSegments: number;
  /** Maximum segment size, bytes. */
  mssBytes: number;
  /** Receive/send window, bytes: the rate never exceeds windowBytes / RTT. */
  windowBytes: number;
  /** Whether later transfers of the same workload between the same pair reuse an idle connection. */
  persistent: boolean;
  /** A persistent connection idle longer than this restarts slow start (Linux tcp_slow_start_after_idle), seconds. */
  idleTimeoutS: number;
  /** Congestion control: window growth, reaction to marks (dctcp) or losses (newreno, cubic). */
  cc: CongestionControlName;
  /** Bytes on the wire per segment besides its payload (TCP/IP headers and link framing). */
  headerBytes: number;
  /** Segments per ACK the receiver sends (delayed ACKs). */
  delayedAck: number;
  /** Least retransmission timeout, seconds. */
  minRtoS: number;
  /** Wait before a lost SYN (or SYN-ACK) is sent again, doubled for each loss in a row, seconds. */
  synTimeoutS: number;
}

/**
 * How a workload's transfers are carried:
 * - `maxmin`: the flow drains at its max-min share from its first byte (the default);
 * - `rdma`: the same (line-rate start, no handshake), named for GPU fabrics;
 * - `maxmin-rtt`: max-min with weight ∝ 1/RTT of the route (SimGrid CM02's native sharing);
 * - `tcp`: handshake, windows under a congestion control (cubic, newreno, dctcp) that meets queues,
 *   marks, losses and timeouts at ports, headers per segment, optional persistent connections.
 */
export type TransportSpec = { model: "maxmin" } | { model: "rdma" } | { model: "maxmin-rtt" } | TcpOptions;

/** The default transport: plain max-min. */
export const MAXMIN_TRANSPORT: TransportSpec = { model: "maxmin" };

/**
 * Defaults of the `tcp` model: TLS 1.3, IW 10, MSS 1448 B, 4 MiB window, new connection per
 * transfer, 1 s idle restart, Cubic (Linux's default), 90 B per segment on the wire (TCP/IP
 * with timestamps 52 B, Ethernet header, FCS, preamble and inter-frame gap 38 B), an ACK every
 * 2 segments, min RTO 200 ms and SYN timeout 1 s (Linux; ns-3's ConnTimeout).
 */
export const TCP_DEFAULTS: TcpOptions = {
  model: "tcp",
  handshake: "tls1.3",
  initialWindowSegments: 10,
  mssBytes: 1448,
  windowBytes: 4 * 1024 * 1024,
  persistent: false,
  idleTimeoutS: 1,
  cc: "cubic",
  headerBytes: 90,
  delayedAck: 2,
  minRtoS: 0.2,
  synTimeoutS: 1,
};

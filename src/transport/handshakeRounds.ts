// handshakeRounds: round trips a new connection spends before its first data byte, per handshake.
import type { Handshake } from "./TransportSpec.js";

const ROUNDS: Record<Handshake, number> = {
  none: 0,
  tcp: 1,
  "tls1.3": 2,
  "tls1.2": 3,
  quic: 1,
  "quic-0rtt": 0,
};

/**
 * Round trips before data on a new connection: TCP's SYN/SYN-ACK 1, TLS 1.3 on TCP 1 + 1 = 2,
 * TLS 1.2 on TCP 1 + 2 = 3, QUIC (transport and TLS together) 1, QUIC 0-RTT resumption 0.
 */
export function handshakeRounds(handshake: Handshake): number {
  return ROUNDS[handshake];
}

/** Whether a handshake's first round is TCP's SYN and SYN-ACK (tcp, tls1.2, tls1.3; not QUIC's, whose Initial packets have their own timer). */
export function opensWithSyn(handshake: Handshake): boolean {
  return handshake === "tcp" || handshake === "tls1.2" || handshake === "tls1.3";
}

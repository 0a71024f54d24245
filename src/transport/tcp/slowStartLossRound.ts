// slowStartLossRound: the round trip that tells a slow-start loss — the window its in-order ACKs grow, what it sends before the third duplicate ACK, and the flight the cut is taken from.
import { DUPTHRESH } from "./dupAcksTell.js";

/** What {@link slowStartLossRound} returns, segments. */
export interface LossRound {
  /** The window at the first duplicate ACK: the loss round's, grown by the ACKs ahead of the first hole only. */
  grown: number;
  /** New data sent before the third duplicate ACK: the in-order ACKs' room, then one per earlier duplicate ACK (SACK's pipe). */
  sentBefore: number;
  /** Everything outstanding at the third duplicate ACK (ns-3's `UnAckDataCount`, PRR's RecoverFS). */
  unacked: number;
  /** RFC 6675's pipe then (ns-3's `BytesInFlight`, NewReno's ssthresh × 2): outstanding less the three SACKed and the holes deemed lost. */
  pipe: number;
}

/**
 * The round trip after a slow-start round of `w` packets first lost packets, as ns-3 3.37's
 * `TcpSocketBase` runs it with SACK: the round's `inOrder` packets ahead of its first hole come
 * back as new ACKs, each growing the window in slow start (`growth` − 1 per packet: NewReno one
 * segment per ACK, Cubic per segment acknowledged; never beyond `windowSegs`), and each letting
 * out what the window then allows; every survivor behind the hole returns a duplicate ACK, which
 * grows nothing (`ProcessAck`: `IncreaseWindow` only in CA_OPEN) but, its segment SACKed, frees
 * one segment of pipe for new data (the first two; `leftPackets` caps both). At the third
 * duplicate ACK, `EnterRecovery` marks the `headHoles` ahead of the first survivor lost (3
 * segments SACKed above them, RFC 6675's IsLost) and takes ssthresh from `BytesInFlight` (the
 * pipe: NewReno halves it) or from the window (Cubic: β × cwnd), and PRR's RecoverFS from the
 * data outstanding. Not grown by every survivor of the round, as a round trip without the loss.
 */
export function slowStartLossRound(w: number, inOrder: number, headHoles: number, growth: number, windowSegs: number, leftPackets: number): LossRound {
  const k = Math.min(Math.max(0, inOrder), w);
  const grown = Math.max(w, Math.min(w + k * (growth - 1), windowSegs));
  // The in-order ACKs move the window's left edge by k and its size to `grown`: what lies beyond the round goes out.
  const room = Math.max(0, k + grown - w);
  const sentBefore = Math.max(0, Math.min(leftPackets, room + (DUPTHRESH - 1)));
  const unacked = w - k + sentBefore;
  const pipe = Math.max(0, unacked - DUPTHRESH - headHoles);
  return { grown, sentBefore, unacked, pipe };
}

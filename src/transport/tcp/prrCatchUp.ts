// prrCatchUp: how much of a slow-start recovery's cut window goes out at the ACK clock, and how much at once when its first retransmission is acknowledged.

/** What {@link prrCatchUp} returns: packets sent over the recovery round's ACK train, then at once. */
export interface PrrSplit {
  /** Packets sent at the ACK clock while the round's ACKs come back (retransmissions first). */
  clocked: number;
  /** Packets sent at once when the first retransmission is acknowledged: ssthresh − pipe then. */
  catchUp: number;
}

/** 2³²: ns-3 3.37 multiplies PRR's delivered bytes by ssthresh in 32-bit unsigned arithmetic. */
const UINT32 = 4294967296;

/**
 * The recovery's ACKs in runs, as {@link prrWalk} takes them: `survivors` ACKs in a row, each
 * marking `holes / survivors` holes lost (RFC 6675's IsLost, the holes among them).
 */
export interface AckRun {
  survivors: number;
  holes: number;
}

/**
 * Proportional rate reduction as ns-3 3.37's `TcpPrrRecovery::DoRecovery` runs it (SSRB, its
 * default), over a recovery from a flight of `recoverFs` segments (RecoverFS) with the cut
 * window `ssthresh`, its ACKs coming back in `runs`. Every ACK takes its segment out of the pipe
 * and marks its run's share of holes lost. While the pipe is above ssthresh RFC 6937 sends
 * ⌈prrDelivered · ssthresh / RecoverFS⌉ − prrOut, but 3.37 multiplies the two byte counts as
 * `uint32_t` (fixed in ns-3 only by #1282, 2026): once prrDelivered · ssthresh in bytes passes
 * 2³² (after 2³² / (ssthresh · mss²) segments delivered: ~3 for a window of 700) the product
 * wraps and the send count stays below what was sent, so nothing more goes out above ssthresh
 * (at most 2³² / (RecoverFS · mss²) segments after the wrap). At or below ssthresh, until a
 * retransmission is acknowledged, `limit = deliveredBytes`: one segment per segment delivered,
 * so there the pipe falls only by the holes marked. When the first retransmission is
 * acknowledged the window is set to ssthresh over the pipe: the catch-up, sent at once. The
 * packets the ACK clock sent meanwhile are `clocked`; with every hole marked they and the
 * catch-up make ssthresh.
 */
export function prrWalk(recoverFs: number, ssthresh: number, runs: readonly AckRun[], mssBytes: number): PrrSplit {
  const w = recoverFs;
  const s = Math.min(ssthresh, w);
  let survivors = 0;
  for (const run of runs) survivors += Math.max(0, run.survivors);
  // No survivor: no ACK clocks anything out; all of it waits for the retransmission's ACK.
  if (!(w > 0) || !(survivors > 0)) return { clocked: 0, catchUp: s };
  // Segments delivered before the product wraps, and what PRR sends per ACK until then.
  const wrapAt = UINT32 / (s * mssBytes * mssBytes);
  const perAckAbove = s / w;
  let pipe = w;
  let sent = 0;
  let delivered = 0;
  for (const run of runs) {
    const d = run.survivors;
    if (!(d > 0)) continue;
    const h = run.holes / d;
    let rest = d;
    // Above ssthresh, before the wrap: PRR proper.
    if (pipe > s && delivered < wrapAt) {
      const fall = 1 + h - perAckAbove;
      const x = Math.min(rest, wrapAt - delivered, fall > 0 ? (pipe - s) / fall : Infinity);
      pipe -= fall * x;
      sent += x * perAckAbove;
      delivered += x;
      rest -= x;
    }
    // Above ssthresh after the wrap: nothing sent.
    if (rest > 0 && pipe > s) {
      const x = Math.min(rest, (pipe - s) / (1 + h));
      pipe -= (1 + h) * x;
      delivered += x;
      rest -= x;
    }
    // At or below ssthresh: one sent per one delivered; the pipe falls by the holes marked.
    pipe -= rest * h;
    sent += rest;
    delivered += rest;
  }
  const clocked = Math.min(s, sent);
  return { clocked, catchUp: Math.max(0, s - Math.max(0, pipe)) };
}

/**
 * {@link prrWalk} with the `lost` holes spread over the flight of `recoverFs` (each ACK marks
 * lost / (recoverFS − lost) of them): the split where nothing says where the holes sit.
 */
export function prrCatchUp(recoverFs: number, lost: number, ssthresh: number, mssBytes: number): PrrSplit {
  const l = Math.min(Math.max(0, lost), Math.max(0, recoverFs));
  return prrWalk(recoverFs, ssthresh, [{ survivors: recoverFs - l, holes: l }], mssBytes);
}

/**
 * {@link prrWalk} where drop-tail FIFOs placed the holes: a slow-start loss at such a port
 * leaves them in the tail of the round that overflowed (`firstLost` among its last `firstSpan`
 * packets, from the buffer's fill on, at the front of the flight), and in the tail of the round
 * that tells it (`lastLost` among its last `lastSpan`, at the end), with that round's packets
 * ahead of its fill clean between them; the recovery's ACKs come back in that order. Holes
 * bunched at the end are marked lost late, after the pipe has reached ssthresh, and each then
 * lowers it by one: the catch-up is about the telling round's holes. Evidence (ns-3 3.37
 * `tracedrops`, `tracecwnd`, `tracetx`): `rtt-mix-newreno`'s rtt2_0, a flight of 1,152 (128 of
 * the overflowing round's tail with 64 holes, 436 clean, 587 with 294 holes), ssthresh 576:
 * nothing sent while the 564 ACKs before the last run come back, then 282 retransmissions one
 * per ACK, cwnd from 575 to 294 and a jump of 281 (this gives 288); `wan-cubic-shallow`'s bulk0,
 * 1,057 (223 with 112, 418 clean, 416 with 209), ssthresh 738: a jump of 181 (this: 209).
 */
export function prrCatchUpFifo(recoverFs: number, ssthresh: number, firstSpan: number, firstLost: number, lastSpan: number, lastLost: number, mssBytes: number): PrrSplit {
  // The spans are the flight's (a window that counts fewer holds them all).
  const span1 = Math.max(0, firstSpan, firstLost);
  const span3 = Math.max(0, lastSpan, lastLost);
  const w = Math.max(0, recoverFs, span1 + span3);
  const l1 = Math.min(span1, Math.max(0, firstLost));
  const l3 = Math.min(span3, Math.max(0, lastLost));
  return prrWalk(
    w,
    ssthresh,
    [
      { survivors: span1 - l1, holes: l1 },
      { survivors: w - span1 - span3, holes: 0 },
      { survivors: span3 - l3, holes: l3 },
    ],
    mssBytes,
  );
}

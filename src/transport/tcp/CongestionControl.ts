// CongestionControl: the window laws of NewReno, Cubic and DCTCP as a flow-level model reads them (growth per RTT, decrease, slow-start exit).

/** The congestion controls of the `tcp` model, in the order the schema lists them. */
export const CONGESTION_CONTROLS = ["cubic", "newreno", "dctcp"] as const;
/** One of {@link CONGESTION_CONTROLS}. */
export type CongestionControlName = (typeof CONGESTION_CONTROLS)[number];

/** Cubic's scaling constant C, segments/s³ (RFC 8312 and ns-3's TcpCubic default). */
export const CUBIC_C = 0.4;
/** Cubic's multiplicative decrease: the window kept after a loss (RFC 8312, ns-3 and Linux). */
export const CUBIC_BETA = 0.7;
/** NewReno's multiplicative decrease (RFC 5681: ssthresh = flight size / 2). */
export const RENO_BETA = 0.5;
/** DCTCP's gain g for the marking average α (RFC 8257 and ns-3: 1/16). */
export const DCTCP_G = 1 / 16;
/** HyStart's lowest window for slow-start exit, segments (ns-3 TcpCubic HyStartLowWindow). */
export const HYSTART_LOW_WINDOW = 16;

/**
 * DCTCP's cut of a window of `w` segments at marking average `alpha`: (1 − α/2)·w. ns-3 3.37's
 * TcpDctcp::GetSsThresh answers every caller so — a marked window (EnterCwr), a fast
 * retransmit (EnterRecovery) and a timeout (ReTxTimeout) alike.
 */
export function dctcpCut(w: number, alpha: number): number {
  return w * (1 - alpha / 2);
}

/** DCTCP's marking average after one window of data with `fraction` of it marked: g of the way from `alpha` (Alizadeh et al. 2010, eq. 1). */
export function dctcpAlphaStep(alpha: number, fraction: number): number {
  return (1 - DCTCP_G) * alpha + DCTCP_G * fraction;
}

/**
 * The window factor of one slow-start round trip. DCTCP (Linux Reno underneath) and Cubic
 * (ns-3 3.37 and Linux count acknowledged bytes, RFC 3465) double the window per RTT; NewReno
 * as ns-3 implements it adds one segment per ACK, so with an ACK for every `delayedAck`
 * segments it grows by 1 + 1/delayedAck per RTT.
 */
export function slowStartFactor(cc: CongestionControlName, delayedAck: number): number {
  return cc === "newreno" ? 1 + 1 / delayedAck : 2;
}

/**
 * Segments added to the window in one congestion-avoidance round trip, NewReno and DCTCP:
 * NewReno (ns-3) adds MSS²/cwnd per ACK, so 1/delayedAck segments per RTT; DCTCP (ns-3 and
 * Linux Reno, counting acknowledged segments) one segment per RTT.
 */
export function renoIncreasePerRtt(cc: "newreno" | "dctcp", delayedAck: number): number {
  return cc === "newreno" ? 1 / delayedAck : 1;
}

/** Cubic's growth before any loss (ns-3's cnt clamp of 20: one segment per 20 acknowledged), per RTT. */
const CUBIC_PRELOSS_GROWTH = 1.05;
/** The fastest Cubic lets the window grow in avoidance (ns-3: one segment per 2 acknowledged), per RTT. */
const CUBIC_MAX_GROWTH = 1.5;

/**
 * Cubic's window, in segments, `dtS` seconds after it was `w` at `tS` seconds into the epoch
 * anchored at `wMax` (the window at the last loss, 0 before any) and `w0` (the window when the
 * epoch began) (RFC 8312 §4.1, as ns-3 3.37's TcpCubic::Update): it moves towards the curve — after a loss
 * W(t) = W_max + C(t + RTT − K)³ with K = ∛((W_max − w0)/C), concave back up to W_max then convex
 * beyond; before any loss (an epoch begun by HyStart) w0 + C((t + RTT)³ − RTT³) — never down,
 * never faster than 1.5× per RTT, and before any loss at least 5 % per RTT (ns-3's clamp of one
 * segment per 20 acknowledged). Growth per RTT is counted at `rttS`, the round trip now (queues
 * included), so it advances in steps from the last known window: ns-3 measures t from the epoch
 * plus the minimum RTT (the ACK being processed left one RTT ago), hence the `+ RTT`.
 */
export function cubicAdvance(wMax: number, w0: number, w: number, tS: number, dtS: number, rttS: number): number {
  return cubicAdvanceFrom(wMax, w0, cubicK(wMax, w0), w, tS, dtS, rttS);
}

/** Cubic's K = ∛((W_max − w0)/C), seconds: when the curve of an epoch after a loss comes back to W_max (0 before any loss, where no curve needs it). */
export function cubicK(wMax: number, w0: number): number {
  return wMax > w0 ? Math.cbrt((wMax - w0) / CUBIC_C) : 0;
}

/** ln of the growth caps, for the bounds that spare their powers in {@link cubicAdvanceFrom}. */
const LN_MAX_GROWTH = Math.log(CUBIC_MAX_GROWTH);
const LN_PRELOSS_GROWTH = Math.log(CUBIC_PRELOSS_GROWTH);
/**
 * Relative room the bounds of {@link cubicAdvanceFrom} and {@link cubicAckClocked} leave for
 * rounding: the power (within an ulp), the products and the bound itself err by a few ulps
 * (about 1e-15), far less than this.
 */
export const BOUND_SLACK = 1e-12;

/**
 * {@link cubicAdvance} with the epoch's `k` = {@link cubicK}(wMax, w0) given (a flow keeps it for
 * its epoch), and optionally `rttCubed` = `rttS ** 3` (a flow's windows are read in twos and
 * threes at one round trip: its owner keeps the last cube).
 *
 * Each growth bound is a call into Math.pow (about 300 instructions; a million a 20,000-flow run),
 * taken only where it can decide the window. The cap w·1.5^rtts is at least w·(1 + rtts·ln 1.5)
 * (e^x ≥ 1 + x): a window below that, less the rounding room, is below the computed cap, which is
 * then not taken. The pre-loss floor w·1.05^rtts is at most w ÷ (1 − rtts·ln 1.05) (e^x ≤ 1/(1 − x),
 * x < 1): a curve above that, plus the room, is above the computed floor, which is then not taken.
 * The window returned is the same number either way.
 */
export function cubicAdvanceFrom(wMax: number, w0: number, k: number, w: number, tS: number, dtS: number, rttS: number, rttCubed?: number): number {
  if (!(dtS > 0) || !(rttS > 0)) return w;
  const t = Math.max(0, tS + dtS);
  const rtts = dtS / rttS;
  // NaN (no window is below it) unless w > 0, where the bounds hold as written.
  const belowCap = w > 0 ? w * (1 + rtts * LN_MAX_GROWTH) * (1 - BOUND_SLACK) : 0 / 0;
  // The cap w·1.5^rtts is at least w and at least w·1.05^rtts (the powers grow with their base),
  // so where the target is w itself or the pre-loss floor w·1.05^rtts the cap cannot bind, and
  // its power is not taken either.
  if (wMax > w0) {
    const target = wMax + CUBIC_C * (t + rttS - k) ** 3;
    if (target <= w) return w;
    return target <= belowCap ? target : Math.min(target, w * CUBIC_MAX_GROWTH ** rtts);
  }
  const curve = w0 + CUBIC_C * ((t + rttS) ** 3 - (rttCubed ?? rttS ** 3));
  const x = rtts * LN_PRELOSS_GROWTH;
  if (!(w > 0 && x < 0.5 && curve > (w / (1 - x)) * (1 + BOUND_SLACK))) {
    const floor = w * CUBIC_PRELOSS_GROWTH ** rtts;
    if (curve <= floor) return Math.max(floor, w);
  }
  const up = Math.max(curve, w);
  return up <= belowCap ? up : Math.min(up, w * CUBIC_MAX_GROWTH ** rtts);
}

/**
 * The window Cubic keeps as W_max after a loss at `w` segments, with fast convergence (RFC 8312
 * §4.6): below the previous W_max, the flow releases bandwidth by remembering (1 + β)/2 of `w`.
 */
export function cubicLossMax(w: number, previousMax: number): number {
  return w < previousMax ? (w * (1 + CUBIC_BETA)) / 2 : w;
}

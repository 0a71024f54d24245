// dctcpShare: a DCTCP flow settled at a marking port shares it by its window over its round trip — its own α, its RTT and the port's period set that window — not at the max-min share.
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/**
 * The share of a DCTCP flow at a marking port relative to a flow there with α `refAlpha` and
 * round trip `refRttS`, the port's sawtooth having a period of `periodRtts` of the reference's
 * round trip: the ratio of their rates W / RTT, each W its {@link markedWindow} with ρ = RTT / T.
 * Its limits: a period long against the round trips (ρ ≪ α, the queue above K for many round
 * trips: every window marked with probability α, W = 2/α²) gives (refAlpha / alpha)² ·
 * (refRttS / rttS); marks packed in a moment of each period (α ≪ ρ: a window marked once per
 * period, W = 2T / (α · RTT); Alizadeh et al., "Analysis of DCTCP", SIGMETRICS 2011, §3) gives
 * (refAlpha / alpha) · (refRttS / rttS)².
 */
export function dctcpShareFactor(alpha: number, rttS: number, refAlpha: number, refRttS: number, periodRtts: number): number {
  if (!(alpha > 0) || !(rttS > 0) || !(refAlpha > 0) || !(refRttS > 0) || !(periodRtts > 0)) return 1;
  const rho = rttS / refRttS / periodRtts;
  return markedWindow(alpha, rho) / rttS / (markedWindow(refAlpha, 1 / periodRtts) / refRttS);
}

/**
 * The window (packets) at which a DCTCP flow with marked fraction α, whose round trip is ρ of
 * its port's sawtooth period T, is cut as much as it grows. Its port's queue is above K for α of
 * each period (the fraction of packets marked, whatever the window); a window of W packets spans
 * (1 − 1/W) of a round trip from its first packet to its last, so it holds at least one mark with
 * probability p = min(1, α + (1 − 1/W)·ρ) (ns-3 3.37, fattree-websearch-dctcp-load0.7: p = 0.29 at
 * 1 packet, 0.37 at 2, 0.42 at 3, 0.45–0.47 from 4 on, the fraction marked 0.29–0.33 at every
 * window). Each marked window is cut by α·W/2 (`TcpDctcp::GetSsThresh`, once per window in CWR)
 * and each round trip adds a packet (`TcpLinuxReno::CongestionAvoidance`): p·α·W/2 = 1, so
 * W = (2 + αρ) / (α(α + ρ)), or 2/α where that window would have p ≥ 1.
 */
export function markedWindow(alpha: number, rho: number): number {
  return Math.max(2 / alpha, (2 + alpha * rho) / (alpha * (alpha + rho)));
}

/**
 * Flow `f` shares its marking port by {@link dctcpShareFactor} `factor` times its own weight,
 * kept in `t.shareWeight` until {@link restoreDctcpShare}. A recovery's weight by window
 * (`recoveryShare`) in force gives way: at a marking port the flows share by DCTCP's law, and
 * the weight that recovery kept is the flow's own.
 */
export function weighByDctcpShare(network: FlowNetwork, t: TcpFlowTable, f: number, factor: number): void {
  const s = t.slotOf[f];
  if (Number.isNaN(t.shareWeight[s])) {
    t.shareWeight[s] = Number.isNaN(t.recoveryWeight[s]) ? network.weightOf(f) : t.recoveryWeight[s];
    t.recoveryWeight[s] = NaN;
  }
  const weight = t.shareWeight[s] * factor;
  if (weight > 0 && weight !== network.weightOf(f)) network.setFlowWeight(f, weight);
}

/**
 * Flow `f` no longer shares a marking port by its window: it takes its own weight again — or,
 * where a recovery has weighed it by its window since, that recovery gives it back when it ends.
 */
export function restoreDctcpShare(network: FlowNetwork, t: TcpFlowTable, f: number): void {
  const s = t.slotOf[f];
  const weight = t.shareWeight[s];
  if (Number.isNaN(weight)) return;
  t.shareWeight[s] = NaN;
  if (!Number.isNaN(t.recoveryWeight[s])) {
    t.recoveryWeight[s] = weight;
    return;
  }
  if (weight !== network.weightOf(f)) network.setFlowWeight(f, weight);
}

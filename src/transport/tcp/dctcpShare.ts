// dctcpShare: a DCTCP flow settled at a marking port shares it by its window over its round trip — its own α and RTT set that window — not at the max-min share.
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/**
 * The share of a DCTCP flow at a marking port relative to a flow there with α `refAlpha` and
 * round trip `refRttS`: (refAlpha / alpha) · (refRttS / rttS)². Derivation (Alizadeh et al.,
 * "Analysis of DCTCP", SIGMETRICS 2011, §3): the flows at a port see its queue cross K once per
 * period T of its sawtooth, and each cuts its window W by α·W/2 once then (one marked window)
 * and grows it by one segment per own round trip meanwhile (T/RTT segments); in balance W =
 * 2T / (α · RTT), and its rate W / RTT = 2T / (α · RTT²), T being the port's, common to all.
 */
export function dctcpShareFactor(alpha: number, rttS: number, refAlpha: number, refRttS: number): number {
  if (!(alpha > 0) || !(rttS > 0) || !(refAlpha > 0) || !(refRttS > 0)) return 1;
  const r = refRttS / rttS;
  return (refAlpha / alpha) * r * r;
}

/**
 * Flow `f` shares its marking port by {@link dctcpShareFactor} `factor` times its own weight,
 * kept in `t.shareWeight` until {@link restoreDctcpShare}. A recovery's weight by window
 * (`recoveryShare`) in force gives way: at a marking port the flows share by DCTCP's law, and
 * the weight that recovery kept is the flow's own.
 */
export function weighByDctcpShare(network: FlowNetwork, t: TcpFlowTable, f: number, factor: number): void {
  if (Number.isNaN(t.shareWeight[f])) {
    t.shareWeight[f] = Number.isNaN(t.recoveryWeight[f]) ? network.weightOf(f) : t.recoveryWeight[f];
    t.recoveryWeight[f] = NaN;
  }
  const weight = t.shareWeight[f] * factor;
  if (weight > 0 && weight !== network.weightOf(f)) network.setFlowWeight(f, weight);
}

/**
 * Flow `f` no longer shares a marking port by its window: it takes its own weight again — or,
 * where a recovery has weighed it by its window since, that recovery gives it back when it ends.
 */
export function restoreDctcpShare(network: FlowNetwork, t: TcpFlowTable, f: number): void {
  const weight = t.shareWeight[f];
  if (Number.isNaN(weight)) return;
  t.shareWeight[f] = NaN;
  if (!Number.isNaN(t.recoveryWeight[f])) {
    t.recoveryWeight[f] = weight;
    return;
  }
  if (weight !== network.weightOf(f)) network.setFlowWeight(f, weight);
}

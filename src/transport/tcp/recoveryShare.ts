// recoveryShare: a slow-start recovery behind a full buffer sends its cut window per round trip through it, so the port shares itself out by window.
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/**
 * Flow `f` recovers from a slow-start loss behind a port whose buffer the loss filled: it sends
 * its cut window (`cwnd` segments) per round trip through that buffer (`rttS`), as a FIFO serves
 * each of its flows in proportion to its window, not at its max-min share. Its sharing weight is
 * scaled by its window's rate over its share now, and kept after the recovery (a FIFO goes on
 * sharing by window, and the flows' windows then grow alike, by one segment per round trip) until
 * the window is cut again at an overflow or the flow times out ({@link restoreWeight}; the weight
 * it had is kept in `recoveryWeight`). A flow with no rate yet keeps its weight.
 */
export function weighByWindow(network: FlowNetwork, t: TcpFlowTable, f: number, rttS: number): void {
  const s = t.slotOf[f];
  const rate = network.rateOf(f);
  if (!(rate > 0) || !(rttS > 0)) return;
  const weight = network.weightOf(f);
  if (Number.isNaN(t.recoveryWeight[s])) t.recoveryWeight[s] = weight;
  network.setFlowWeight(f, (weight * ((t.cwnd[s] * t.packetBytes[s]) / rttS)) / rate);
}

/** Flow `f`'s window is cut again (or it timed out): it shares by the weight it had before {@link weighByWindow} again. */
export function restoreWeight(network: FlowNetwork, t: TcpFlowTable, f: number): void {
  const s = t.slotOf[f];
  const weight = t.recoveryWeight[s];
  if (Number.isNaN(weight)) return;
  t.recoveryWeight[s] = NaN;
  network.setFlowWeight(f, weight);
}

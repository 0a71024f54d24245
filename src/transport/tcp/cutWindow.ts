// cutWindow: a tcp flow's multiplicative decrease after a loss, by its congestion control.
import { CUBIC_BETA, RENO_BETA, cubicLossMax, dctcpCut } from "./CongestionControl.js";
import { TcpCc, type TcpFlowTable } from "./TcpFlowTable.js";

/**
 * Multiplicative decrease of flow `f`'s window in `t` after a loss: Cubic keeps 0.7 of its
 * window and remembers W_max; DCTCP keeps (1 − α/2) of its window, `alpha` being its marking
 * average now (ns-3 3.37's TcpDctcp::GetSsThresh answers every call so, and
 * TcpSocketBase::EnterRecovery takes the fast retransmit's ssthresh from it as EnterCwr does
 * for marks: a loss cuts like a marked window, not by half); NewReno halves what is in flight —
 * its window less the `gone` packets the duplicate ACKs already show lost or delivered (ns-3's
 * NewReno takes ssthresh from the bytes in flight, which with SACK is RFC 6675's pipe; RFC
 * 5681's FlightSize / 2). Never below 2 segments. Each call is one cut for losses (flows.csv's
 * `loss_cuts`: a fast recovery entered, as ns-3 counts CA_RECOVERY entries).
 */
export function cutWindow(t: TcpFlowTable, f: number, gone: number, alpha: number): void {
  const s = t.slotOf[f];
  const w = t.cwnd[s];
  t.lossCuts[f]++;
  if (t.cc[s] === TcpCc.Cubic) {
    t.wMax[s] = cubicLossMax(w, t.wMax[s]);
    t.cwnd[s] = Math.max(2, w * CUBIC_BETA);
  } else if (t.cc[s] === TcpCc.NewReno) t.cwnd[s] = Math.max(2, (w - gone) * RENO_BETA);
  else t.cwnd[s] = Math.max(2, dctcpCut(w, alpha));
}

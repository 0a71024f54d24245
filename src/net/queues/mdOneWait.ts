// mdOneWait: a packet's wait at a busy port that no flow is bottlenecked at, as in an M/D/1 queue (Pollaczek–Khinchine), its mean and a draw.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * Utilisation an M/D/1 port of `bufferPackets` packets can hold: the mean wait
 * ρ·s / (2(1 − ρ)) may not pass the buffer's B·s, so ρ ≤ 2B / (2B + 1) (below 1 for any finite
 * buffer; 1 − 1e-6 for an unbounded one).
 */
export function mdOneRhoCap(bufferPackets: number): number {
  return Number.isFinite(bufferPackets) ? (2 * bufferPackets) / (2 * bufferPackets + 1) : 1 - 1e-6;
}

/**
 * Mean wait of a packet at an M/D/1 port of utilisation `rho` serving packets in `serviceS`
 * each (Pollaczek–Khinchine): ρ·s / (2(1 − ρ)), seconds, with ρ capped at {@link mdOneRhoCap}
 * of `bufferPackets`; 0 at ρ ≤ 0.
 */
export function mdOneMeanWaitS(rho: number, serviceS: number, bufferPackets: number): number {
  if (!(rho > 0)) return 0;
  const r = Math.min(rho, mdOneRhoCap(bufferPackets));
  return (r * serviceS) / (2 * (1 - r));
}

/**
 * One packet's wait at that port, seconds, from one uniform draw of `random`: none with
 * probability 1 − ρ (M/D/1's P(wait = 0), as for any M/G/1 queue), else an exponential of
 * the conditional mean W/ρ = s / (2(1 − ρ)) — the usual approximation of M/D/1's conditional
 * wait, which keeps its P(0) and its mean exact (its tail is exponential too) — capped at the
 * buffer's `bufferPackets` × s. The same uniform picks both (below ρ it is uniform over [0, ρ)),
 * so every packet costs one draw.
 */
export function mdOneDrawWaitS(rho: number, serviceS: number, bufferPackets: number, random: RandomStream): number {
  if (!(rho > 0)) return 0;
  const r = Math.min(rho, mdOneRhoCap(bufferPackets));
  const u = random();
  if (u >= r) return 0;
  const wait = (-serviceS / (2 * (1 - r))) * Math.log(1 - u / r);
  const most = bufferPackets * serviceS;
  return wait < most ? wait : most;
}

// dctcpRouteMarks: the marks a DCTCP window meets in one round trip at the marking ports it crosses without being bound there — session 42's law for bound flows, applied port by port.
import type { QueueState } from "../../net/queues/QueueState.js";
import { markedWindowChance } from "./dctcpShare.js";

/**
 * The chance that one round trip's window of `w` packets (of `packetBytes`) of a DCTCP flow holds
 * at least one mark, and the fraction of its packets marked, at the marking ports of its route
 * `pool[from..to)`, written to `out[0]` and `out[1]`. Each port is read from its sawtooth
 * ({@link QueueState.sawtoothOf}), not its mean: a DCTCP port's mean sits below K while its queue
 * is above K for the fraction of each period it marks, and it is that fraction the bound flows'
 * law takes. A DCTCP sawtooth marks its `markFraction` φ of the packets; a window spans
 * (1 − 1/W) of a round trip (`rttS`), ρ = RTT / the port's period T = its cut per period × its
 * flows' round trip (their mean base RTT + this flow's queueing, as {@link DctcpAlpha} settles a
 * bound flow), so it is marked with p = min(1, φ + (1 − 1/W)·ρ) ({@link markedWindowChance}). A
 * queue that does not cycle marks every packet where it stands at or above the port's K (p = φ =
 * 1), none below. Ports combine as independent: 1 − Π(1 − pᵢ), 1 − Π(1 − φᵢ) (a CE mark is never
 * cleared). Ports that do not mark, and the flow's own bottleneck `boundAt` (its sawtooth's law
 * holds it there), count nothing.
 */
export function dctcpRouteMarks(
  queues: QueueState,
  pool: Int32Array,
  from: number,
  to: number,
  boundAt: number,
  w: number,
  rttS: number,
  baseRttS: number,
  packetBytes: number,
  out: Float64Array,
): void {
  let clear = 1;
  let unmarked = 1;
  const kBytes = queues.settings.ecnThresholdBytes;
  for (let i = from; i < to; i++) {
    const r = pool[i];
    if (!(kBytes[r] > 0) || r === boundAt) continue;
    const s = queues.sawtoothOf(r);
    let p = 0;
    let phi = 0;
    if (s.markFraction > 0) {
      phi = s.markFraction;
      // The period in this flow's round trips: the port's cut per period × its round trip.
      const cut = queues.sawtoothCutPackets(r);
      const portRttS = queues.meanBaseRttS(r) + rttS - baseRttS;
      const rho = cut > 0 && portRttS > 0 ? rttS / (cut * portRttS) : 0;
      p = markedWindowChance(phi, rho, w);
    } else if (s.meanBytes > 0 && s.meanBytes >= queues.markingThresholdPackets(r, packetBytes) * packetBytes) {
      p = 1;
      phi = 1;
    }
    clear *= 1 - p;
    unmarked *= 1 - phi;
  }
  out[0] = 1 - clear;
  out[1] = 1 - unmarked;
}

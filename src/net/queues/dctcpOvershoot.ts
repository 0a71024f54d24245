// dctcpOvershoot: the queue a DCTCP flow in slow start adds above K in the round trip before its first ECE comes back.

/**
 * The packets a DCTCP flow in slow start queues above the marking threshold K at its bottleneck
 * before it reacts. Past the pipe P (capacity × base RTT, packets) every ACK of a delivered packet
 * sends `growth` packets (2 with an ACK per segment: ns-3 and Linux grow the window one segment
 * per ACK), so the queue rises by `growth` − 1 packets per packet time. The first packet to find
 * K queued is marked; its ECE reaches the sender K + P packet times later (its own wait behind
 * the K, then the round trip), and only then does the window stop growing: the queue peaks at
 * K + (growth − 1)(K + P) — for an ACK per segment 2K + P, with the window at the first ECE
 * 2(K + P). That is a flow that filled the queue to K itself: its window W when its first packet
 * found K queued was K + P. One that found the queue at K already (others' packets) had a smaller
 * W, and grows by (growth − 1)·W in its round trip: the overshoot is (growth − 1)·min(K + P, W).
 * A flow with less than that left to send adds only what it has.
 *
 * @param kPackets K, packets
 * @param pipePackets P = capacity × the flow's base RTT, packets
 * @param growth the window's growth per round trip in slow start (packets sent per packet acknowledged)
 * @param windowPackets W, the flow's window when its first packet found K queued
 * @param leftPackets what the flow has left to send, packets
 */
export function dctcpOvershootPackets(kPackets: number, pipePackets: number, growth: number, windowPackets: number, leftPackets: number): number {
  return Math.max(0, Math.min((growth - 1) * Math.min(kPackets + pipePackets, windowPackets), leftPackets));
}

/**
 * The window of a flow in slow start when the first packet of its round found K queued: its
 * window `windowPackets` at the round's start, grown by (growth − 1)/growth of each of the
 * `unmarkedPackets` it sent before (each acknowledged packet sends `growth`). A first flight
 * (`first`) goes out at once: its window is all of it.
 */
export function windowAtFirstMark(windowPackets: number, unmarkedPackets: number, growth: number, first: boolean, flightPackets: number): number {
  return first ? flightPackets : windowPackets + (Math.max(0, unmarkedPackets) * (growth - 1)) / growth;
}

/**
 * How long a slow-start overshoot of `overshootPackets` above K holds the port, in packet times:
 * the rise while the ECE travels (K + P: the flow's round trip through the queue at K) and the drain of the overshoot once DCTCP's first cut
 * (by α/2 = 1/2, α starting at 1) has stopped the sender until its flight falls back to the
 * window — the port serves it at its line rate, one packet per packet time.
 */
export function dctcpOvershootPacketTimes(kPackets: number, pipePackets: number, overshootPackets: number): number {
  return kPackets + pipePackets + overshootPackets;
}

/**
 * The packets a slow-start overshoot has marked by its peak: every packet that arrives with K or
 * more queued — the first, and all the flow sends in its round trip before the ECE comes back,
 * `growth` for each of the min(K + P, W) packets acknowledged meanwhile
 * ({@link dctcpOvershootPackets}) — or all it can send then, `sendablePackets`. (While it drains
 * the sender is silent: nothing more arrives.)
 */
export function dctcpOvershootMarks(kPackets: number, pipePackets: number, growth: number, windowPackets: number, sendablePackets: number): number {
  return Math.max(0, Math.min(1 + growth * Math.min(kPackets + pipePackets, windowPackets), sendablePackets));
}

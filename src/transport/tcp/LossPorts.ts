// LossPorts: the ports that track loss-based tcp windows — the queue their excess keeps, and when the buffer overflows.
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import { DirtyResources } from "../../net/queues/DirtyResources.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { ListPool } from "../../core/ListPool.js";
import { grown } from "../../core/grown.js";
import { empty } from "../../core/empty.js";
import { emptyDoubles } from "../../core/emptyDoubles.js";
import type { RandomStream } from "../../core/randomStream.js";
import { CrossingLists } from "./CrossingLists.js";
import { dropShares } from "./dropShares.js";
import type { LossPortsHost } from "./LossPortsHost.js";
import { sortIds } from "./sortIds.js";
import { TcpCc, TcpPhase, type TcpFlowTable } from "./TcpFlowTable.js";

/** How far ahead a port's next overflow is looked for, seconds (beyond: none is scheduled until the port changes). */
const HORIZON_S = 3600;

/**
 * Loss-based flows (NewReno, Cubic, and DCTCP where a port does not mark) in congestion
 * avoidance, port by port. Once the network binds such a flow at a port, the excess of its
 * window over its share of the pipe (window − rate × base RTT) waits in the port's queue; the
 * port's queue is the sum of its flows' excess, reported to the {@link QueueState}. The windows
 * keep growing by their law; when the queue reaches the buffer (or K at a marking port, where
 * RED drops what cannot be marked) the port drops what arrives while it is full: as many packets
 * as the windows of the loss-based flows in avoidance crossing it grow by in the round trip
 * before the losses are told (NewReno one a flow, Cubic's curve more), counted for what each
 * still sends into it, and shared among them by their arrivals ({@link dropShares}: each its
 * share rounded down or up), so a flow may lose none, one or several, and one whose undelivered
 * packets are all in flight loses none. The overflow instant is predicted from the windows' growth and
 * checked when due. Ports whose flows changed are re-judged once at the end of each solve
 * ({@link update}).
 */
export class LossPorts {
  /**
   * Loss-based flows in avoidance bound at each port, in the order they joined (the order a
   * port sums their queues in): a list linked through the flows (`next`, `prev`), from
   * `first[r]` to `last[r]`, `bound[r]` long. A flow is on one port's list at most (its
   * `t.port`), so joining and leaving touch a few numbers, where per-port arrays were loaded,
   * searched and shifted (a flow moves between ports ~67,000 times in a 20,000-flow run).
   */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly bound: Int32Array;
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  /** Loss-based flows in avoidance crossing each port, bound there or not ({@link CrossingLists}): an overflow's drops hit them too. */
  private readonly crossing: CrossingLists;
  /** Each port's pending overflow event (-1 for none). */
  private readonly portTimer: Int32Array;
  /** Ports to re-judge at the end of the solve, each once, in the order they changed. */
  private readonly dirty: DirtyResources;
  private readonly kindOverflow: number;
  /** Round trips of an overflow's flows that lose a packet (rewritten by each {@link overflow}: thousands in a 20,000-flow run), as long as the most there were. */
  private readonly memberRtts = emptyDoubles();
  /**
   * An overflow's flows (all it hits; those that lose a packet and those in a fast recovery, by
   * flow id) and the round trips of the latter through the full buffer: rewritten by each
   * {@link overflow} (which nothing it calls re-enters), not made anew.
   */
  private readonly hit: number[] = [];
  private readonly members: number[] = [];
  private readonly recovering: number[] = [];
  private readonly recoveringRtts = emptyDoubles();
  /** An overflow's members' windows then, their arrival rates into the full buffer and the drops each takes (rewritten by each {@link overflow}). */
  private readonly memberWindows = emptyDoubles();
  private readonly arrivals = emptyDoubles();
  private readonly lostCounts: number[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    channelCount: number,
    resourceCount: number,
    private readonly t: TcpFlowTable,
    private readonly host: LossPortsHost,
    routes: ListPool,
    private readonly random: RandomStream,
  ) {
    this.first = new Int32Array(resourceCount).fill(-1);
    this.last = new Int32Array(resourceCount).fill(-1);
    this.bound = new Int32Array(resourceCount);
    this.crossing = new CrossingLists(queues, channelCount, resourceCount, t, routes);
    this.portTimer = new Int32Array(resourceCount).fill(-1);
    this.dirty = new DirtyResources(resourceCount);
    this.kindOverflow = sim.registerHandler((r) => this.overflow(r));
  }

  /**
   * Make room for flows 0 … `n` − 1 on the ports' lists at once (kept when already there): the
   * owner sizes its per-flow tables at a run's first start, and these with them, so that
   * {@link join} and {@link cross} do not grow them as flows come (a path their compiled code
   * had seen only at the run's first flows, and was thrown away for at the 1,025th).
   */
  reserve(n: number): void {
    if (n > this.next.length) {
      this.next = grown(this.next, n, -1);
      this.prev = grown(this.prev, n, -1);
    }
    this.crossing.reserve(n);
  }

  /**
   * Whether port `r` tracks flow `f`'s window once it binds it: loss-based flows everywhere, and
   * DCTCP where the port does not mark (it then only ever meets losses); DCTCP at a marking port
   * settles into the port's DCTCP sawtooth instead.
   */
  tracks(f: number, r: number): boolean {
    const s = this.t.slotOf[f];
    return this.t.cc[s] !== TcpCc.Dctcp || !(this.queues.settings.ecnThresholdBytes[r] > 0);
  }

  /** The loss-based flows in avoidance crossing port `r` now, in flow order (a copy). */
  crossingOf(r: number): number[] {
    return this.crossing.crossingOf(r);
  }

  /** Take flow `f` off its port's list (its port re-judged at the end of the solve). */
  leave(f: number): void {
    const s = this.t.slotOf[f];
    const r = this.t.port[s];
    if (r < 0) return;
    this.unlink(f, r);
    this.t.port[s] = -1;
    this.dirty.mark(r);
  }

  /** Take flow `f` off port `r`'s list, keeping the others' order. */
  private unlink(f: number, r: number): void {
    const p = this.prev[f];
    const n = this.next[f];
    if (p >= 0) this.next[p] = n;
    else this.first[r] = n;
    if (n >= 0) this.prev[n] = p;
    else this.last[r] = p;
    this.bound[r]--;
  }

  /** Put loss-based flow `f` on port `r`'s list: from now on the port tracks its window (and no timer of the flow's runs). */
  join(f: number, r: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.port[s] === r) return;
    this.leave(f);
    if (f >= this.next.length) this.reserve(Math.max(1024, f + 1, 2 * this.next.length));
    // A flow is on port r's list exactly while t.port is r: after leave() it is on none. It goes last.
    const tail = this.last[r];
    this.prev[f] = tail;
    this.next[f] = -1;
    if (tail >= 0) this.next[tail] = f;
    else this.first[r] = f;
    this.last[r] = f;
    this.bound[r]++;
    t.port[s] = r;
    this.dirty.mark(r);
    if (Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = this.sim.nowS;
    if (t.timer[s] >= 0) this.sim.cancel(t.timer[s]);
    t.timer[s] = -1;
  }

  /**
   * Add flow `f` to (or take it off) the crossing lists of the ports of its route where its window
   * is tracked. Its route's resources are read in the owner's pool of live routes (`routes`, which
   * holds the flow's current route while it is live), not in its Route object.
   */
  cross(f: number, on: boolean): void {
    // A flow is on the lists of every tracked port of its route or on none: adding one already
    // there, or removing one that is not, does nothing.
    if (f >= this.crossing.flowCapacity) this.reserve(Math.max(1024, f + 1, 2 * this.crossing.flowCapacity));
    this.crossing.cross(f, on);
  }

  /**
   * Flow `f` moved off a route over `oldResources` (a reroute): it leaves its port and the
   * crossing lists of the old route's ports, and in avoidance joins those of its new route's.
   * (The owner's pool holds the new route already: the old one's places are where its route
   * began when it went on the lists, hop by hop.)
   */
  rerouted(f: number, oldResources: Int32Array): void {
    this.leave(f);
    this.crossing.leaveRoute(f, oldResources);
    if (this.t.phase[f] === TcpPhase.Avoidance) this.cross(f, true);
  }

  /** Re-judge the ports whose flows changed, in the order they changed. */
  update(): void {
    const dirty = this.dirty;
    // updatePort marks no port dirty, so the list does not grow meanwhile.
    for (let i = 0; i < dirty.count; i++) this.updatePort(dirty.take(i));
    dirty.clear();
  }

  /** Limit at which port `r` loses loss-based flows' packets: its buffer, or K where it marks (RED drops what cannot be marked). */
  private lossLimitBytes(r: number): number {
    const s = this.queues.settings;
    const k = s.ecnThresholdBytes[r];
    return k > 0 ? Math.min(k, s.bufferBytes[r]) : s.bufferBytes[r];
  }

  /**
   * Re-judge port `r`: its loss-based flows' windows now, the queue they keep, and when it will
   * overflow — predicted from the queue's growth rate now (exact for NewReno's linear growth;
   * with Cubic, whose growth can speed up, checked again half-way), and verified when due.
   */
  private updatePort(r: number): void {
    const now = this.sim.nowS;
    if (this.bound[r] === 0) {
      this.cancelOverflow(r);
      this.queues.setReported(r, 0, now);
      return;
    }
    const t = this.t;
    let queue = 0;
    let growthBps = 0;
    let minRtt = Infinity;
    let cubic = false;
    // The earliest end of a recovery among them: their windows grow again from then.
    let wake = Infinity;
    for (let f = this.first[r]; f >= 0; f = this.next[f]) {
      const s = t.slotOf[f];
      const rtt = this.host.rttNow(f);
      if (rtt < minRtt) minRtt = rtt;
      const w = t.advance(s, now, rtt);
      if (t.recovering(s, now) && t.recoveryEndS[s] < wake) wake = t.recoveryEndS[s];
      const packet = t.packetBytes[s];
      // A window beyond what the flow has not delivered keeps no more than that in the queue, and grows none into it.
      const left = this.network.remainingOf(f) / packet;
      queue += Math.max(0, Math.min(w, left) * packet - this.network.rateOf(f) * t.baseRttS[s]);
      if (w < left) growthBps += ((Math.min(left, t.windowAt(s, now + rtt, rtt)) - w) * packet) / rtt;
      if (t.cc[s] === TcpCc.Cubic) cubic = true;
    }
    const limit = this.lossLimitBytes(r);
    this.queues.setReported(r, Math.min(queue, limit), now);
    let hit = now;
    if (queue < limit) {
      const dt = (limit - queue) / growthBps;
      if (!(growthBps > 0) || dt > HORIZON_S) {
        if (wake < Infinity) this.scheduleOverflow(r, wake);
        else this.cancelOverflow(r);
        return;
      }
      hit = Math.min(now + Math.max(minRtt, cubic ? dt / 2 : dt), wake);
    }
    this.scheduleOverflow(r, hit);
  }

  /** Move port `r`'s overflow check to `hit` (scheduling one if none is pending). */
  private scheduleOverflow(r: number, hit: number): void {
    // Moving a pending overflow orders it as a new event would be (EventQueue.update), at half the heap work of cancel and schedule.
    const old = this.portTimer[r];
    if (old >= 0) this.sim.reschedule(old, hit);
    else this.portTimer[r] = this.sim.schedule(hit, this.kindOverflow, r);
  }

  /** Drop port `r`'s pending overflow event, if any. */
  private cancelOverflow(r: number): void {
    const old = this.portTimer[r];
    if (old < 0) return;
    this.sim.cancel(old);
    this.portTimer[r] = -1;
  }

  /** The queue port `r`'s loss-based flows keep now, bytes (their windows' excess over their shares of the pipe, a window counted up to what its flow has not delivered). */
  private queueNow(r: number): number {
    const t = this.t;
    const now = this.sim.nowS;
    let queue = 0;
    for (let f = this.first[r]; f >= 0; f = this.next[f]) {
      const s = t.slotOf[f];
      const w = Math.min(t.windowAt(s, now, this.host.rttNow(f)), this.network.remainingOf(f) / t.packetBytes[s]);
      queue += Math.max(0, w * t.packetBytes[s] - this.network.rateOf(f) * t.baseRttS[s]);
    }
    return queue;
  }

  /** Port `r`'s buffer overflows: the loss-based flows in avoidance that send into it lose packets by their arrivals ({@link dropShares}) and cut their windows. */
  private overflow(r: number): void {
    this.portTimer[r] = -1;
    if (this.bound[r] === 0) return;
    // A predicted overflow that has not come yet (growth slowed): predict again.
    if (this.queueNow(r) < this.lossLimitBytes(r) * (1 - 1e-9)) {
      this.updatePort(r);
      return;
    }
    const t = this.t;
    const now = this.sim.nowS;
    // The full buffer drops the packets of every loss-based flow in avoidance that arrive while
    // it is full: those the port binds, and those it carries at a window-limited rate.
    // Flows in a fast recovery hold their windows and are not cut again (their losses there are
    // sent again within it): the full buffer waits for the first recovery to end.
    // The port's own flows, then those crossing it bound elsewhere.
    // Gathered into the owner's scratch lists and sorted there by flow id (an overflow hits a few
    // flows; the ~12,000 overflows of a 20,000-flow run each made new lists and sorted copies).
    const hit = this.hit;
    const members = this.members;
    const recovering = this.recovering;
    empty(hit);
    empty(members);
    empty(recovering);
    for (let f = this.first[r]; f >= 0; f = this.next[f]) hit.push(f);
    const crossing = this.crossing;
    for (let i = crossing.head[r]; i >= 0; i = crossing.next[i]) if (t.port[t.slotOf[crossing.flow[i]]] !== r) hit.push(crossing.flow[i]);
    let wake = Infinity;
    for (let i = 0; i < hit.length; i++) {
      const f = hit[i];
      const s = t.slotOf[f];
      if (!t.recovering(s, now)) members.push(f);
      else {
        recovering.push(f);
        if (t.recoveryEndS[s] < wake) wake = t.recoveryEndS[s];
      }
    }
    if (members.length === 0) {
      if (wake < Infinity) this.scheduleOverflow(r, wake);
      return;
    }
    sortIds(members);
    sortIds(recovering);
    const fullRtts = this.recoveringRtts;
    while (fullRtts.length < recovering.length) fullRtts.push(0);
    for (let i = 0; i < recovering.length; i++) fullRtts[i] = this.host.rttNow(recovering[i]);
    const rtts = this.memberRtts;
    const windows = this.memberWindows;
    const arrivals = this.arrivals;
    const lostCounts = this.lostCounts;
    while (rtts.length < members.length) {
      rtts.push(0);
      windows.push(0);
      arrivals.push(0);
      lostCounts.push(0);
    }
    // Each member's arrivals into the full buffer in the round trip before its losses are told:
    // its rate, times the part of its next window it still has to send (its undelivered packets
    // beyond the window in flight; none once they are all in flight). What the buffer cannot
    // take is the windows' growth over that round trip (NewReno: one packet a flow; Cubic's
    // larger), so many drops, each drawn among the members by their arrivals.
    let growth = 0;
    for (let i = 0; i < members.length; i++) {
      const f = members[i];
      const s = t.slotOf[f];
      rtts[i] = 0;
      arrivals[i] = 0;
      if (t.phase[f] !== TcpPhase.Avoidance) continue;
      rtts[i] = this.host.rttNow(f);
      const w = (windows[i] = t.windowAt(s, now, rtts[i]));
      // What it has not delivered beyond its window in flight it still sends (new data or retransmissions).
      const unsent = this.network.remainingOf(f) / t.packetBytes[s] - w;
      if (!(unsent > 0)) continue;
      const sending = Math.min(1, unsent / w);
      arrivals[i] = this.network.rateOf(f) * sending;
      // A window beyond what its user's cap lets out (its rate the cap's) brings no more by growing.
      const userW = t.userCapBps[s] > 0 ? (t.userCapBps[s] * rtts[i]) / t.packetBytes[s] : Infinity;
      if (arrivals[i] > 0) growth += Math.max(0, Math.min(userW, t.windowAt(s, now + rtts[i], rtts[i])) - Math.min(userW, w)) * sending;
    }
    const drops = growth > 0 ? Math.max(1, Math.round(growth)) : 0;
    if (dropShares(arrivals, members.length, drops, this.random, lostCounts) === 0) {
      // No member sends into the buffer: its queue drains as their flights are delivered; look again a round trip on.
      let soonest = Infinity;
      for (let i = 0; i < members.length; i++) if (rtts[i] > 0 && rtts[i] < soonest) soonest = rtts[i];
      if (soonest < Infinity || wake < Infinity) this.scheduleOverflow(r, Math.min(now + soonest, wake));
      return;
    }
    this.queues.drop(r, drops, now);
    for (let i = 0; i < members.length; i++) {
      const f = members[i];
      if (lostCounts[i] === 0) continue;
      const s = t.slotOf[f];
      // Its window at the overflow, as read above (nothing of the flow's has changed since).
      t.cwnd[s] = windows[i];
      t.retransmits[f] += lostCounts[i];
      if (t.port[s] === r) {
        this.unlink(f, r);
        t.port[s] = -1;
      } else this.leave(f);
    }
    // The cut flows' excess leaves the queue first: their new caps see the round trip the port keeps without it.
    this.updatePort(r);
    for (let i = 0; i < members.length; i++) if (lostCounts[i] > 0 && t.phase[members[i]] === TcpPhase.Avoidance) this.host.lost(members[i], r, rtts[i], lostCounts[i]);
    // The flows still in a recovery send through the full buffer too: their packets are among those it drops from.
    for (let i = 0; i < recovering.length; i++) if (t.phase[recovering[i]] === TcpPhase.Avoidance) this.host.recovering(recovering[i], r, drops, fullRtts[i]);
    this.updatePort(r);
    // Flows that lost here left other ports too: those are re-judged at the end of a solve at this instant.
    if (this.dirty.count > 0) this.network.requestSolve();
  }
}

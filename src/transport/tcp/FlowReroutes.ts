// FlowReroutes: a tcp flow moved to another route (a failed link) — what came from its route taken again from the new one, its pending timer moved to when its bytes arrive there.
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { Route } from "../../net/Router.js";
import type { AvoidanceSteps } from "./AvoidanceSteps.js";
import type { BurstJudge } from "./BurstJudge.js";
import { FIRST_FLIGHT } from "./FIRST_FLIGHT.js";
import type { LossPorts } from "./LossPorts.js";
import { queueClassOf } from "./queueClassOf.js";
import { baseRttS } from "./routeTiming.js";
import { TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";
import type { TcpRoutes } from "./TcpRoutes.js";

/**
 * The reroutes of the tcp flows of a run, for {@link TcpFlows.flowRerouted} (which documents
 * what a reroute keeps and what it takes again from the new route), over the flows' table and
 * the parts of {@link TcpFlows} a reroute touches.
 */
export class FlowReroutes {
  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channels: number,
    private readonly t: TcpFlowTable,
    private readonly routes: TcpRoutes,
    private readonly bursts: BurstJudge,
    private readonly ports: LossPorts,
    private readonly avoidance: AvoidanceSteps,
    private readonly kindStep: number,
    private readonly kindRound: number,
  ) {}

  /** Flow `f` was moved off `oldRoute` onto the network's route for it now ({@link TcpFlows.flowRerouted}). */
  rerouted(f: number, oldRoute: Route): void {
    const t = this.t;
    if (f >= t.cap) return;
    const phase = t.phase[f];
    if (phase === Phase.None || phase === Phase.Done) return;
    const s = t.slotOf[f];
    const now = this.sim.nowS;
    const o = t.options[t.optionIndex[s]];
    const route = this.network.routeOf(f);
    this.routes.held.hold(f, route.resources);
    // The window until now grew at the old route's RTT.
    if (phase === Phase.Avoidance) {
      t.advance(s, now, this.queues.roundTripS(t.baseRttS[s], oldRoute.resources));
    }
    this.bursts.withdraw(f);
    t.inCatchUp[s] = 0;
    // What was in flight on the old route is lost with it: the flow sends its bytes again on the new one.
    t.sentAll[s] = 0;
    // The port that marked it is on the old route.
    t.markPort[s] = -1;
    this.ports.rerouted(f, oldRoute.resources);
    const baseRtt = baseRttS(this.network, this.channels, route.resources, route.latencyS, t.packetBytes[s], o.headerBytes);
    t.baseRttS[s] = baseRtt;
    // The flow left its old route (rate reported 0 there), so the queues hold it bound nowhere: register it again with its new base RTT.
    this.queues.register(f, queueClassOf(o), baseRtt, t.packetBytes[s], 1 / o.delayedAck);
    const arriveS = now + route.latencyS;
    // Rerouted before its first byte arrived: it arrives on the new route (a pending start delay is dropped).
    if (t.activeS[f] > now) t.activeS[f] = arriveS;
    if (t.growthEndS[f] > now) t.growthEndS[f] = arriveS;
    const rtt = this.routes.rttNow(f);
    if (phase === Phase.Avoidance) {
      // Checked one RTT after its bytes flow again, as on entering avoidance; the port that binds it there takes it over.
      if (t.timer[s] >= 0) this.sim.cancel(t.timer[s]);
      this.avoidance.applyWindow(f, rtt);
      t.timer[s] = this.sim.schedule(arriveS + rtt, this.kindStep, f);
    } else if (phase === Phase.Steady) {
      // A flow its window no longer limits keeps the cap of its window at the new RTT (none if it had none: a single burst).
      if (this.network.capOf(f) < t.userCapBps[s]) this.network.setFlowCap(f, rtt > 0 ? Math.min(t.userCapBps[s], o.windowBytes / rtt) : t.userCapBps[s]);
    } else if (phase === Phase.SlowStart) {
      // Its first flight goes out on the new route: offered when it arrives there (with its activation there, when still to come).
      if (t.timer[s] >= 0) {
        if (Number.isNaN(t.epochS[s]) || this.sim.queue.timeOf(t.timer[s]) < arriveS) this.sim.reschedule(t.timer[s], arriveS);
      } else if (t.timer[s] !== FIRST_FLIGHT) t.timer[s] = this.sim.schedule(arriveS, this.kindRound, f);
      this.avoidance.applyWindow(f, rtt);
    } else if (t.timer[s] >= 0 && this.sim.queue.timeOf(t.timer[s]) < arriveS) this.sim.reschedule(t.timer[s], arriveS);
  }
}

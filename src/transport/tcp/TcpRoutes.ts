// TcpRoutes: the live tcp flows' route resources, and what the flows read off them now (round trip, line rate, ACK clock, sender's line).
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { ListPool } from "../../core/ListPool.js";
import { slowestChannelBps } from "./routeTiming.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/**
 * The route resources of every live `tcp` flow, and the readings that walk them: the RTT now,
 * the slowest channel's and the sender's line rate, the rate ACKs come back at. Shared by
 * {@link TcpFlows}' parts ({@link SlowStartRounds}, {@link AvoidanceSteps}, {@link BurstAnswers})
 * and the ports ({@link LossPorts}, which read {@link held}).
 */
export class TcpRoutes {
  /**
   * The live flows' route resources, copied when a flow starts or is rerouted and given back when
   * it is done: the RTT and line-rate walks (every round, step and port re-judge: hundreds of
   * thousands in a 20,000-flow run) read them here, not each flow's Route object.
   */
  readonly held = new ListPool();

  constructor(
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    /** The topology's channel count: resources below it are channels. */
    private readonly channels: number,
    private readonly t: TcpFlowTable,
  ) {}

  /** RTT of `flow` now: base plus queueing both ways. */
  rttNow(f: number): number {
    const s = this.t.slotOf[f];
    const routes = this.held;
    const at = routes.offsetOf(f);
    return this.queues.roundTripIn(this.t.baseRttS[s], routes.pool, at, at + routes.lengthOf(f));
  }

  /** Rate at which flow `f`'s ACKs come back: its share where the network binds it, else its route's slowest channel. */
  clockRate(f: number): number {
    const rate = this.network.rateOf(f);
    return this.queues.boundAt(f) >= 0 && rate > 0 ? rate : this.lineRate(f);
  }

  /** Capacity in force of flow `f`'s slowest channel, bytes/s. */
  lineRate(f: number): number {
    const routes = this.held;
    const at = routes.offsetOf(f);
    return slowestChannelBps(this.network, this.channels, routes.pool, at, at + routes.lengthOf(f));
  }

  /** Capacity in force of the first channel of flow `f`'s route (its sender's line), bytes/s. */
  senderRate(f: number): number {
    const routes = this.held;
    const at = routes.offsetOf(f);
    const end = at + routes.lengthOf(f);
    for (let i = at; i < end; i++) if (routes.pool[i] < this.channels) return this.network.capacityOf(routes.pool[i]);
    return this.lineRate(f);
  }
}

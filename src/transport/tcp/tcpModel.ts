// tcpModel: the `tcp` transport — connections (handshake, pools of persistent ones) on top of the run's TcpFlows.
import type { Route } from "../../net/Router.js";
import { handshakeRounds } from "../handshakeRounds.js";
import type { Transport, TransportEnv, TransportModel, TransportRun, TransportTransfer } from "../Transport.js";
import type { TcpOptions, TransportSpec } from "../TransportSpec.js";
import { TcpFlows } from "./TcpFlows.js";

/** An idle connection waiting in a pool: its congestion window and since when it is idle. */
interface Connection {
  cwndSegments: number;
  idleSinceS: number;
}

/** Columns the tcp model adds to flows.csv. */
export const TCP_COLUMNS = ["handshake_s", "slow_start_s", "queueing_s", "retransmits", "timeouts", "marks", "mark_cuts", "loss_cuts"] as const;

/**
 * `tcp`: each workload gets its own connections (a new one per transfer, or a pool of
 * persistent ones per endpoint pair) unless it keeps its own (a transfer that names its
 * `connection`: agents' connections to services, opened and reused by the workloads); every
 * flow's window lives in the run's shared {@link TcpFlows}.
 *
 * A new connection pays handshakeRounds round trips (the handshake's own RTT includes the
 * queues it crosses) and starts from the initial window. A reused one pays nothing and keeps
 * its window, unless it was idle longer than `idleTimeoutS` (then it restarts from the initial
 * window, as Linux does). A response on the connection its request opened (`reply`) pays no
 * handshake when it finds no idle connection: the request paid it. On a workload's own
 * connection the set-up is paid by the transfer that opens it (never by a reply), and each
 * direction keeps its window between transfers under the same idle rule.
 */
export const tcpModel: TransportModel = {
  name: "tcp",
  createRun(env: TransportEnv): TransportRun {
    const flows = new TcpFlows(env.sim, env.network, env.queues, env.topology, env.random("tcp.losses"), env.random("tcp.handshakes"), env.random("tcp.phases"), env.random("tcp.drops"));
    return {
      forWorkload: (spec: TransportSpec) => new TcpTransport(env, flows, spec as TcpOptions),
      columns: TCP_COLUMNS,
      cells(flow) {
        const c = flows.costOf(flow);
        // Counts are whole, as links.csv's marks: a fluid count (steady marks, a sawtooth's expected cuts) rounded to the packet or cut.
        return c && [c.handshakeS, c.slowStartS, c.queueingS, c.retransmits, c.timeouts, Math.round(c.marks), Math.round(c.markCuts), c.lossCuts];
      },
      queueingOf: (flow) => flows.costOf(flow)?.queueingS,
    };
  },
};

/**
 * One workload's tcp transport: its pool of idle connections and the windows of its own
 * connections, each made when first used. A run of 20,000 single-transfer workloads has
 * 20,000 of these alive from its start: one small object each, not a Map, a WeakMap and two
 * closures each (~11 MB of the heap in the k=16 20,000-flow run).
 */
class TcpTransport implements Transport {
  private readonly optionIndex: number;
  /** Idle persistent connections by endpoint pair (`pairKey`), when the options pool them. */
  private idle: Map<string, Connection[]> | undefined;
  /** Windows of the workload's own connections, per connection and direction (pairKey); weak, so a closed connection's go with it. */
  private owned: WeakMap<object, Map<string, Connection>> | undefined;

  constructor(
    private readonly env: TransportEnv,
    private readonly flows: TcpFlows,
    private readonly o: TcpOptions,
  ) {
    this.optionIndex = flows.addOptions(o);
  }

  /** @inheritdoc */
  start(t: TransportTransfer, route: Route, onDone: (flow: number) => void): number {
    const { env, flows, o, optionIndex } = this;
    const now = env.sim.nowS;
    const extraS = t.extraLatencies ? t.extraLatencies * route.latencyS : 0;
    const c = t.connection;
    if (c) {
      // The workload keeps the connection: set-up when it opens it, else the window this direction left.
      const state = c.opens ? undefined : this.owned?.get(c.handle)?.get(t.pairKey);
      const rounds = c.opens && !t.reply ? handshakeRounds(o.handshake) : 0;
      const cwnd = state ? this.windowAfter(state, now) : o.initialWindowSegments;
      return flows.start(optionIndex, route, t.sizeBytes, t.weight, t.capBps, rounds, cwnd, extraS, (f, endCwnd) => {
        const owned = (this.owned ??= new WeakMap());
        let windows = owned.get(c.handle);
        if (!windows) owned.set(c.handle, (windows = new Map()));
        windows.set(t.pairKey, { cwndSegments: endCwnd, idleSinceS: env.sim.nowS });
        onDone(f);
      });
    }
    const pool = o.persistent ? this.idle?.get(t.pairKey) : undefined;
    const reused = pool !== undefined && pool.length > 0 ? pool.pop()! : undefined;
    let rounds = 0;
    let cwnd = o.initialWindowSegments;
    if (!reused) rounds = t.reply ? 0 : handshakeRounds(o.handshake);
    else cwnd = this.windowAfter(reused, now);
    // Without a pool the flow's end needs nothing of its own: the workload's callback is handed on as it is (no closure per flow, which the run would keep until the flow ends).
    if (!o.persistent) return flows.start(optionIndex, route, t.sizeBytes, t.weight, t.capBps, rounds, cwnd, extraS, onDone);
    return flows.start(optionIndex, route, t.sizeBytes, t.weight, t.capBps, rounds, cwnd, extraS, (f, endCwnd) => {
      const idle = (this.idle ??= new Map());
      let list = idle.get(t.pairKey);
      if (!list) idle.set(t.pairKey, (list = []));
      list.push({ cwndSegments: endCwnd, idleSinceS: env.sim.nowS });
      onDone(f);
    });
  }

  /** The window to start from on a connection last left with `state` (idle longer than idleTimeoutS: slow start again). */
  private windowAfter(state: Connection, now: number): number {
    return now - state.idleSinceS <= this.o.idleTimeoutS ? state.cwndSegments : Math.min(this.o.initialWindowSegments, state.cwndSegments);
  }
}

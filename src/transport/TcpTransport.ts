// TcpTransport: the `tcp` model — handshake, slow start as a doubling rate cap, window limit, persistent connections.
import type { Simulation } from "../core/Simulation.js";
import { FlowState, type FlowNetwork } from "../net/FlowNetwork.js";
import type { Route } from "../net/Router.js";
import { handshakeRounds } from "./handshakeRounds.js";
import type { TcpOptions } from "./TransportSpec.js";

/** An idle connection waiting in a pool: its congestion window and since when it is idle. */
interface Connection {
  cwndBytes: number;
  idleSinceS: number;
}

/** What a finished tcp transfer paid on top of max-min. */
export interface TcpCost {
  /** Seconds of handshake before the first byte left (0 on a reused connection). */
  handshakeS: number;
  /** Seconds the flow drained while capped by its congestion window (slow start). */
  slowStartS: number;
}

/**
 * Carries transfers over TCP-like connections on a {@link FlowNetwork}, for one workload.
 *
 * With RTT R = 2 × the route's one-way latency L: a new connection waits
 * handshakeRounds × R (no bandwidth used), then the flow starts as any flow (L in flight,
 * then draining) under a rate cap cwnd/R with cwnd = initialWindow · mss. Every R after
 * the first byte drains, one timer checks the flow: if its max-min rate is below the cap
 * (it is no longer cap-bound) the cap is lifted to the window limit window/R and slow start
 * ends; otherwise cwnd doubles (never above the window). So a flow costs at most
 * ⌈log2(window / (IW·mss))⌉ + 1 timer events, and the flow's completion cancels its pending timer.
 *
 * Persistent connections: when `persistent`, a finished transfer's connection (with its
 * cwnd) goes back to an idle pool keyed by (src, dst); the next transfer on that pair takes
 * the most recently idle one with no handshake and its cwnd kept, or restarted to the
 * initial window if it was idle longer than `idleTimeoutS`. Transfers that find no idle
 * connection open a new one (as HTTP/1.1 keep-alive pools do).
 *
 * A zero-latency route has R = 0: no handshake time, no slow start, no window limit.
 * A flow's own rate cap always applies on top. Weights are plain max-min weights.
 */
export class TcpTransport {
  private readonly idle = new Map<string, Connection[]>();
  private readonly iwBytes: number;

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    readonly options: TcpOptions,
  ) {
    this.iwBytes = options.initialWindowSegments * options.mssBytes;
  }

  /**
   * Start a transfer of `sizeBytes` on `route` for the endpoint pair `pairKey`; returns the
   * flow id. `onComplete` gets the flow and what it paid. A `reply` (a response on the
   * connection its request opened) pays no handshake when it finds no idle connection.
   */
  start(
    pairKey: string,
    route: Route,
    sizeBytes: number,
    weight: number | undefined,
    capBps: number | undefined,
    reply: boolean,
    onComplete: (flow: number, cost: TcpCost) => void,
  ): number {
    const o = this.options;
    const now = this.sim.nowS;
    const rttS = 2 * route.latencyS;
    const userCapBps = capBps ?? Infinity;
    const pool = o.persistent ? this.idle.get(pairKey) : undefined;
    const reused = pool !== undefined && pool.length > 0 ? pool.pop()! : undefined;
    let handshakeS = 0;
    let cwndBytes = this.iwBytes;
    if (!reused) handshakeS = reply ? 0 : handshakeRounds(o.handshake) * rttS;
    else if (now - reused.idleSinceS > o.idleTimeoutS) cwndBytes = Math.min(this.iwBytes, reused.cwndBytes);
    else cwndBytes = reused.cwndBytes;
    if (cwndBytes >= o.windowBytes) cwndBytes = o.windowBytes;
    const windowBps = rttS > 0 ? o.windowBytes / rttS : Infinity;
    const slowStart = rttS > 0 && cwndBytes < o.windowBytes;
    const activeS = now + handshakeS + route.latencyS;
    let timer = -1;
    let slowStartEndS = slowStart ? NaN : activeS;

    const lift = (f: number): void => {
      cwndBytes = o.windowBytes;
      slowStartEndS = this.sim.nowS;
      this.network.setFlowCap(f, Math.min(userCapBps, windowBps));
    };
    const round = (f: number): void => {
      timer = -1;
      if (this.network.stateOf(f) !== FlowState.Active) return;
      // Not cap-bound: the flow has reached its max-min share; slow start is over.
      if (this.network.rateOf(f) < (cwndBytes / rttS) * (1 - 1e-9)) return lift(f);
      cwndBytes *= 2;
      if (cwndBytes >= o.windowBytes) return lift(f);
      this.network.setFlowCap(f, Math.min(userCapBps, cwndBytes / rttS));
      timer = this.sim.at(this.sim.nowS + rttS, () => round(f));
    };

    // The flow starts with the user's cap (reports compute its ideal time from it), then gets its window cap while in flight.
    const flow = this.network.startFlow(route, sizeBytes, {
      weight,
      capBps,
      startDelayS: handshakeS,
      onComplete: (f) => {
        const endS = this.sim.nowS;
        if (timer >= 0) this.sim.cancel(timer);
        if (Number.isNaN(slowStartEndS)) slowStartEndS = endS;
        if (o.persistent) {
          let idle = this.idle.get(pairKey);
          if (!idle) this.idle.set(pairKey, (idle = []));
          idle.push({ cwndBytes, idleSinceS: endS });
        }
        onComplete(f, { handshakeS, slowStartS: Math.max(0, slowStartEndS - activeS) });
      },
    });
    if (rttS > 0) {
      this.network.setFlowCap(flow, Math.min(userCapBps, slowStart ? cwndBytes / rttS : windowBps));
      if (slowStart) timer = this.sim.at(activeS + rttS, () => round(flow));
    }
    return flow;
  }
}

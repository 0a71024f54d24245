// fluidModels: the transports without windows — maxmin, maxmin-rtt (weight 1/RTT) and rdma (lossless, DCQCN-style).
import { QueueClass } from "../../net/queues/QueueClass.js";
import type { Route } from "../../net/Router.js";
import { rttWeight } from "../rttWeight.js";
import type { TransportEnv, TransportModel, TransportRun, TransportTransfer } from "../Transport.js";

/** `maxmin`: the flow drains at its max-min share from its first byte, after the route's latency (SimGrid-exact). */
export const maxminModel: TransportModel = {
  name: "maxmin",
  createRun: (env) => fluidRun(env, false),
};

/** `maxmin-rtt`: max-min with weight ∝ 1/RTT of the route (SimGrid CM02's native sharing). */
export const maxminRttModel: TransportModel = {
  name: "maxmin-rtt",
  createRun: (env) => fluidRun(env, true),
};

function fluidRun(env: TransportEnv, byRtt: boolean): TransportRun {
  // maxmin-rtt: each flow's own weight and id, so a reroute can weigh it by its new route's RTT.
  const ownWeight: number[] = [];
  const ids: string[] = [];
  if (byRtt) {
    env.network.observe({
      flowRerouted(flow) {
        if (ownWeight[flow] === undefined) return;
        env.network.setFlowWeight(flow, rttWeight(env.network.routeOf(flow), ownWeight[flow], ids[flow]));
      },
    });
  }
  const transport = {
    start(t: TransportTransfer, route: Route, onDone: (flow: number) => void): number {
      const flow = env.network.startFlow(route, t.sizeBytes, {
        weight: byRtt ? rttWeight(route, t.weight ?? 1, t.id) : t.weight,
        capBps: t.capBps,
        startDelayS: t.extraLatencies ? t.extraLatencies * route.latencyS : undefined,
        onComplete: onDone,
      });
      if (byRtt) {
        ownWeight[flow] = t.weight ?? 1;
        ids[flow] = t.id;
      }
      return flow;
    },
  };
  return { forWorkload: () => transport, columns: [], cells: () => undefined };
}

/**
 * `rdma`: a lossless fabric (RoCE with PFC) under DCQCN-style rate control (Zhu et al.,
 * SIGCOMM 2015). Flows start at line rate (no handshake, no window: RDMA NICs pace at the link
 * rate), share by max-min and are never dropped. DCQCN's senders back off on ECN marks, so a
 * port that bottlenecks rdma flows holds its queue at its marking threshold (`ecnThreshold`),
 * which every flow crossing it waits behind (its first byte arrives that much later); a port
 * without a threshold holds none, and rdma is then maxmin exactly. Not modelled: PFC pauses
 * (they need a queue beyond the threshold, which rate control avoids in steady state), their
 * spreading upstream, and DCQCN's convergence transients. A flow rerouted by a failure takes its
 * new route's base RTT; the queueing it met at its start is all it is charged.
 */
export const rdmaModel: TransportModel = {
  name: "rdma",
  createRun(env: TransportEnv): TransportRun {
    const queueingS: number[] = [];
    // Without any marking port rdma keeps no queue: its flows need not be tracked.
    const marking = env.queues.settings.ecnThresholdBytes.some((k) => k > 0);
    if (marking) {
      // A rerouted flow left its old route (rate 0 there), so the queues hold it bound nowhere:
      // register it again with its new route's base RTT (it keeps the queueing it met at its start).
      env.network.observe({
        flowRerouted(flow) {
          if (queueingS[flow] === undefined) return;
          env.queues.register(flow, QueueClass.Lossless, 2 * env.network.routeOf(flow).latencyS, 1500);
        },
      });
    }
    const transport = {
      start(t: TransportTransfer, route: Route, onDone: (flow: number) => void): number {
        const q = env.queues.pathDelayS(route.resources);
        const extra = t.extraLatencies ? t.extraLatencies * route.latencyS : 0;
        const flow = env.network.startFlow(route, t.sizeBytes, {
          weight: t.weight,
          capBps: t.capBps,
          startDelayS: extra + q > 0 ? extra + q : undefined,
          onComplete: onDone,
        });
        queueingS[flow] = q;
        if (marking) env.queues.register(flow, QueueClass.Lossless, 2 * route.latencyS, 1500);
        return flow;
      },
    };
    return {
      forWorkload: () => transport,
      // Without marking rdma is maxmin exactly: no column, so its flows.csv stays byte-identical.
      columns: marking ? ["queueing_s"] : [],
      cells: (flow) => (queueingS[flow] === undefined ? undefined : [queueingS[flow]]),
      queueingOf: (flow) => queueingS[flow],
    };
  },
};

// NetworkContext: the WorkloadContext that binds workloads to the clock, the router and the flow network.
import { grown } from "../core/grown.js";
import { InputError } from "../core/InputError.js";
import { randomStream, type RandomStream } from "../core/randomStream.js";
import { stringHash32 } from "../core/stringHash32.js";
import type { Simulation } from "../core/Simulation.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { Route, Router } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { rttWeight } from "../transport/rttWeight.js";
import { TcpTransport, type TcpCost } from "../transport/TcpTransport.js";
import { MAXMIN_TRANSPORT, type TransportSpec } from "../transport/TransportSpec.js";
import type { PathInfo, TransferRequest, TransferResult, WorkloadContext } from "../workloads/Workload.js";

/**
 * Resolves node ids, picks routes (pinned, or shortest path with per-flow ECMP keyed by a
 * hash of the flow's id) and starts flows. Keeps each flow's user-facing id, indexed by flow number,
 * for the reports. One context per workload, so each gets its own named random streams
 * and its own transport (for `tcp`, its own pool of persistent connections).
 */
export class NetworkContext {
  /** User-facing id of every flow, indexed by flow number. */
  readonly labels: string[] = [];
  /** What each `tcp` flow paid (handshake, slow start), indexed by flow number; empty for other models. */
  readonly tcpCosts: Array<TcpCost | undefined> = [];
  /** Index of the workload that started each flow, by flow number. */
  workloadOfFlow = new Int32Array(1024);
  /** Workload names in the order their contexts were made (indexes of `workloadOfFlow`). */
  readonly workloadNames: string[] = [];
  private readonly usedIds = new Set<string>();
  private readonly paths = new Map<string, PathInfo>();

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly router: Router,
    private readonly topology: Topology,
    private readonly seed: number,
  ) {}

  /** The context handed to the workload called `workloadName`, carrying its transfers with `transport` (default maxmin). */
  forWorkload(workloadName: string, transport: TransportSpec = MAXMIN_TRANSPORT): WorkloadContext {
    const tcp = transport.model === "tcp" ? new TcpTransport(this.sim, this.network, transport) : undefined;
    const index = this.workloadNames.push(workloadName) - 1;
    const own = `${workloadName}.`;
    const tag = (flow: number): number => {
      if (flow >= this.workloadOfFlow.length) this.workloadOfFlow = grown(this.workloadOfFlow, Math.max(2 * this.workloadOfFlow.length, flow + 1));
      this.workloadOfFlow[flow] = index;
      return flow;
    };
    return {
      nowS: () => this.sim.nowS,
      schedule: (atS, fn) => {
        this.sim.at(atS, fn);
      },
      startTransfer: (request, onComplete) => {
        // Ids under the workload's own namespace "<name>." are unique by the workload's
        // construction (checkScenario keeps every other id out of it): no set lookup for them.
        if (!request.id.startsWith(own)) this.claimId(request.id);
        return tag(tcp ? this.startTcp(tcp, request, onComplete) : this.startTransfer(request, transport.model === "maxmin-rtt", onComplete));
      },
      random: (name: string): RandomStream => randomStream(this.seed, `${workloadName}/${name}`),
      pathInfo: (src, dst) => this.pathInfo(src, dst),
    };
  }

  /** Latency and hops of the route from `src` to `dst` under ECMP key 0, cached per pair. */
  private pathInfo(src: string, dst: string): PathInfo {
    const key = `${src}\u0000${dst}`;
    let info = this.paths.get(key);
    if (!info) {
      const s = this.topology.nodeIndex.get(src);
      const d = this.topology.nodeIndex.get(dst);
      if (s === undefined || d === undefined) throw new InputError(`unknown node "${s === undefined ? src : dst}"`);
      const r = this.router.route(s, d, 0);
      info = r ? { latencyS: r.latencyS, hops: r.nodes.length - 1 } : { latencyS: Infinity, hops: Infinity };
      this.paths.set(key, info);
    }
    return info;
  }

  /** maxmin and rdma: one flow at its max-min share; maxmin-rtt: the same with weight / RTT. */
  private startTransfer(request: TransferRequest, byRtt: boolean, onComplete?: (result: TransferResult) => void): number {
    const route = this.routeFor(request);
    const startS = this.sim.nowS;
    const flow = this.network.startFlow(route, request.sizeBytes, {
      weight: byRtt ? rttWeight(route, request.weight ?? 1, request.id) : request.weight,
      capBps: request.capBps,
      startDelayS: request.extraLatencies ? request.extraLatencies * route.latencyS : undefined,
      onComplete: onComplete
        ? (f) => onComplete({ id: request.id, startS, finishS: this.network.finishOf(f) })
        : undefined,
    });
    this.labels[flow] = request.id;
    return flow;
  }

  /** tcp: through the workload's connections (handshake, slow start, window). */
  private startTcp(tcp: TcpTransport, request: TransferRequest, onComplete?: (result: TransferResult) => void): number {
    const route = this.routeFor(request);
    const startS = this.sim.nowS;
    // Connections are per ordered endpoint pair; a pinned path is part of the key so reuse keeps the path's RTT.
    const pairKey = `${request.src}\u0000${request.dst}${request.path ? `\u0000${request.path.join("\u0000")}` : ""}`;
    const flow = tcp.start(pairKey, route, request.sizeBytes, request.weight, request.capBps, request.reply === true, (f, cost) => {
      this.tcpCosts[f] = cost;
      onComplete?.({ id: request.id, startS, finishS: this.network.finishOf(f) });
    });
    this.labels[flow] = request.id;
    return flow;
  }

  private claimId(id: string): void {
    if (this.usedIds.has(id)) throw new InputError(`flow id "${id}" is used twice`);
    this.usedIds.add(id);
  }

  private routeFor(request: TransferRequest): Route {
    const node = (id: string) => {
      const n = this.topology.nodeIndex.get(id);
      if (n === undefined) throw new InputError(`flow "${request.id}": unknown node "${id}"`);
      return n;
    };
    if (request.path) {
      const r = this.router.pinned(request.path.map(node));
      if (typeof r === "string") throw new InputError(`flow "${request.id}": path has ${r}`);
      return r;
    }
    const src = node(request.src);
    const dst = node(request.dst);
    // ECMP keyed by the flow's id, so adding a workload never moves other flows' paths.
    const r = this.router.route(src, dst, stringHash32(request.id));
    if (!r) throw new InputError(`flow "${request.id}": no path from "${request.src}" to "${request.dst}"`);
    return r;
  }
}

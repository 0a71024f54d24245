// NetworkContext: the WorkloadContext that binds workloads to the clock, the router and the flow network.
import { grown } from "../core/grown.js";
import { InputError } from "../core/InputError.js";
import { randomStream, type RandomStream } from "../core/randomStream.js";
import { stringHash32 } from "../core/stringHash32.js";
import type { Simulation } from "../core/Simulation.js";
import type { Timers, TimerCallback } from "../core/Timers.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { RerouteHooks } from "../net/NetworkDynamics.js";
import type { Route, Router } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { QueueState } from "../net/queues/QueueState.js";
import { queueSettings } from "./queueSettings.js";
import { RequestTransfer } from "./RequestTransfer.js";
import type { Transport, TransportRun } from "../transport/Transport.js";
import { TRANSPORT_MODEL_REGISTRY } from "../transport/transportModels.js";
import { MAXMIN_TRANSPORT, type TransportSpec } from "../transport/TransportSpec.js";
import type { PathInfo, TransferFailure, TransferRequest, TransferResult, WorkloadContext } from "../workloads/Workload.js";

type OnComplete = (result: TransferResult) => void;
type OnFailed = (failure: TransferFailure) => void;

/**
 * Resolves node ids, picks routes (pinned, or shortest path with per-flow ECMP keyed by a
 * hash of the flow's id) and starts flows through the workload's transport. Keeps each flow's
 * user-facing id, indexed by flow number, for the reports. One context per workload, so each
 * gets its own named random streams and its own transport (for `tcp`, its own pool of
 * persistent connections); the models' per-run state is shared ({@link transportRuns}).
 *
 * With scenario events, a transfer whose destination is out of reach when it starts (links
 * failed and routes converged) is started and failed at once: it shows in flows.csv as
 * failed and its workload's `onFailed` runs at the same instant. {@link rerouteHooks}
 * reroutes flows after a failure with the same ECMP key, and fails pinned ones.
 */
export class NetworkContext {
  /** User-facing id of every flow, indexed by flow number. */
  readonly labels: string[] = [];
  /** The per-run state of every transport model used so far, by model name, in order of first use. */
  readonly transportRuns = new Map<TransportSpec["model"], TransportRun>();
  /** Index of the workload that started each flow, by flow number. */
  workloadOfFlow = new Int32Array(1024);
  /** Workload names in the order their contexts were made (indexes of `workloadOfFlow`). */
  readonly workloadNames: string[] = [];
  private readonly usedIds = new Set<string>();
  private readonly paths = new Map<string, PathInfo>();
  /** Flows on a pinned path (never rerouted). */
  private readonly pinnedFlows = new Set<number>();
  /** `onFailed` of the flows whose workload gave one, until the flow ends. */
  private readonly failureCallbacks = new Map<number, OnFailed>();
  /** `onComplete` of every flow started through a transport, by flow number, until it is called. */
  private readonly completions: Array<OnComplete | undefined> = [];
  /**
   * What every transport calls when a flow's last byte is delivered: one function for all
   * flows (the flow's id, start and callback are read by its number), so starting a flow
   * leaves no closure holding its request alive until it ends.
   */
  private readonly flowDone = (f: number): void => {
    if (this.failureCallbacks.size > 0) this.failureCallbacks.delete(f);
    const onComplete = this.completions[f];
    if (!onComplete) return;
    this.completions[f] = undefined;
    onComplete({ id: this.labels[f], startS: this.network.startOf(f), finishS: this.network.finishOf(f), flow: f });
  };
  /** Router of each workload (its policy's, or the run's), by workload index. */
  private readonly routers: Router[] = [];
  /** The workloads' timers (tagged, cancellable): the simulation's own. */
  private readonly timers: Timers;

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly router: Router,
    private readonly topology: Topology,
    private readonly seed: number,
    /** Whether links may fail during the run (scenario events): then an unreachable destination fails the flow instead of being an input error. */
    private readonly dynamic = false,
    /** The network's queues, which transports read (RTTs) and feed (bound flows); default: the built-in buffers, no marking. */
    private readonly queues: QueueState = new QueueState(network, topology, queueSettings(topology, { workloads: [] })),
  ) {
    this.timers = sim.timers;
  }

  /**
   * The context handed to the workload called `workloadName`, carrying its transfers with
   * `transport` (default maxmin) on routes of `router` (default the run's; a routing
   * policy passes a restricted one). With `idsChecked`, its flow ids were proven unique
   * before the run (checkScenario does for `transfer`, `transfers` and `traffic` workloads)
   * and are not kept in the set of used ids: a million flows would hold a million strings there.
   */
  forWorkload(workloadName: string, transport: TransportSpec = MAXMIN_TRANSPORT, router: Router = this.router, idsChecked = false): WorkloadContext {
    let run = this.transportRuns.get(transport.model);
    if (!run) {
      run = TRANSPORT_MODEL_REGISTRY[transport.model].createRun({
        sim: this.sim,
        network: this.network,
        queues: this.queues,
        topology: this.topology,
        random: (name) => randomStream(this.seed, `transport/${transport.model}/${name}`),
      });
      this.transportRuns.set(transport.model, run);
    }
    const carrier = run.forWorkload(transport);
    const index = this.workloadNames.push(workloadName) - 1;
    this.routers.push(router);
    // Ids under the workload's own namespace, or all of them when checked before the run, skip the set.
    return new BoundWorkload(this, workloadName, index, idsChecked ? "" : `${workloadName}.`, carrier, router);
  }

  /** Current simulated time (for {@link BoundWorkload}). */
  nowS(): number {
    return this.sim.nowS;
  }

  /** Call `fn(tag)` at `atS`; returns the timer's handle (for {@link BoundWorkload}). */
  schedule(atS: number, fn: TimerCallback, tag: number): number {
    return this.timers.at(atS, fn, tag);
  }

  /** Cancel the timer of `handle` (for {@link BoundWorkload}). */
  cancel(handle: number): boolean {
    return this.timers.cancel(handle);
  }

  /**
   * The node number of `name`; `flowId`, when given, is the flow whose request named it.
   *
   * @throws InputError on an unknown node (`flow "<flowId>": unknown node "<name>"` with a flow).
   */
  node(name: string, flowId?: string): number {
    const n = this.topology.nodeIndex.get(name);
    if (n === undefined) throw new InputError(`${flowId === undefined ? "" : `flow "${flowId}": `}unknown node "${name}"`);
    return n;
  }

  /**
   * Start workload `index`'s transfer and record which workload started the flow. Ids under the
   * workload's own namespace `own` ("<name>.") are unique by the workload's construction
   * (checkScenario keeps every other id out of it): no set lookup for them.
   */
  startFor(
    index: number,
    request: TransferRequest,
    own: string,
    carrier: Transport,
    router: Router,
    onComplete?: OnComplete,
    onFailed?: OnFailed,
  ): number {
    if (!request.id.startsWith(own)) this.claimId(request.id);
    const route = this.routeFor(request, router);
    let flow: number;
    if (typeof route === "number") flow = this.startUnroutable(request, route);
    else flow = this.startTransfer(carrier, request, route, onComplete);
    if (request.path) this.pinnedFlows.add(flow);
    if (onFailed) {
      if (this.network.isLive(flow)) this.failureCallbacks.set(flow, onFailed);
      else this.sim.at(this.sim.nowS, () => onFailed({ id: request.id, startS: this.network.startOf(flow), failedS: this.sim.nowS }));
    }
    if (flow >= this.workloadOfFlow.length) this.workloadOfFlow = grown(this.workloadOfFlow, Math.max(2 * this.workloadOfFlow.length, flow + 1));
    this.workloadOfFlow[flow] = index;
    return flow;
  }

  /** The random stream `name` of the workload called `workloadName`. */
  randomFor(workloadName: string, name: string): RandomStream {
    return randomStream(this.seed, `${workloadName}/${name}`);
  }

  /** Latency and hops of the route from `src` to `dst` under ECMP key 0, cached per pair. */
  pathInfo(src: string, dst: string, router: Router): PathInfo {
    const key = `${src}\u0000${dst}${router === this.router ? "" : `\u0000${this.routers.indexOf(router)}`}`;
    let info = this.paths.get(key);
    if (!info) {
      const r = router.route(this.node(src), this.node(dst), 0);
      info = r ? { latencyS: r.latencyS, hops: r.nodes.length - 1 } : { latencyS: Infinity, hops: Infinity };
      this.paths.set(key, info);
    }
    return info;
  }

  /** What the run's {@link NetworkDynamics} needs to reroute or fail flows after a failure. */
  rerouteHooks(): RerouteHooks {
    return {
      routeFor: (flow) => {
        const router = this.routerOfFlow(flow);
        if (!router) return null;
        const nodes = this.network.routeOf(flow).nodes;
        return router.steer(nodes[0], nodes[nodes.length - 1], stringHash32(this.labels[flow]));
      },
      failed: (flow) => this.notifyFailed(flow),
    };
  }

  /** The router a flow's workload routes on, or null for a flow on a pinned path (never moved). */
  routerOfFlow(flow: number): Router | null {
    if (this.pinnedFlows.has(flow)) return null;
    return this.routers[this.workloadOfFlow[flow]] ?? this.router;
  }

  /** A transfer to a destination out of reach (after failures): started and failed at once, on a route of its two end nodes only. */
  private startUnroutable(request: TransferRequest, src: number): number {
    const dst = request.dstNode ?? this.topology.nodeIndex.get(request.dst)!;
    const route: Route = { nodes: Int32Array.of(src, dst), resources: new Int32Array(0), latencyS: 0 };
    const flow = this.network.startFlow(route, request.sizeBytes);
    this.labels[flow] = request.id;
    this.network.fail(flow);
    return flow;
  }

  private notifyFailed(flow: number): void {
    this.completions[flow] = undefined;
    const cb = this.failureCallbacks.get(flow);
    if (!cb) return;
    this.failureCallbacks.delete(flow);
    cb({ id: this.labels[flow], startS: this.network.startOf(flow), failedS: this.sim.nowS });
  }

  /** Start the transfer through the workload's transport. */
  private startTransfer(carrier: Transport, request: TransferRequest, route: Route, onComplete: OnComplete | undefined): number {
    const flow = carrier.start(new RequestTransfer(request), route, this.flowDone);
    this.labels[flow] = request.id;
    this.completions[flow] = onComplete;
    return flow;
  }

  private claimId(id: string): void {
    if (this.usedIds.has(id)) throw new InputError(`flow id "${id}" is used twice`);
    this.usedIds.add(id);
  }

  /** The request's route, or its source node number when its destination is out of reach (after failures). */
  private routeFor(request: TransferRequest, router: Router): Route | number {
    if (request.path) {
      const r = this.router.pinned(request.pathNodes ?? request.path.map((id) => this.node(id, request.id)));
      if (typeof r === "string") throw new InputError(`flow "${request.id}": path has ${r}`);
      return r;
    }
    const src = request.srcNode ?? this.node(request.src, request.id);
    const dst = request.dstNode ?? this.node(request.dst, request.id);
    // A pair with one shortest path has one route whatever the flow: no need to hash its id.
    const known = router.knownRoute(src, dst);
    if (known) return known;
    // ECMP keyed by the flow's id, so adding a workload never moves other flows' paths
    // (and, under a `wcmp` controller, the installed split's path between the site borders).
    const r = router.steer(src, dst, stringHash32(request.id));
    if (r) return r;
    if (!this.dynamic) {
      const policy = router === this.router ? "" : " that its routing policy allows";
      throw new InputError(`flow "${request.id}": no path from "${request.src}" to "${request.dst}"${policy}`);
    }
    return src;
  }
}

/**
 * The {@link WorkloadContext} of one workload: its name, index, id namespace, transport and
 * router, with methods on the prototype — one object per workload instead of a closure per
 * method (a scenario of 20,000 transfers is 20,000 workloads).
 */
class BoundWorkload implements WorkloadContext {
  constructor(
    private readonly context: NetworkContext,
    private readonly name: string,
    private readonly index: number,
    private readonly own: string,
    private readonly carrier: Transport,
    private readonly router: Router,
  ) {}

  nowS(): number {
    return this.context.nowS();
  }

  schedule(atS: number, fn: TimerCallback, tag = 0): number {
    return this.context.schedule(atS, fn, tag);
  }

  cancel(handle: number): boolean {
    return this.context.cancel(handle);
  }

  node(name: string): number {
    return this.context.node(name);
  }

  startTransfer(request: TransferRequest, onComplete?: OnComplete, onFailed?: OnFailed): number {
    return this.context.startFor(this.index, request, this.own, this.carrier, this.router, onComplete, onFailed);
  }

  random(name: string): RandomStream {
    return this.context.randomFor(this.name, name);
  }

  pathInfo(src: string, dst: string): PathInfo {
    return this.context.pathInfo(src, dst, this.router);
  }
}

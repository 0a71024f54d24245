// AgentsWorkload: a population of agents whose tasks call services and inference endpoints over the network.
import { InputError } from "../../core/InputError.js";
import { ConnectionPool } from "../connections/ConnectionPool.js";
import type { CallerConnections, ServiceEndpoint } from "../ServiceEndpoint.js";
import { sizeSampler } from "../sizeSampler.js";
import type { Workload, WorkloadContext } from "../Workload.js";
import { RequestTable } from "../RequestTable.js";
import { TaskTable } from "../TaskTable.js";
import type { WorkloadResults } from "../WorkloadResults.js";
import type { AgentsSpec } from "./AgentsSpec.js";
import { type ArrivalControl, scheduleArrivals } from "./scheduleArrivals.js";

/**
 * Agents that issue tasks. Each arrival (see `scheduleArrivals`) is one task by one agent,
 * from that agent's node: `parallel` calls every endpoint at once and is done when the last
 * response returns (task time = the slowest call); `chain` calls them one after the other,
 * each after the previous response (task time = the sum). Request and response flows go
 * on this workload's context, so its transport applies (with `tcp` and persistent: false,
 * every request opens a new connection and pays the handshake).
 *
 * Connections (`spec.connections`, set on `tcp`): each agent has its own pool of connections
 * (or, with pool `node`, all agents on a node share one), so a population of `count` agents
 * that each make one call at a time holds at most `count` connections per service; a call
 * rides an idle connection of its agent's pool or opens one (see the endpoints).
 *
 * Random streams: "arrivals" (times), "agents" (which agent), "requests" and "responses"
 * (sizes). Request ids are `<name>-<task>` (one call) or `<name>-<task>.<k>`.
 *
 * Surges ({@link setRateFactor}) run the arrival process's clock k times faster while they
 * hold (see `TimeWarp`): exact for Poisson, gaps of everyS/k for periodic, and bursts,
 * profile steps and Pareto gaps all compressed by k for the other processes.
 */
export class AgentsWorkload implements Workload {
  readonly name: string;
  /** The requests and tasks done, as columns (ids `<name>.<task>` or `<name>.<task>.<k>`, made when read). */
  private readonly requests: RequestTable;
  private readonly tasks: TaskTable;
  /** Tasks issued so far. */
  tasksIssued = 0;
  /** Requests issued so far. */
  requestsIssued = 0;
  /** The running arrival process (after start), and the factor to begin with if a surge comes first. */
  private arrivals: ArrivalControl | undefined;
  private initialFactor = 1;

  /** @throws InputError when the endpoints do not match the spec's calls, or on a bad count or rate. */
  constructor(
    readonly spec: AgentsSpec,
    private readonly endpoints: readonly ServiceEndpoint[],
  ) {
    this.name = spec.name;
    const where = `agents "${spec.name}"`;
    if (endpoints.length !== spec.calls.length || endpoints.length === 0) throw new InputError(`${where}: a task must call at least one endpoint`);
    if (!(Number.isInteger(spec.count) && spec.count >= 1)) throw new InputError(`${where}: count must be an integer ≥ 1, found ${spec.count}`);
    if (spec.nodes.length === 0) throw new InputError(`${where}: needs at least one node`);
    if (spec.durationS === undefined && spec.tasks === undefined) throw new InputError(`${where}: give requests or duration, or it never stops`);
    const name = spec.name;
    this.requests = new RequestTable(endpoints.length === 1 ? (task) => `${name}.${task}` : (task, k) => `${name}.${task}.${k}`);
    this.tasks = new TaskTable((task) => `${name}.${task}`);
  }

  start(ctx: WorkloadContext): void {
    const s = this.spec;
    const requestSize = sizeSampler(s.request, ctx.random("requests"));
    const responseSize = sizeSampler(s.response, ctx.random("responses"));
    const single = s.calls.length === 1;
    const conns = s.connections;
    const pools = new Map<number | string, CallerConnections>();
    /** The pool agent `agent` on `node` draws from, made on first use. */
    const poolOf = (agent: number, node: string): CallerConnections | undefined => {
      if (!conns) return undefined;
      const key = conns.pool === "agent" ? agent : node;
      let p = pools.get(key);
      if (!p) pools.set(key, (p = { pool: new ConnectionPool(), spec: conns }));
      return p;
    };

    const call = (task: number, k: number, node: string, connections: CallerConnections | undefined, then: () => void) => {
      this.requestsIssued++;
      this.endpoints[k].call({
        id: single ? `${this.name}.${task}` : `${this.name}.${task}.${k}`,
        population: this.name,
        kind: s.agentKind,
        clientNode: node,
        requestBytes: requestSize.sample(),
        responseBytes: responseSize.sample(),
        ctx,
        ...(connections && { connections }),
        onDone: (record) => {
          this.requests.add(record, task, k);
          then();
        },
      });
    };

    const arrive = (agent: number) => {
      const task = this.tasksIssued++;
      const node = s.nodes[agent % s.nodes.length];
      const connections = poolOf(agent, node);
      const startS = ctx.nowS();
      const n = s.calls.length;
      const done = (): void => {
        this.tasks.add({ population: this.name, kind: s.agentKind, requests: n, startS, totalS: ctx.nowS() - startS }, task);
      };
      if (s.mode === "parallel") {
        let left = n;
        for (let k = 0; k < n; k++) call(task, k, node, connections, () => (--left === 0 ? done() : undefined));
      } else {
        const next = (k: number): void => (k === n ? done() : call(task, k, node, connections, () => next(k + 1)));
        next(0);
      }
    };

    this.arrivals = scheduleArrivals(s.arrival, s.count, ctx, ctx.random("arrivals"), ctx.random("agents"), {
      startS: s.startS,
      endS: s.durationS === undefined ? Infinity : s.startS + s.durationS,
      maxArrivals: s.tasks ?? Infinity,
    }, arrive, this.initialFactor);
  }

  /** Multiply the population's arrival rate by `factor` (> 0) from now on; 1 restores the configured rate. */
  setRateFactor(factor: number): void {
    if (!(Number.isFinite(factor) && factor > 0)) throw new Error(`AgentsWorkload.setRateFactor: factor must be > 0, found ${factor}`);
    if (this.arrivals) this.arrivals.setRateFactor(factor);
    else this.initialFactor = factor;
  }

  results(): WorkloadResults {
    return { requests: this.requests, tasks: this.tasks };
  }
}

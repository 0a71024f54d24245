// FlowRows: the rows of flows.csv — each flow's endpoints, size and times from the network, its ideal time and longest bottleneck from FlowRecorder, and the columns transport models add.
import { elapsedDigits, roundDigits } from "../core/elapsedS.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { Topology } from "../net/Topology.js";
import { CellArray, writeWith, type CellSink } from "./CsvWriter.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";
import { flowFctS } from "./flowFctS.js";
import type { FlowRecorder } from "./FlowRecorder.js";
import { slowdownOf } from "./slowdownOf.js";

/** Columns of flows.csv, in order. */
export const FLOW_CSV_HEADERS = [
  "id",
  "src",
  "dst",
  "size_bytes",
  "start_s",
  "finish_s",
  "fct_s",
  "ideal_fct_s",
  "slowdown",
  "mean_rate_gbps",
  "bottleneck",
  "status",
] as const;

/**
 * flows.csv of a {@link FlowRecorder}: one row per flow in flow-id order, `labels[flow]` its id
 * (the flow number when missing; read only when rows are written, so callers may fill it as
 * flows start), then {@link FLOW_CSV_HEADERS}' cells and those of the columns added.
 */
export class FlowRows {
  /** Extra columns (a transport model's), each group with the function giving a flow's cells (undefined: empty cells). */
  private readonly extra: Array<{ headers: readonly string[]; cells: (flow: number) => Array<number | string> | undefined }> = [];
  /** Names of the resources written as bottlenecks so far, by resource id (each name built once, not once per flow; an array, not a Map: one indexed load per row). */
  private names: Array<string | undefined> = [];

  constructor(
    private readonly recorder: FlowRecorder,
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    private readonly labels: readonly string[],
  ) {}

  /** Add `headers` to flows.csv, filled from `cells(flow)` when rows are written (numbers formatted like every other cell; empty cells where it returns undefined). */
  addColumns(headers: readonly string[], cells: (flow: number) => Array<number | string> | undefined): void {
    this.extra.push({ headers, cells });
  }

  /** The rows of flows.csv (see {@link FLOW_CSV_HEADERS}), in flow-id order, as text cells. */
  *rows(): Generator<string[]> {
    const sink = new CellArray();
    for (let f = 0; f < this.network.flowCount; f++) {
      this.cells(f, sink);
      yield sink.take();
    }
  }

  /** Write flows.csv to `path`, each cell formatted once straight into the file (see CsvWriter). */
  writeCsv(path: string): Promise<void> {
    const headers = [...FLOW_CSV_HEADERS, ...this.extra.flatMap((g) => g.headers)];
    return writeWith(path, headers, async (w) => {
      for (let f = 0; f < this.network.flowCount; f++) {
        this.cells(f, w);
        w.endRow();
        if (w.full) await w.flush();
      }
    });
  }

  /** Name of resource `r` (a channel "a->b", a node capacity), kept once made. */
  private nameOf(r: number): string {
    if (this.names.length === 0) this.names = new Array<string | undefined>(this.topology.resourceCount).fill(undefined);
    let name = this.names[r];
    if (name === undefined) this.names[r] = name = this.topology.resourceName(r);
    return name;
  }

  /** The cells of flow `f`'s row of flows.csv, into `sink`. */
  private cells(f: number, sink: CellSink): void {
    const net = this.network;
    const t = this.topology;
    const route = net.routeOf(f);
    const size = net.sizeOf(f);
    const start = net.startOf(f);
    const finish = net.finishOf(f);
    const fct = finish - start;
    const ideal = this.recorder.idealFctOf(f);
    // Draining starts when the first byte arrives: after a transport's start delay (handshake, queues) and the route's latency.
    const delayS = net.startDelayOf(f);
    const drainS = delayS > 0 ? fct - delayS - route.latencyS : fct - route.latencyS;
    const b = this.recorder.bottleneckOf(f);
    sink.text(this.labels[f] ?? String(f));
    sink.text(t.nodeIds[route.nodes[0]]);
    sink.text(t.nodeIds[route.nodes[route.nodes.length - 1]]);
    sink.number(size);
    sink.number(start);
    sink.number(finish);
    sink.number(flowFctS(net, f));
    sink.number(ideal);
    sink.number(slowdownOf(fct, ideal));
    // The rate to the digits the drain time resolves: it is a difference of instants up to the finish (elapsedDigits).
    // An empty flow never drains (a transport's header-only segment is not a rate of its bytes): no rate.
    if (drainS > 0 && size > 0) sink.number(roundDigits((size * 8) / 1e9 / drainS, elapsedDigits(finish - drainS, finish)));
    else sink.text("");
    sink.text(b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : this.nameOf(b));
    sink.text(this.recorder.statusOf(f));
    for (const group of this.extra) {
      const cells = group.cells(f);
      for (let i = 0; i < group.headers.length; i++) {
        const v = cells?.[i];
        if (typeof v === "number") sink.number(v);
        else sink.text(v === undefined ? "" : v);
      }
    }
  }
}

// FlowRows: the rows of flows.csv — each flow's endpoints, size and times from the network, its ideal time and longest bottleneck from FlowRecorder, and the columns transport models add.
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { Topology } from "../net/Topology.js";
import { CellArray, writeWith, type CellSink } from "./CsvWriter.js";
import type { FlowRecorder } from "./FlowRecorder.js";
import {
  AT_BOTTLENECK,
  AT_DST,
  AT_FINISH,
  AT_IDEAL,
  AT_LATENCY,
  AT_SIZE,
  AT_SRC,
  AT_START,
  AT_START_DELAY,
  AT_STATUS,
  bottleneckCell,
  FLOW_CSV_HEADERS,
  FLOW_INTS,
  FLOW_NUMBERS,
  FLOW_STATUS,
  flowCells,
  type FlowColumns,
} from "./FlowColumns.js";

export { FLOW_CSV_HEADERS } from "./FlowColumns.js";

/**
 * flows.csv of a {@link FlowRecorder}: one row per flow in flow-id order, `labels[flow]` its id
 * (the flow number when missing; read only when rows are written, so callers may fill it as
 * flows start), then {@link FLOW_CSV_HEADERS}' cells and those of the columns added.
 */
export class FlowRows {
  /** Extra columns (a transport model's), each group with the function giving a flow's cells (undefined: empty cells). */
  private readonly extra: Array<{ headers: readonly string[]; cells: (flow: number) => Array<number | string> | undefined }> = [];
  /** Names of the resources written as bottlenecks so far, by resource id (each name built once, not once per flow). */
  private readonly names = new Map<number, string>();
  /** {@link nameOf}, made once. */
  private readonly nameOfResource = (r: number): string => this.nameOf(r);

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
    let name = this.names.get(r);
    if (name === undefined) this.names.set(r, (name = this.topology.resourceName(r)));
    return name;
  }

  /** Whether flows.csv has only its standard columns ({@link columns} holds all it needs). */
  get standardOnly(): boolean {
    return this.extra.length === 0;
  }

  /**
   * The values of the standard columns (see {@link FlowColumns}), for writing flows.csv in another
   * thread ({@link writeFlowColumnsCsv}: the same bytes as {@link writeCsv} when no columns were added).
   */
  columns(): FlowColumns {
    const net = this.network;
    const rec = this.recorder;
    const n = net.flowCount;
    const numbers = new Float64Array(n * FLOW_NUMBERS);
    const ints = new Int32Array(n * FLOW_INTS);
    const resourceNames: Record<number, string> = {};
    for (let f = 0; f < n; f++) {
      const route = net.routeOf(f);
      const x = f * FLOW_NUMBERS;
      numbers[x + AT_SIZE] = net.sizeOf(f);
      numbers[x + AT_START] = net.startOf(f);
      numbers[x + AT_FINISH] = net.finishOf(f);
      numbers[x + AT_IDEAL] = rec.idealFctOf(f);
      numbers[x + AT_START_DELAY] = net.startDelayOf(f);
      numbers[x + AT_LATENCY] = route.latencyS;
      const i = f * FLOW_INTS;
      ints[i + AT_SRC] = route.nodes[0];
      ints[i + AT_DST] = route.nodes[route.nodes.length - 1];
      const b = rec.bottleneckOf(f);
      ints[i + AT_BOTTLENECK] = b;
      if (b >= 0 && resourceNames[b] === undefined) resourceNames[b] = this.nameOf(b);
      ints[i + AT_STATUS] = FLOW_STATUS.indexOf(rec.statusOf(f));
    }
    return { flows: n, labels: this.labels, nodeIds: this.topology.nodeIds, resourceNames, numbers, ints };
  }

  /** The cells of flow `f`'s row of flows.csv, into `sink`. */
  private cells(f: number, sink: CellSink): void {
    const net = this.network;
    const t = this.topology;
    const route = net.routeOf(f);
    flowCells(
      sink,
      this.labels[f] ?? String(f),
      t.nodeIds[route.nodes[0]],
      t.nodeIds[route.nodes[route.nodes.length - 1]],
      net.sizeOf(f),
      net.startOf(f),
      net.finishOf(f),
      this.recorder.idealFctOf(f),
      net.startDelayOf(f),
      route.latencyS,
      bottleneckCell(this.recorder.bottleneckOf(f), this.nameOfResource),
      this.recorder.statusOf(f),
    );
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

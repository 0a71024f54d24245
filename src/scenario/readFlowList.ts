// readFlowList: read a flow file in HPCC/ns-3's flow.txt or htsim's connection-matrix format into a transfer list, refusing each mistake with its line and column.
import { readFileSync, statSync } from "node:fs";
import type { TransferList } from "../workloads/specs.js";
import type { TransferCsv, TransferCsvFail } from "./readTransferCsv.js";
import { readQuantity } from "./schemaParts.js";

/** The flow-file formats other simulators write, read by {@link readFlowList}. */
export type FlowListFormat = "hpcc" | "htsim";

/** How a flow file's integer node number becomes a node id: the number itself (to be mapped onto hosts later) or a template with `{i}`. */
export type NodeNaming = { hosts: true } | { template: string };

/** Largest flow file read (the scenario loader's own limit per file). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const HPCC_FIELDS = "src dst priority dport size start_time";
const HTSIM_FORM = "<src>-><dst> start <µs> size <bytes> [id <n>] [prio <n>]";

/** One line cut into its fields, each with its 1-based column. */
interface Line {
  number: number;
  fields: string[];
  columns: number[];
}

/**
 * Read `path` as `format`:
 * - `hpcc`: HPCC's ns-3 `flow.txt` (alibaba-edu/High-Precision-Congestion-Control,
 *   simulation/mix/flow.txt, read by scratch/third.cc): the first line is the number of
 *   flows N, then N lines `src dst priority dport size start_time` — integer node numbers,
 *   a priority group and destination port (read and ignored), the size in bytes and the
 *   start in seconds. Flow k (from 0, in file order) is named `<name>-<k>`.
 * - `htsim`: htsim's connection matrix (Broadcom/csg-htsim, sim/datacenter/connection_matrix.cpp,
 *   `ConnectionMatrix::load`): optional header lines `Nodes N` and `Connections M`, `#`
 *   comments, then one line per connection `<src>-><dst> start <µs> size <bytes>` with
 *   optional `id <n>` and `prio <n>` (ignored); triggers and failures are refused. A flow is
 *   named `<name>-<id>`, or `<name>-<k>` without an id.
 * Node numbers become ids by `naming`; fields are separated by spaces or tabs. Every problem
 * calls `fail` with "line:column (field)" and one sentence; more than `maxRows` flows is
 * refused as too large.
 */
export function readFlowList(path: string, format: FlowListFormat, name: string, naming: NodeNaming, fail: TransferCsvFail, maxRows: number): TransferCsv {
  let text = "";
  try {
    const stat = statSync(path);
    if (!stat.isFile()) fail("", "is not a file");
    if (stat.size > MAX_FILE_BYTES) fail("", `is ${stat.size.toLocaleString("en-US")} bytes, more than the ${MAX_FILE_BYTES / 1024 / 1024} MiB a flow file may have`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (!(e instanceof Error) || !("code" in e)) throw e;
    fail("", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const rows = new FlowRows(name, naming, fail, maxRows);
  if (format === "hpcc") readHpcc(text, rows, fail);
  else readHtsim(text, rows, fail);
  if (rows.count === 0) fail("", format === "hpcc" ? `the file lists no flows — ${HPCC_FIELDS} per line after the count` : `the file lists no connections — one line per connection: ${HTSIM_FORM}`);
  return rows.result();
}

/** Every non-blank line of `text`, cut into fields at spaces and tabs. */
function* lines(text: string): Generator<Line> {
  let number = 0;
  for (let raw of text.split("\n")) {
    number++;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (number === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    const fields: string[] = [];
    const columns: number[] = [];
    for (const m of raw.matchAll(/[^ \t]+/g)) {
      fields.push(m[0]);
      columns.push(m.index + 1);
    }
    if (fields.length > 0) yield { number, fields, columns };
  }
}

const WHOLE = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** HPCC's flow.txt: N, then N lines of six fields. */
function readHpcc(text: string, rows: FlowRows, fail: TransferCsvFail): void {
  let declared = -1;
  let countLine = 0;
  for (const l of lines(text)) {
    const at = (k: number, field: string) => `${l.number}:${l.columns[k]} (${field})`;
    if (declared < 0) {
      if (l.fields.length !== 1 || !WHOLE.test(l.fields[0])) {
        fail(`${l.number}:1`, `the first line of an HPCC flow file is the number of flows, found ${JSON.stringify(l.fields.join(" "))}`);
      }
      declared = Number(l.fields[0]);
      countLine = l.number;
      continue;
    }
    if (rows.count === declared) fail(`${l.number}:1`, `line ${countLine} declares ${declared} flows and this line is one more (HPCC reads only the declared flows)`);
    if (l.fields.length !== 6) fail(`${l.number}:1`, `expected 6 fields (${HPCC_FIELDS}), found ${l.fields.length}`);
    const src = nodeNumber(l.fields[0], at(0, "src"), fail);
    const dst = nodeNumber(l.fields[1], at(1, "dst"), fail);
    if (!WHOLE.test(l.fields[2])) fail(at(2, "priority"), `${JSON.stringify(l.fields[2])} is not a priority group (a whole number)`);
    if (!WHOLE.test(l.fields[3])) fail(at(3, "dport"), `${JSON.stringify(l.fields[3])} is not a port (a whole number)`);
    const size = wholeBytes(l.fields[4], at(4, "size"), fail);
    if (!DECIMAL.test(l.fields[5])) fail(at(5, "start_time"), `${JSON.stringify(l.fields[5])} is not a number of seconds ≥ 0 (e.g. 2.000001)`);
    rows.add(String(rows.count), l, src, dst, size, Number(l.fields[5]), l.columns[0], l.columns[1]);
  }
  if (declared < 0) fail("", `the file is empty — an HPCC flow file starts with the number of flows, then ${HPCC_FIELDS} per line`);
  if (rows.count < declared) fail(`${countLine}:1`, `declares ${declared} flows but the file lists ${rows.count}`);
}

/** htsim's connection matrix: header lines, then one connection per line. */
function readHtsim(text: string, rows: FlowRows, fail: TransferCsvFail): void {
  let nodes = -1;
  let connections = -1;
  let connectionsLine = 0;
  for (const l of lines(text)) {
    const f = l.fields;
    const at = (k: number, field: string) => `${l.number}:${l.columns[k]} (${field})`;
    if (f[0].startsWith("#")) continue;
    const arrow = f[0].indexOf("->");
    if (arrow < 0) {
      if (rows.count === 0 && (f[0] === "Nodes" || f[0] === "Connections" || f[0] === "Triggers" || f[0] === "Failures")) {
        if (f.length !== 2 || !WHOLE.test(f[1])) fail(`${l.number}:1`, `expected "${f[0]} <count>", found ${JSON.stringify(f.join(" "))}`);
        const n = Number(f[1]);
        if (f[0] === "Nodes") nodes = n;
        else if (f[0] === "Connections") [connections, connectionsLine] = [n, l.number];
        else if (n > 0) fail(at(1, f[0]), `${f[0].toLowerCase()} are not supported (chokepoint replays connections with start times only)`);
        continue;
      }
      if (f[0] === "trigger" || f[0] === "failure") fail(at(0, f[0]), `${f[0]}s are not supported (chokepoint replays connections with start times only)`);
      fail(at(0, "src->dst"), `expected a connection (${HTSIM_FORM})${rows.count === 0 ? " or a header line Nodes/Connections <count>" : ""}, found ${JSON.stringify(f[0])}`);
    }
    const srcText = f[0].slice(0, arrow);
    const dstText = f[0].slice(arrow + 2);
    const src = nodeNumber(srcText, at(0, "src"), fail);
    const dstColumn = l.columns[0] + arrow + 2;
    const dst = nodeNumber(dstText, `${l.number}:${dstColumn} (dst)`, fail);
    if (nodes >= 0 && src >= nodes) fail(at(0, "src"), `node ${src} is not below the file's "Nodes ${nodes}"`);
    if (nodes >= 0 && dst >= nodes) fail(`${l.number}:${dstColumn} (dst)`, `node ${dst} is not below the file's "Nodes ${nodes}"`);
    let startS = -1;
    let size = -1;
    let id: string | undefined;
    let idColumn = l.columns[0];
    for (let k = 1; k < f.length; k += 2) {
      const key = f[k];
      if (key === "trigger" || key === "send_done_trigger" || key === "recv_done_trigger" || key === "addon") {
        fail(at(k, key), `"${key}" is not supported (chokepoint replays connections with start times only)`);
      }
      if (key !== "start" && key !== "size" && key !== "id" && key !== "prio") fail(at(k, key), `unknown field "${key}" — a connection reads ${HTSIM_FORM}`);
      if (k + 1 >= f.length) fail(at(k, key), `"${key}" needs a value`);
      const value = f[k + 1];
      const where = at(k + 1, key);
      if (key === "start") {
        const q = DECIMAL.test(value) ? readQuantity(`${value}us`, "time", "nonnegative") : undefined;
        if (!q?.ok) fail(where, `${JSON.stringify(value)} is not a start in microseconds ≥ 0 (e.g. 12.5)`);
        startS = q.value;
      } else if (key === "size") size = wholeBytes(value, where, fail);
      else if (key === "id") {
        if (!WHOLE.test(value) || Number(value) === 0) fail(where, `${JSON.stringify(value)} is not a flow id (a whole number ≥ 1, as htsim requires)`);
        id = String(Number(value));
        idColumn = l.columns[k + 1];
      } else if (!WHOLE.test(value)) fail(where, `${JSON.stringify(value)} is not a priority (a whole number)`);
    }
    if (startS < 0) fail(`${l.number}:1`, `the connection has no "start <µs>" (triggered starts are not supported)`);
    if (size < 0) fail(`${l.number}:1`, `the connection has no "size <bytes>"`);
    rows.add(id ?? String(rows.count), l, src, dst, size, startS, idColumn, dstColumn);
  }
  if (connections >= 0 && rows.count !== connections) fail(`${connectionsLine}:1`, `declares ${connections} connections but the file lists ${rows.count}`);
}

/** A node number: a whole number ≥ 0. */
function nodeNumber(text: string, where: string, fail: TransferCsvFail): number {
  if (!WHOLE.test(text) || !Number.isSafeInteger(Number(text))) fail(where, `${JSON.stringify(text)} is not a node number (a whole number ≥ 0)`);
  return Number(text);
}

/** A size: a whole number of bytes ≥ 0. */
function wholeBytes(text: string, where: string, fail: TransferCsvFail): number {
  if (!WHOLE.test(text) || !Number.isSafeInteger(Number(text))) fail(where, `${JSON.stringify(text)} is not a whole number of bytes ≥ 0`);
  return Number(text);
}

/** The rows read so far, in columns, with where each came from. */
class FlowRows {
  count = 0;
  private readonly ids: string[] = [];
  private readonly idSet = new Set<string>();
  private readonly nodes: string[] = [];
  private readonly nodeOf = new Map<number, number>();
  private src: number[] = [];
  private dst: number[] = [];
  private sizeBytes: number[] = [];
  private startS: number[] = [];
  /** Per row: line, column of src, dst and id. */
  private where: number[] = [];

  constructor(
    private readonly name: string,
    private readonly naming: NodeNaming,
    private readonly fail: TransferCsvFail,
    private readonly maxRows: number,
  ) {}

  add(key: string, l: Line, src: number, dst: number, sizeBytes: number, startS: number, idColumn: number, dstColumn: number): void {
    if (this.count === this.maxRows) {
      this.fail(`${l.number}:1`, `more than ${this.maxRows.toLocaleString("en-US")} flows — too large to simulate in the memory this process may use (docs/scenarios.md, Limits)`);
    }
    const id = `${this.name}-${key}`;
    if (this.idSet.has(id)) this.fail(`${l.number}:${idColumn} (id)`, `flow id ${key} is used twice (the flow would be "${id}" twice)`);
    this.idSet.add(id);
    this.ids.push(id);
    this.src.push(this.node(src));
    this.dst.push(this.node(dst));
    this.sizeBytes.push(sizeBytes);
    this.startS.push(startS);
    this.where.push(l.number, l.columns[0], dstColumn, idColumn);
    this.count++;
  }

  private node(n: number): number {
    let k = this.nodeOf.get(n);
    if (k === undefined) {
      k = this.nodes.length;
      this.nodeOf.set(n, k);
      this.nodes.push("template" in this.naming ? this.naming.template.replaceAll("{i}", String(n)) : String(n));
    }
    return k;
  }

  result(): TransferCsv {
    const list: TransferList = {
      count: this.count,
      ids: this.ids,
      nodes: this.nodes,
      src: Int32Array.from(this.src),
      dst: Int32Array.from(this.dst),
      sizeBytes: Float64Array.from(this.sizeBytes),
      startS: Float64Array.from(this.startS),
    };
    const where = Int32Array.from(this.where);
    const locate = (row: number, column: "id" | "src" | "dst" | "path"): string => {
      const c = column === "dst" ? 2 : column === "id" ? 3 : 1;
      return `${where[4 * row]}:${where[4 * row + c]} (${column === "path" ? "src" : column})`;
    };
    return { list, locate };
  }
}

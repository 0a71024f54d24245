// ChakraPlan: a set of per-rank Chakra traces checked and indexed for replay — dependencies, collective groups, send/recv pairs.
import { InputError } from "../../core/InputError.js";
import type { CollectiveKind } from "../collectives/CollectiveSpec.js";
import { CHAKRA_COLLECTIVES, CHAKRA_NODE_TYPES, type ChakraAttrValue, type ChakraNode, type ChakraTrace } from "./ChakraTrace.js";

/** What the replay does with a node (Skip: METADATA_NODE, INVALID_NODE, MEM_LOAD_NODE and MEM_STORE_NODE are done as soon as issued). */
export const NodeAction = { Skip: 0, Compute: 1, Collective: 2, Send: 3, Recv: 4 } as const;

/** One rank's trace file, as read. */
export interface ChakraRankFile {
  /** The file's path as messages name it. */
  file: string;
  trace: ChakraTrace;
}

/** One collective: the k-th of its process group on every member rank. */
export interface PlannedCollective {
  /** chokepoint's collective, or "barrier" (a synchronisation that moves no bytes). */
  kind: CollectiveKind | "barrier";
  sizeBytes: number;
  /** Member ranks, in ring order (ascending, or as the scenario's `groups` lists them). */
  ranks: number[];
  /** Node index of this collective on each member rank (same order as `ranks`). */
  nodes: number[];
  /** Process group name ("" for the default group of every rank) and position in it. */
  pg: string;
  pgIndex: number;
  seq: number;
  /** The first member's node name, for the record. */
  name: string;
}

/** One point-to-point transfer: a send node matched with a recv node by (src, dst, tag) and order. */
export interface PlannedSendRecv {
  src: number;
  dst: number;
  tag: number;
  sizeBytes: number;
  sendNode: number;
  recvNode: number;
  name: string;
}

/** One rank's nodes, indexed: dependencies as counts and a child list (CSR), actions, and links to collectives and transfers. */
export interface PlannedRank {
  file: string;
  nodes: ChakraNode[];
  action: Uint8Array;
  /** Distinct dependencies (data and control) of each node. */
  depCount: Int32Array;
  /** Children of node i: childList[childStart[i] … childStart[i+1]). */
  childStart: Int32Array;
  childList: Int32Array;
  /** Collective (Collective) or send/recv (Send, Recv) index of each node; −1 otherwise. */
  link: Int32Array;
  /** Sum of the rank's compute durations, seconds. */
  computeS: number;
}

const SUPPORTED: Partial<Record<(typeof CHAKRA_COLLECTIVES)[number], CollectiveKind | "barrier">> = {
  ALL_REDUCE: "all-reduce",
  ALL_GATHER: "all-gather",
  REDUCE_SCATTER: "reduce-scatter",
  ALL_TO_ALL: "all-to-all",
  BARRIER: "barrier",
};

/** Process groups named "" or "0" are the default group of every rank (as ASTRA-sim reads them). */
const isDefaultGroup = (pg: string) => pg === "" || pg === "0";

/**
 * Check and index `ranks` (rank r = ranks[r]). Collectives are matched per process group
 * (`pg_name`) by their order in each member's file, as NCCL orders them per communicator;
 * a group's members are the ranks `groups` lists for its name, else every rank whose file
 * uses it (the default group: every rank). Sends and recvs are matched by (src, dst, tag) and
 * file order. Every problem is an InputError naming the file and the node.
 */
export class ChakraPlan {
  readonly ranks: PlannedRank[];
  readonly collectives: PlannedCollective[] = [];
  readonly sendRecvs: PlannedSendRecv[] = [];

  constructor(files: readonly ChakraRankFile[], groups?: Readonly<Record<string, readonly number[]>>) {
    this.ranks = files.map(planRank);
    this.matchCollectives(groups ?? {});
    this.matchSendRecvs();
    this.checkDeadlock();
  }

  private matchCollectives(explicit: Readonly<Record<string, readonly number[]>>): void {
    const n = this.ranks.length;
    // Per group name: per rank, its collective nodes in file order.
    const byGroup = new Map<string, number[][]>();
    for (const [name, members] of Object.entries(explicit)) {
      const seen = new Set<number>();
      for (const m of members) {
        if (!Number.isInteger(m) || m < 0 || m >= n) throw new InputError(`groups.${name}: rank ${m} is not a rank of the trace (0 … ${n - 1})`);
        if (seen.has(m)) throw new InputError(`groups.${name}: rank ${m} is listed twice`);
        seen.add(m);
      }
    }
    this.ranks.forEach((rank, r) => {
      rank.nodes.forEach((node, i) => {
        if (rank.action[i] !== NodeAction.Collective) return;
        const pg = pgName(node);
        const key = isDefaultGroup(pg) && explicit[pg] === undefined ? "" : pg;
        let lists = byGroup.get(key);
        if (!lists) byGroup.set(key, (lists = Array.from({ length: n }, () => [])));
        lists[r].push(i);
      });
    });
    for (const [pg, lists] of [...byGroup.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const members = explicit[pg] !== undefined ? [...explicit[pg]] : pg === "" ? Array.from({ length: n }, (_, r) => r) : lists.flatMap((l, r) => (l.length > 0 ? [r] : []));
      const inGroup = new Set(members);
      lists.forEach((l, r) => {
        if (l.length > 0 && !inGroup.has(r)) {
          const node = this.ranks[r].nodes[l[0]];
          throw new InputError(`${this.ranks[r].file}: node ${node.id}: COMM_COLL_NODE of process group "${pg}", but groups.${pg} does not list rank ${r}`);
        }
      });
      const counts = members.map((r) => lists[r].length);
      const count = Math.max(...counts);
      const short = members.findIndex((r) => lists[r].length < count);
      if (short >= 0) {
        const r = members[short];
        const full = members[counts.indexOf(count)];
        throw new InputError(
          `${this.ranks[r].file}: has ${lists[r].length} collectives of process group ${pg === "" ? "(default)" : `"${pg}"`} but ${this.ranks[full].file} has ${count}; every member must run the same collectives in the same order`,
        );
      }
      const pgIndex = new Set(this.collectives.map((c) => c.pg)).size;
      for (let k = 0; k < count; k++) {
        const first = this.ranks[members[0]].nodes[lists[members[0]][k]];
        const kind = collectiveKind(first, this.ranks[members[0]].file);
        const sizeBytes = commSize(first, this.ranks[members[0]].file, kind !== "barrier");
        const index = this.collectives.length;
        for (const r of members) {
          const i = lists[r][k];
          const node = this.ranks[r].nodes[i];
          const file = this.ranks[r].file;
          if (collectiveKind(node, file) !== kind || commSize(node, file, kind !== "barrier") !== sizeBytes) {
            throw new InputError(
              `${file}: node ${node.id}: collective ${k} of process group ${pg === "" ? "(default)" : `"${pg}"`} is ${describe(node, file)} but on ${this.ranks[members[0]].file} (node ${first.id}) it is ${describe(first, this.ranks[members[0]].file)}`,
            );
          }
          this.ranks[r].link[i] = index;
        }
        this.collectives.push({ kind, sizeBytes, ranks: members, nodes: members.map((r) => lists[r][k]), pg, pgIndex, seq: k, name: first.name || kind });
      }
    }
  }

  private matchSendRecvs(): void {
    const pending = new Map<string, Array<{ rank: number; node: number }>>();
    const key = (src: number, dst: number, tag: number) => `${src}>${dst}#${tag}`;
    const n = this.ranks.length;
    this.ranks.forEach((rank, r) => {
      rank.nodes.forEach((node, i) => {
        if (rank.action[i] !== NodeAction.Send) return;
        const src = intAttr(node, "comm_src", rank.file, r);
        const dst = intAttr(node, "comm_dst", rank.file);
        if (src !== r) throw new InputError(`${rank.file}: node ${node.id}: COMM_SEND_NODE with comm_src ${src} in rank ${r}'s file (a send is issued by its sender)`);
        if (dst < 0 || dst >= n || dst === r) throw new InputError(`${rank.file}: node ${node.id}: COMM_SEND_NODE to comm_dst ${dst}, expected another rank of the trace (0 … ${n - 1})`);
        const k = key(src, dst, intAttr(node, "comm_tag", rank.file, 0));
        const list = pending.get(k) ?? [];
        list.push({ rank: r, node: i });
        pending.set(k, list);
      });
    });
    const taken = new Map<string, number>();
    this.ranks.forEach((rank, r) => {
      rank.nodes.forEach((node, i) => {
        if (rank.action[i] !== NodeAction.Recv) return;
        const src = intAttr(node, "comm_src", rank.file);
        const dst = intAttr(node, "comm_dst", rank.file, r);
        if (dst !== r) throw new InputError(`${rank.file}: node ${node.id}: COMM_RECV_NODE with comm_dst ${dst} in rank ${r}'s file (a recv is issued by its receiver)`);
        const tag = intAttr(node, "comm_tag", rank.file, 0);
        const k = key(src, dst, tag);
        const used = taken.get(k) ?? 0;
        const send = pending.get(k)?.[used];
        if (!send) throw new InputError(`${rank.file}: node ${node.id}: COMM_RECV_NODE from rank ${src} with tag ${tag} has no matching COMM_SEND_NODE in rank ${src}'s file (send ${used + 1} of that source, destination and tag is missing)`);
        taken.set(k, used + 1);
        const sendNode = this.ranks[send.rank].nodes[send.node];
        const sizeBytes = commSize(sendNode, this.ranks[send.rank].file, true);
        const recvBytes = commSize(node, rank.file, true);
        if (recvBytes !== sizeBytes) throw new InputError(`${rank.file}: node ${node.id}: COMM_RECV_NODE of ${recvBytes} bytes matches a send of ${sizeBytes} bytes (${this.ranks[send.rank].file}: node ${sendNode.id})`);
        const index = this.sendRecvs.length;
        this.sendRecvs.push({ src, dst, tag, sizeBytes, sendNode: send.node, recvNode: i, name: sendNode.name || "send-recv" });
        this.ranks[send.rank].link[send.node] = index;
        rank.link[i] = index;
      });
    });
    for (const [k, sends] of pending) {
      const used = taken.get(k) ?? 0;
      if (used < sends.length) {
        const s = sends[used];
        const node = this.ranks[s.rank].nodes[s.node];
        throw new InputError(`${this.ranks[s.rank].file}: node ${node.id}: COMM_SEND_NODE to rank ${intAttr(node, "comm_dst", "")} with tag ${intAttr(node, "comm_tag", "", 0)} has no matching COMM_RECV_NODE in that rank's file`);
      }
    }
  }

  /**
   * Replay the graph without time: a collective completes once every member issued it, a
   * recv once its send was issued. Nodes left over wait on each other across ranks.
   */
  private checkDeadlock(): void {
    const left = this.ranks.map((r) => Int32Array.from(r.depCount));
    const arrived = new Int32Array(this.collectives.length);
    const sent = new Uint8Array(this.sendRecvs.length);
    const recvIssued = new Uint8Array(this.sendRecvs.length);
    const done = this.ranks.map((r) => new Uint8Array(r.nodes.length));
    const stack: Array<[number, number]> = [];
    const complete = (r: number, i: number) => stack.push([r, i]);
    const issue = (r: number, i: number) => {
      const rank = this.ranks[r];
      const link = rank.link[i];
      switch (rank.action[i]) {
        case NodeAction.Collective: {
          const c = this.collectives[link];
          if (++arrived[link] === c.ranks.length) c.ranks.forEach((m, j) => complete(m, c.nodes[j]));
          break;
        }
        case NodeAction.Send: {
          sent[link] = 1;
          complete(r, i);
          const p = this.sendRecvs[link];
          if (recvIssued[link]) complete(p.dst, p.recvNode);
          break;
        }
        case NodeAction.Recv:
          recvIssued[link] = 1;
          if (sent[link]) complete(r, i);
          break;
        default:
          complete(r, i);
      }
    };
    this.ranks.forEach((rank, r) => rank.nodes.forEach((_, i) => rank.depCount[i] === 0 && issue(r, i)));
    while (stack.length > 0) {
      const [r, i] = stack.pop()!;
      if (done[r][i]) continue;
      done[r][i] = 1;
      const rank = this.ranks[r];
      for (let c = rank.childStart[i]; c < rank.childStart[i + 1]; c++) {
        const child = rank.childList[c];
        if (--left[r][child] === 0) issue(r, child);
      }
    }
    for (let r = 0; r < this.ranks.length; r++) {
      const rank = this.ranks[r];
      // Report a node that was issued but never completed (it waits on another rank), else the first never issued.
      let stuck = -1;
      for (let i = 0; i < rank.nodes.length && stuck < 0; i++) if (!done[r][i] && left[r][i] === 0) stuck = i;
      if (stuck < 0) continue;
      const node = rank.nodes[stuck];
      const link = rank.link[stuck];
      const why =
        rank.action[stuck] === NodeAction.Collective
          ? `waits for collective ${this.collectives[link].seq} of process group ${this.collectives[link].pg === "" ? "(default)" : `"${this.collectives[link].pg}"`} on ranks that never reach it`
          : `waits for its COMM_SEND_NODE on rank ${this.sendRecvs[link].src}, which is never issued`;
      throw new InputError(`${rank.file}: node ${node.id}: ${CHAKRA_NODE_TYPES[node.type]} ${why} (the ranks' dependencies and communication wait on each other: a deadlock)`);
    }
  }
}

function pgName(node: ChakraNode): string {
  const v = node.attrs.get("pg_name");
  return v === undefined ? "" : String(v);
}

function typeName(type: number): string {
  return CHAKRA_NODE_TYPES[type] ?? `type ${type}`;
}

function describe(node: ChakraNode, file: string): string {
  const kind = collectiveKind(node, file);
  return `${kind} of ${kind === "barrier" ? 0 : commSize(node, file, true)} bytes`;
}

function numberAttr(node: ChakraNode, name: string): ChakraAttrValue | undefined {
  return node.attrs.get(name);
}

/** An integer attribute (any protobuf integer type); `fallback` when absent, else absent is an error. */
function intAttr(node: ChakraNode, name: string, file: string, fallback?: number): number {
  const v = numberAttr(node, name);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new InputError(`${file}: node ${node.id}: ${typeName(node.type)} has no ${name} attribute`);
  }
  if (typeof v !== "number" || !Number.isInteger(v)) throw new InputError(`${file}: node ${node.id}: attribute ${name} is ${JSON.stringify(v)}, expected an integer`);
  return v;
}

function commSize(node: ChakraNode, file: string, required: boolean): number {
  const v = intAttr(node, "comm_size", file, required ? undefined : 0);
  if (v < 0) throw new InputError(`${file}: node ${node.id}: comm_size ${v} is negative`);
  return v;
}

function collectiveKind(node: ChakraNode, file: string): CollectiveKind | "barrier" {
  const t = intAttr(node, "comm_type", file);
  const name = CHAKRA_COLLECTIVES[t];
  const kind = name === undefined ? undefined : SUPPORTED[name];
  if (kind === undefined) {
    throw new InputError(
      `${file}: node ${node.id}: COMM_COLL_NODE with comm_type ${name ?? t} is not supported (supported: ${Object.keys(SUPPORTED).join(", ")})`,
    );
  }
  return kind;
}

/** Index one rank's file: actions, distinct dependencies, children; a dependency on an unknown node or a cycle is an error. */
function planRank(f: ChakraRankFile): PlannedRank {
  const { nodes } = f.trace;
  const count = nodes.length;
  const indexOf = new Map<number, number>();
  const action = new Uint8Array(count);
  let computeS = 0;
  nodes.forEach((node, i) => {
    if (indexOf.has(node.id)) throw new InputError(`${f.file}: node id ${node.id} appears twice (nodes ${indexOf.get(node.id)} and ${i} of the file)`);
    indexOf.set(node.id, i);
    switch (node.type) {
      case 0:
      case 1:
      case 2:
      case 3:
        action[i] = NodeAction.Skip;
        break;
      case 4:
        action[i] = NodeAction.Compute;
        computeS += node.durationMicros * 1e-6;
        break;
      case 5:
        action[i] = NodeAction.Send;
        break;
      case 6:
        action[i] = NodeAction.Recv;
        break;
      case 7:
        action[i] = NodeAction.Collective;
        collectiveKind(node, f.file);
        break;
      default:
        throw new InputError(`${f.file}: node ${node.id}: unknown node type ${node.type} (et_def.proto's NodeType has 0 … 7: ${CHAKRA_NODE_TYPES.join(", ")})`);
    }
  });
  const depCount = new Int32Array(count);
  const childCount = new Int32Array(count + 1);
  const deps: number[][] = nodes.map((node, i) => {
    const distinct = new Set<number>();
    for (const d of [...node.dataDeps, ...node.ctrlDeps]) {
      const j = indexOf.get(d);
      if (j === undefined) throw new InputError(`${f.file}: node ${node.id}: depends on node ${d}, which is not in the file`);
      if (j === i) throw new InputError(`${f.file}: node ${node.id}: depends on itself (a dependency cycle)`);
      distinct.add(j);
    }
    depCount[i] = distinct.size;
    for (const j of distinct) childCount[j + 1]++;
    return [...distinct];
  });
  const childStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) childStart[i + 1] = childStart[i] + childCount[i + 1];
  const fill = childStart.slice(0, count);
  const childList = new Int32Array(childStart[count]);
  deps.forEach((ds, i) => ds.forEach((j) => (childList[fill[j]++] = i)));
  // Kahn's algorithm: nodes never freed lie on (or behind) a cycle.
  const left = Int32Array.from(depCount);
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (left[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    for (let c = childStart[i]; c < childStart[i + 1]; c++) if (--left[childList[c]] === 0) queue.push(childList[c]);
  }
  if (queue.length < count) {
    const cycle = findCycle(left, deps);
    throw new InputError(`${f.file}: dependency cycle: ${cycle.map((i) => `node ${nodes[i].id}`).join(" → ")} (each depends on the next)`);
  }
  return { file: f.file, nodes, action, depCount, childStart, childList, link: new Int32Array(count).fill(-1), computeS };
}

/** A cycle among the nodes Kahn's algorithm left (left[i] > 0): follow unfinished dependencies until a node repeats. */
function findCycle(left: Int32Array, deps: number[][]): number[] {
  let i = left.findIndex((v) => v > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(i)) {
    seenAt.set(i, path.length);
    path.push(i);
    i = deps[i].find((j) => left[j] > 0)!;
  }
  return [...path.slice(seenAt.get(i)!), i];
}

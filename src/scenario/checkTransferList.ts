// checkTransferList: every row of a transfers file names known nodes, joins two different connected ones, and pins only real paths — each problem one sentence at its line and column.
import { closest } from "../core/closest.js";
import type { Topology } from "../net/Topology.js";
import type { TransferListLoadSpec } from "./Scenario.js";

/**
 * Check each row of `w`'s list against the built network, as a `transfer` is checked: its
 * nodes exist (with a "did you mean"), its source and destination differ, a pinned path
 * starts at the source, ends at the destination, visits no node twice and follows links,
 * and without a path the destination can be reached (`component`: connected components).
 * `fail("file", message)` throws; the message starts with the cell's place in the CSV file.
 * Linear in the rows and their hops: each distinct node id is looked up once.
 */
export function checkTransferList(w: TransferListLoadSpec, topology: Topology, component: Int32Array, fail: (key: string, message: string) => never): void {
  const list = w.list;
  const at = (row: number, column: "id" | "src" | "dst" | "path", message: string, hop?: number): never =>
    fail("file", `${w.file}:${w.locate(row, column, hop)}: ${message}`);
  const nodeOf = Int32Array.from(list.nodes, (id) => topology.nodeIndex.get(id) ?? -1);
  const unknown = nodeOf.indexOf(-1);
  if (unknown >= 0) {
    const id = list.nodes[unknown];
    const near = closest(id, topology.nodeIds);
    const message = `unknown node "${id}"${near ? ` (did you mean "${near}"?)` : ""}`;
    const ps = list.pathStart;
    for (let i = 0; i < list.count; i++) {
      if (list.src[i] === unknown) at(i, "src", message);
      if (list.dst[i] === unknown) at(i, "dst", message);
      if (ps) for (let h = ps[i]; h < ps[i + 1]; h++) if (list.pathNodes![h] === unknown) at(i, "path", message, h - ps[i]);
    }
  }
  /** Row + 1 of the last path that visited each node, to find a node visited twice without clearing. */
  const visited = new Int32Array(topology.nodeCount);
  for (let i = 0; i < list.count; i++) {
    const src = nodeOf[list.src[i]];
    const dst = nodeOf[list.dst[i]];
    if (src === dst) at(i, "dst", `the destination is the source "${list.nodes[list.src[i]]}" (a transfer needs two different nodes)`);
    const ps = list.pathStart;
    if (ps && ps[i + 1] > ps[i]) {
      const hops = list.pathNodes!;
      const first = ps[i];
      const last = ps[i + 1] - 1;
      const name = (h: number) => list.nodes[hops[h]];
      if (nodeOf[hops[first]] !== src) at(i, "path", `the path starts at "${name(first)}", not at the source "${list.nodes[list.src[i]]}"`, 0);
      if (nodeOf[hops[last]] !== dst) at(i, "path", `the path ends at "${name(last)}", not at the destination "${list.nodes[list.dst[i]]}"`, last - first);
      for (let h = first; h <= last; h++) {
        const n = nodeOf[hops[h]];
        if (visited[n] === i + 1) at(i, "path", `the path visits "${name(h)}" twice`, h - first);
        visited[n] = i + 1;
        if (h > first && topology.channelBetween(nodeOf[hops[h - 1]], n) < 0) {
          at(i, "path", `no link between "${name(h - 1)}" and "${name(h)}" (a path lists adjacent nodes)`, h - first);
        }
      }
    } else if (component[src] !== component[dst]) {
      at(i, "dst", `"${list.nodes[list.dst[i]]}" cannot be reached from "${list.nodes[list.src[i]]}" (no chain of links joins them)`);
    }
  }
}

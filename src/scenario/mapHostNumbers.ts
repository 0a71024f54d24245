// mapHostNumbers: name the integer nodes of an hpcc or htsim flow file after the topology's hosts — number i is the i-th node of kind host.
import type { Topology } from "../net/Topology.js";
import type { TransferListLoadSpec } from "./Scenario.js";

/**
 * Under the "hosts" rule a flow file's node number i is the i-th node of kind `host` in the
 * topology's node order (the order nodes are listed, and generated: a fat-tree's or
 * leaf–spine's `h0`, `h1`, …; counting from 0, as HPCC and htsim number their hosts). Renames
 * `w.list.nodes` in place, once; a number past the last host fails at its line and column.
 */
export function mapHostNumbers(w: TransferListLoadSpec, topology: Topology, fail: (key: string, message: string) => never): void {
  const hosts: number[] = [];
  topology.nodeKinds.forEach((kind, n) => {
    if (kind === "host") hosts.push(n);
  });
  const list = w.list;
  const names = list.nodes.map((text, k) => {
    const i = Number(text);
    if (i < hosts.length) return topology.nodeIds[hosts[i]];
    let row = 0;
    while (list.src[row] !== k && list.dst[row] !== k) row++;
    const column = list.src[row] === k ? "src" : "dst";
    return fail(
      "file",
      `${w.file}:${w.locate(row, column)}: node ${i} is past the last host — the topology has ${hosts.length} node${hosts.length === 1 ? "" : "s"} of kind host, numbered from 0 (set nodes: to a template such as "h{i}" to name other nodes)`,
    );
  });
  list.nodes = names;
  w.hostNumbers = false;
}

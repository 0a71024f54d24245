// TransferListWorkload: the transfers of a list (a trace replay), each started at its time, with one timer pending at a time.
import type { TransferList, TransferListSpec } from "./specs.js";
import type { TransferRequest, Workload, WorkloadContext } from "./Workload.js";

/**
 * Starts every row of `spec.list` at its start time: flow `ids[i]` from `src[i]` to
 * `dst[i]`, on its pinned path if it has one. Rows start in order of start time, rows with
 * the same start time in list order, all of one instant from one timer; the next timer is
 * scheduled when one fires, so a million rows keep one pending event (not a million
 * closures). A list already in time order (the usual trace) is not copied; another is
 * ordered once (an index array, 4 bytes a row). The list's node ids are numbered once, at
 * start, so no row looks a name up.
 */
export class TransferListWorkload implements Workload {
  readonly name: string;

  constructor(readonly spec: TransferListSpec) {
    this.name = spec.name;
  }

  start(ctx: WorkloadContext): void {
    const list = this.spec.list;
    const numbers = Int32Array.from(list.nodes, (id) => ctx.node(id));
    const order = startOrder(list);
    const at = (k: number) => list.startS[order ? order[k] : k];
    let k = 0;
    const fire = () => {
      const t = at(k);
      do {
        ctx.startTransfer(request(list, numbers, order ? order[k] : k));
        k++;
      } while (k < list.count && at(k) === t);
      if (k < list.count) ctx.schedule(at(k), fire);
    };
    if (list.count > 0) ctx.schedule(at(0), fire);
  }
}

/** Row numbers in order of start time (ties in list order), or undefined when the list is in that order already. */
function startOrder(list: TransferList): Int32Array | undefined {
  const t = list.startS;
  let sorted = true;
  for (let i = 1; i < list.count && sorted; i++) sorted = t[i - 1] <= t[i];
  if (sorted) return undefined;
  const order = new Int32Array(list.count);
  for (let i = 0; i < list.count; i++) order[i] = i;
  return order.sort((a, b) => t[a] - t[b] || a - b);
}

/** The request of row `i`; `numbers` are the node numbers of `list.nodes`. */
function request(list: TransferList, numbers: Int32Array, i: number): TransferRequest {
  const s = list.src[i];
  const d = list.dst[i];
  const req: TransferRequest = { id: list.ids[i], src: list.nodes[s], dst: list.nodes[d], srcNode: numbers[s], dstNode: numbers[d], sizeBytes: list.sizeBytes[i] };
  const ps = list.pathStart;
  if (ps && ps[i + 1] > ps[i]) {
    const path = new Array<string>(ps[i + 1] - ps[i]);
    for (let h = ps[i]; h < ps[i + 1]; h++) path[h - ps[i]] = list.nodes[list.pathNodes![h]];
    req.path = path;
  }
  return req;
}

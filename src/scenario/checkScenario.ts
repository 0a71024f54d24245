// checkScenario: semantic checks of a scenario against its built network (names, routes, ids), each one sentence.
import { existsSync } from "node:fs";
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import { closest } from "../core/closest.js";
import type { Scenario, TrafficLoadSpec, TransferListLoadSpec, TransferSpec } from "./Scenario.js";
import { BUILTIN_CDFS } from "../workloads/loadCdf.js";
import { checkTraining } from "./checkTraining.js";
import { checkChakra } from "./checkChakra.js";
import { checkServing } from "./checkServing.js";
import { checkEvents } from "./checkEvents.js";
import { checkPolicies } from "./checkPolicies.js";
import { components } from "./components.js";
import { checkTransferList } from "./checkTransferList.js";
import { mapHostNumbers } from "./mapHostNumbers.js";
import { PinnedHops } from "./PinnedHops.js";

/**
 * Check what the schema cannot: every node named by a workload exists (with a "did you
 * mean"), transfers join distinct connected nodes, pinned paths start at src, end at dst
 * and follow links, transfer ids and workload names are unique and no generated flow id
 * (`transfer<i>`, `<id>#<k>` for repeats, `<traffic>-<n>`) can collide with another, traffic
 * has at least two mutually reachable hosts and a feasible fan-in, CDF files exist. Throws the first problem as an InputError.
 * Linear in the size of the scenario (reachability from connected components).
 *
 * Returns the node numbers of the transfers' pinned paths, resolved by these checks, for
 * the run on `topology` to start their flows with (see {@link PinnedHops}).
 */
export function checkScenario(s: Scenario, topology: Topology): PinnedHops {
  const component = components(topology);
  const pinned = new PinnedHops(s.workloads.length, pinnedHopCount(s));
  // The ids and names seen so far, split: transfers' ids (checkTransfer refuses one used twice) and
  // other workloads' names, so that 20,000 transfers among no other named workload cost one set, not two.
  const transferIds = new Set<string>();
  const otherNames = new Set<string>();
  const workloads = s.workloads;
  let unnamed = 0;
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    if (w.kind === "transfer") {
      if (w.id === undefined) unnamed++;
      // No closure per transfer (20,000 transfers are 20,000 workloads): a message is made by
      // failTransfer, only when there is one. A transfer's id is put in transferIds by checkTransfer.
      checkTransfer(w, topology, component, transferIds, s.file, i, pinned);
      if (w.id !== undefined && otherNames.size > 0 && otherNames.has(w.id)) {
        failTransfer(s.file, i, "id", `"${w.id}" is used by an earlier workload (ids and names must be unique)`);
      }
      continue;
    }
    // The key path is made only for a message.
    const fail = (key: string, message: string): never => {
      throw new InputError(`${s.file}: workloads[${i}].${w.kind}${key ? `.${key}` : ""}: ${message}`);
    };
    const node = (id: string, key: string): number => nodeOrFail(topology, id, key, fail);
    if (w.kind === "transfers") {
      if (w.hostNumbers) mapHostNumbers(w, topology, fail);
      checkTransferList(w, topology, component, fail);
    }
    else if (w.kind === "traffic") checkTraffic(w, topology, component, node, fail);
    else if (w.kind === "training") checkTraining(w, topology, node, fail);
    else if (w.kind === "chakra") checkChakra(w, topology, fail);
    else checkServing(w, s, topology, node, fail, component);
    // An earlier workload's id or name.
    const name = w.name;
    if (name !== undefined) {
      if (otherNames.has(name) || transferIds.has(name)) fail("name", `"${name}" is used by an earlier workload (ids and names must be unique)`);
      otherNames.add(name);
    }
  }
  checkGeneratedIds(s, unnamed === 0 ? transferIds : undefined);
  checkEvents(s, topology);
  checkPolicies(s, topology);
  return pinned;
}

/**
 * Flow ids a run generates must not collide: a transfer is `id` (or `transfer<i>` when
 * unnamed) and its repeats `<id>#<k>` (k = 1 … count−1); traffic flows are `<name>-<n>`;
 * every other workload's flows are `<name>.…`, a namespace no other id may enter.
 * `named` is the set of the transfers' ids when every transfer has one (checkTransfer found
 * them distinct): it is then the set of their flow id bases, not built a second time.
 */
function checkGeneratedIds(s: Scenario, named: Set<string> | undefined): void {
  // Plain loops, not flatMap and forEach: 20,000 transfers are 20,000 workloads, and each transfer
  // costs one set lookup here; the repeat counts are gathered only if an id could name a repeat.
  const namespaces: Array<{ name: string; i: number }> = [];
  const traffic = new Set<string>();
  const workloads = s.workloads;
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    if (w.kind === "traffic") traffic.add(w.name);
    else if (w.kind !== "transfer" && w.kind !== "transfers") namespaces.push({ name: w.name, i });
  }
  let repeatCounts: Map<string, number> | undefined;
  /** Each transfer's flow id base and its repeat count (the last transfer's, for a base used twice). */
  const repeats = (): Map<string, number> => {
    if (!repeatCounts) {
      repeatCounts = new Map<string, number>();
      for (let i = 0; i < workloads.length; i++) {
        const w = workloads[i];
        if (w.kind === "transfer") repeatCounts.set(w.id ?? `transfer${i}`, w.repeat?.count ?? 1);
      }
    }
    return repeatCounts;
  };
  const seen = named ?? new Set<string>();
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    if (w.kind !== "transfer") continue;
    const base = w.id ?? `transfer${i}`;
    // No closure per transfer: the message is made (by failTransfer at key) only when there is one.
    const key = w.id !== undefined ? "id" : "";
    if (named === undefined) {
      if (seen.has(base)) failTransfer(s.file, i, key, `flow id "${base}" is also the id of another transfer (unnamed transfers are called transfer<index>)`);
      seen.add(base);
    }
    // The patterns only where they can match (20,000 transfers: most ids have no "#", and most scenarios no traffic or named workloads).
    const rep = base.includes("#") ? /^(.*)#(\d+)$/.exec(base) : null;
    if (rep && (repeats().get(rep[1]) ?? 0) > Number(rep[2])) failTransfer(s.file, i, key, `flow id "${base}" is also the id of a repeat of transfer "${rep[1]}"`);
    const gen = traffic.size > 0 ? /^(.*)-(\d+)$/.exec(base) : null;
    if (gen && traffic.has(gen[1])) failTransfer(s.file, i, key, `flow id "${base}" is also the id of a flow of traffic "${gen[1]}" (its flows are ${gen[1]}-0, ${gen[1]}-1, …)`);
    const ns = namespaces.length > 0 ? namespaces.find((n) => base.startsWith(`${n.name}.`)) : undefined;
    if (ns) failTransfer(s.file, i, key, `flow id "${base}" is in the id space of workload "${ns.name}" (its flows are ${ns.name}.…); rename the transfer`);
  }
  checkListIds(s, seen, repeats, traffic, namespaces);
  for (const a of namespaces) {
    const b = namespaces.find((n) => n !== a && a.name.startsWith(`${n.name}.`));
    if (b) {
      throw new InputError(
        `${s.file}: workloads[${a.i}].${s.workloads[a.i].kind}.name: "${a.name}" starts with "${b.name}." and so shares the id space of workload "${b.name}"; rename it`,
      );
    }
  }
  s.workloads.forEach((w, i) => {
    if (w.kind !== "traffic") return;
    const ns = namespaces.find((n) => `${w.name}-0`.startsWith(`${n.name}.`));
    if (ns) {
      throw new InputError(`${s.file}: workloads[${i}].traffic.name: "${w.name}" puts its flows in the id space of workload "${ns.name}" (${ns.name}.…); rename it`);
    }
  });
}

/**
 * The ids of transfer lists against every other flow id, by the rules of {@link checkGeneratedIds}
 * (each list's ids are unique within it, checked as it was read). `seen` holds the other
 * transfers' ids; a list's ids join it only when another list follows, and each rule runs
 * only when something it guards exists, so one list of a million rows costs nothing here.
 */
function checkListIds(s: Scenario, seen: Set<string>, repeats: () => Map<string, number>, traffic: Set<string>, namespaces: Array<{ name: string; i: number }>): void {
  // A plain loop, not flatMap: 100,000 transfers are 100,000 workloads, and flatMap made an empty list for each.
  const lists: Array<{ w: TransferListLoadSpec; i: number }> = [];
  for (let i = 0; i < s.workloads.length; i++) {
    const w = s.workloads[i];
    if (w.kind === "transfers") lists.push({ w, i });
  }
  if (lists.length === 0) return;
  const counts = repeats();
  const hasRepeats = [...counts.values()].some((n) => n > 1);
  lists.forEach(({ w, i }, n) => {
    const fail = (row: number, message: string): never => {
      throw new InputError(`${s.file}: workloads[${i}].transfers.file: ${w.file}:${w.locate(row, "id")}: ${message}`);
    };
    const ids = w.list.ids;
    const more = n + 1 < lists.length;
    for (let row = 0; row < ids.length; row++) {
      const id = ids[row];
      if (seen.size > 0 && seen.has(id)) fail(row, `flow id "${id}" is also the id of another transfer (unnamed transfers are called transfer<index>)`);
      if (hasRepeats) {
        const rep = /^(.*)#(\d+)$/.exec(id);
        if (rep && (counts.get(rep[1]) ?? 0) > Number(rep[2])) fail(row, `flow id "${id}" is also the id of a repeat of transfer "${rep[1]}"`);
      }
      if (traffic.size > 0) {
        const gen = /^(.*)-(\d+)$/.exec(id);
        if (gen && traffic.has(gen[1])) fail(row, `flow id "${id}" is also the id of a flow of traffic "${gen[1]}" (its flows are ${gen[1]}-0, ${gen[1]}-1, …)`);
      }
      if (namespaces.length > 0) {
        const ns = namespaces.find((x) => id.startsWith(`${x.name}.`));
        if (ns) fail(row, `flow id "${id}" is in the id space of workload "${ns.name}" (its flows are ${ns.name}.…); rename the transfer`);
      }
      if (more) seen.add(id);
    }
  });
}

/** The hops of every transfer's pinned path (PinnedHops' array is then made once, at its size). */
function pinnedHopCount(s: Scenario): number {
  let hops = 0;
  for (const w of s.workloads) if (w.kind === "transfer" && w.path) hops += w.path.length;
  return hops;
}

type Fail = (key: string, message: string) => never;
type NodeOf = (id: string, key: string) => number;

/** Node `id` of `t`, or `fail` at `key` with an "unknown node" sentence (and a "did you mean"). */
function nodeOrFail(t: Topology, id: string, key: string, fail: Fail): number {
  const n = t.nodeIndex.get(id);
  if (n !== undefined) return n;
  const near = closest(id, t.nodeIds);
  return fail(key, `unknown node "${id}"${near ? ` (did you mean "${near}"?)` : ""}`);
}

/** Throw transfer `i`'s problem at `key` as the other workloads' `fail` closures do (`file: workloads[i].transfer.key: message`). */
function failTransfer(file: string, i: number, key: string, message: string): never {
  throw new InputError(`${file}: workloads[${i}].transfer${key ? `.${key}` : ""}: ${message}`);
}

/** Node `id` of `t` for transfer `i`'s `key`, or its "unknown node" problem thrown (see failTransfer). */
function transferNode(t: Topology, file: string, i: number, id: string, key: string): number {
  return nodeOrFail(t, id, key, (k, message) => failTransfer(file, i, k, message));
}

/** Check a transfer; its pinned path's node numbers, when it has one, are written into `pinned` (at workload `i`). */
function checkTransfer(w: TransferSpec, t: Topology, component: Int32Array, ids: Set<string>, file: string, i: number, pinned: PinnedHops): void {
  const nodeIndex = t.nodeIndex;
  // No closure made: a message is made by failTransfer, only when there is one (20,000 transfers, none).
  const src = nodeIndex.get(w.src) ?? transferNode(t, file, i, w.src, "src");
  const dst = nodeIndex.get(w.dst) ?? transferNode(t, file, i, w.dst, "dst");
  if (src === dst) failTransfer(file, i, "dst", `the destination is the source "${w.src}" (a transfer needs two different nodes)`);
  if (w.id !== undefined) {
    if (ids.has(w.id)) failTransfer(file, i, "id", `transfer id "${w.id}" is used twice`);
    ids.add(w.id);
  }
  const path = w.path;
  if (path) {
    // The hops are resolved straight into the shared array (no array per transfer; a failed check throws, so the range need not be undone).
    const n = path.length;
    const at = pinned.reserve(i, n);
    const hops = pinned.array;
    for (let j = 0; j < n; j++) {
      // The key path is made only for a message (20,000 pinned transfers have 100,000 hops).
      const h = nodeIndex.get(path[j]);
      hops[at + j] = h !== undefined ? h : transferNode(t, file, i, path[j], `path[${j}]`);
    }
    if (hops[at] !== src) failTransfer(file, i, "path[0]", `the path starts at "${path[0]}", not at the source "${w.src}"`);
    if (hops[at + n - 1] !== dst) {
      failTransfer(file, i, `path[${n - 1}]`, `the path ends at "${path[n - 1]}", not at the destination "${w.dst}"`);
    }
    // A short path is searched for repeats in place (a Set per transfer costs more than the scan,
    // and a call of lastIndexOf per hop more than the loop: 24 million instructions for 140,000 hops).
    const seen = n > 16 ? new Set<number>() : undefined;
    for (let j = 0; j < n; j++) {
      const h = hops[at + j];
      if (seen ? seen.has(h) : visitedBefore(hops, at, h, j)) failTransfer(file, i, `path[${j}]`, `the path visits "${path[j]}" twice`);
      seen?.add(h);
      if (j > 0 && t.channelBetween(hops[at + j - 1], h) < 0) {
        failTransfer(file, i, `path[${j}]`, `no link between "${path[j - 1]}" and "${path[j]}" (a path lists adjacent nodes)`);
      }
    }
    return;
  }
  if (component[src] !== component[dst]) failTransfer(file, i, "dst", `"${w.dst}" cannot be reached from "${w.src}" (no chain of links joins them)`);
}

/** Whether `n` is among `hops[at … at + j)`. */
function visitedBefore(hops: Int32Array, at: number, n: number, j: number): boolean {
  for (let k = at; k < at + j; k++) if (hops[k] === n) return true;
  return false;
}

function checkTraffic(w: TrafficLoadSpec, t: Topology, component: Int32Array, node: NodeOf, fail: Fail): void {
  let count: number;
  if (w.hosts) {
    const seen = new Set<number>();
    w.hosts.forEach((id, j) => {
      const n = node(id, `hosts[${j}]`);
      if (seen.has(n)) fail(`hosts[${j}]`, `host "${id}" is listed twice`);
      if (component[n] !== component[node(w.hosts![0], "hosts[0]")]) {
        fail(`hosts[${j}]`, `host "${id}" cannot be reached from "${w.hosts![0]}" (traffic hosts must all be connected)`);
      }
      seen.add(n);
    });
    count = w.hosts.length;
  } else {
    const hosts = t.nodeIds.filter((_, n) => t.nodeKinds[n] === "host");
    count = hosts.length;
    const apart = hosts.find((id) => component[t.nodeIndex.get(id)!] !== component[t.nodeIndex.get(hosts[0])!]);
    if (apart !== undefined) {
      fail("", `host "${apart}" cannot be reached from "${hosts[0]}" (traffic runs among all nodes of kind "host", which must all be connected; list reachable ones in hosts)`);
    }
  }
  if (count < 2) {
    fail(w.hosts ? "hosts" : "", `traffic needs at least 2 hosts, found ${count}${w.hosts ? "" : ' (nodes of kind "host")'}`);
  }
  if (w.pattern === "incast") {
    if (w.fanIn === undefined) fail("fanIn", "an incast needs fanIn, the number of senders per receiver");
    if (w.fanIn >= count) fail("fanIn", `fanIn ${w.fanIn} needs at least ${w.fanIn + 1} hosts, found ${count}`);
  } else if (w.fanIn !== undefined) {
    fail("fanIn", `fanIn applies only to the incast pattern, not to "${w.pattern}"`);
  }
  if ((w.durationS === undefined) === (w.flows === undefined)) {
    fail("", "give exactly one of duration (how long arrivals last) or flows (how many arrive)");
  }
  if ("cdf" in w.size && !BUILTIN_CDFS.includes(w.size.cdf) && !existsSync(w.size.cdf)) {
    fail("size.cdf", `no such file "${w.size.cdf}" (and not one of ${BUILTIN_CDFS.join(", ")})`);
  }
}

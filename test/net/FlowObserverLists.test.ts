// FlowObserverLists: observers sorted by the callbacks they have, and a change outside a solve told after the solve's pending ones.
import { describe, expect, it } from "vitest";
import type { FlowObserver } from "../../src/net/FlowObserver.js";
import { FlowObserverLists } from "../../src/net/FlowObserverLists.js";
import type { RateChanges } from "../../src/net/RateChanges.js";

/** An observer of the callbacks `kinds`, each appending "name:callback" (and a change's flow and rates) to `log`. */
function observer(name: string, kinds: Array<keyof FlowObserver>, log: string[]): FlowObserver {
  const o: Record<string, unknown> = {};
  for (const k of kinds) {
    o[k] =
      k === "rateChanged"
        ? (c: RateChanges, i: number) => log.push(`${name}:rate ${c.flows[i]} ${c.oldRatesBps[i]}→${c.newRatesBps[i]}`)
        : k === "ratesChanged"
          ? (c: RateChanges) => log.push(`${name}:batch ${c.count}@${c.nowS}`)
          : () => log.push(`${name}:${k}`);
  }
  return o as FlowObserver;
}

describe("FlowObserverLists", () => {
  it("lists each observer under the callbacks it has, in subscription order", () => {
    const log: string[] = [];
    const lists = new FlowObserverLists();
    lists.add(observer("q", ["rateChanged", "flowStarted"], log));
    lists.add(observer("r", ["ratesChanged", "flowStarted", "flowCompleted", "solved"], log));
    lists.add(observer("t", ["flowActivated", "capacityChanged"], log));
    expect(lists.all).toHaveLength(3);
    expect([lists.rate.length, lists.batch.length, lists.activated.length, lists.started.length, lists.completed.length, lists.solved.length]).toEqual([
      1, 1, 1, 2, 1, 1,
    ]);
    for (const started of lists.started) started(7, 0.5);
    lists.completed[0](7, 1);
    lists.activated[0](7, 0.6);
    expect(log).toEqual(["q:flowStarted", "r:flowStarted", "r:flowCompleted", "t:flowActivated"]);
  });

  it("tells a change outside a solve to those taking each change, then to those taking batches, after the solve's pending changes", () => {
    const log: string[] = [];
    const lists = new FlowObserverLists();
    lists.add(observer("q", ["rateChanged"], log));
    lists.add(observer("r", ["ratesChanged"], log));
    // Two changes of a solve gathered, not yet handed over.
    const c = lists.changes;
    c.nowS = 2;
    c.flows[0] = 1;
    c.flows[1] = 2;
    c.count = 2;
    lists.tellRate(3, 4e9, 0, -1, 2);
    expect(log).toEqual(["r:batch 2@2", "q:rate 3 4000000000→0", "r:batch 1@2"]);
    expect(c.count).toBe(0);
    lists.tellChanges();
    expect(log).toHaveLength(4);
  });
});

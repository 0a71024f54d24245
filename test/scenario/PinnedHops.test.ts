// PinnedHops: checkScenario resolves each transfer's pinned path to node numbers once, and a run starts its flows on exactly those routes.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { PinnedHops } from "../../src/scenario/PinnedHops.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

const topology = { fatTree: { k: 4, bandwidth: "10Gbps", latency: "1us" } };
// h0 and h2 hang off edge switch e0_0 of pod 0; h4 off e1_0 of pod 1 (fatTree naming).
const doc = {
  topology,
  workloads: [
    { transfer: { id: "a", src: "h0", dst: "h4", size: "1MB", path: ["h0", "e0_0", "a0_1", "c2", "a1_1", "e1_0", "h4"] } },
    { transfer: { id: "b", src: "h0", dst: "h4", size: "1MB" } },
    { traffic: { name: "t", pattern: "uniform", load: 0.2, flows: 3, size: { exponential: { mean: "10KB" } } } },
    { transfer: { id: "c", src: "h4", dst: "h0", size: "2MB", start: "1us", repeat: { count: 2, every: "1ms" }, path: ["h4", "e1_0", "a1_0", "c1", "a0_0", "e0_0", "h0"] } },
  ],
};

describe("PinnedHops", () => {
  it("keeps each pinned transfer's hops by workload index, and none for the others", () => {
    const p = new PinnedHops(6);
    p.add(1, [3, 4, 5]);
    p.add(4, [7, 8]);
    expect([0, 1, 2, 3, 4, 5].map((i) => (p.of(i) ? [...p.of(i)!] : undefined))).toEqual([undefined, [3, 4, 5], undefined, undefined, [7, 8], undefined]);
    expect(() => p.add(2, [1])).toThrow();
  });

  it("reserves a range written in place, growing the shared array, among ranges added", () => {
    const p = new PinnedHops(5);
    p.add(0, [1, 2]);
    const at = p.reserve(2, 2000);
    for (let j = 0; j < 2000; j++) p.array[at + j] = j;
    p.add(3, [9]);
    expect([...p.of(0)!]).toEqual([1, 2]);
    expect(p.of(1)).toBeUndefined();
    expect(p.of(2)!.length).toBe(2000);
    expect(p.of(2)![1999]).toBe(1999);
    expect([...p.of(3)!]).toEqual([9]);
    expect(() => p.reserve(3, 1)).toThrow();
  });

  it("keeps every range through its growths, whatever the paths' lengths and order", () => {
    // 5,000 workloads: every third without a path, lengths 2–9 at first, then up to 60 (the array's estimate from the first paths falls short).
    let x = 7;
    const next = (m: number) => (x = (x * 1103515245 + 12345) % 2147483648) % m;
    const want: Array<number[] | undefined> = [];
    const p = new PinnedHops(5000);
    for (let i = 0; i < 5000; i++) {
      if (i % 3 === 2) {
        want.push(undefined);
        continue;
      }
      const hops = Array.from({ length: 2 + next(i < 2500 ? 8 : 59) }, () => next(100000));
      want.push(hops);
      if (i % 2 === 0) p.add(i, hops);
      else {
        const at = p.reserve(i, hops.length);
        hops.forEach((h, j) => (p.array[at + j] = h));
      }
    }
    expect(want.map((_, i) => (p.of(i) ? [...p.of(i)!] : undefined))).toEqual(want);
  });

  it("are the node numbers of the path ids, resolved by checkScenario on the run's topology", () => {
    const prepared = prepareScenarioDocument(doc, "t.yaml");
    const ids = (i: number) => [...prepared.pinned!.of(i)!].map((n) => prepared.topology.nodeIds[n]);
    expect(ids(0)).toEqual(doc.workloads[0].transfer!.path);
    expect(ids(3)).toEqual(doc.workloads[3].transfer!.path);
    expect([prepared.pinned!.of(1), prepared.pinned!.of(2)]).toEqual([undefined, undefined]);
  });

  it("start the flows on the routes the path ids give (every repeat), as a run without them does", () => {
    const routes = (withHops: boolean) => {
      const prepared = prepareScenarioDocument(doc, "t.yaml");
      if (!withHops) delete prepared.pinned;
      const s = simulate(prepared);
      return s.labels.map((id, f) => [id, [...s.network.routeOf(f).nodes].map((n) => prepared.topology.nodeIds[n]).join(" "), s.network.finishOf(f)]);
    };
    const withHops = routes(true);
    expect(withHops).toEqual(routes(false));
    const byId = new Map(withHops.map(([id, path]) => [id, path]));
    expect(byId.get("a")).toBe(doc.workloads[0].transfer!.path!.join(" "));
    expect([byId.get("c"), byId.get("c#1")]).toEqual([doc.workloads[3].transfer!.path!.join(" "), doc.workloads[3].transfer!.path!.join(" ")]);
  });
});

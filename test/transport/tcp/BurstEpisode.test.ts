// BurstEpisode: bursts held for one verdict, the ports they cross (a route crossing one joins), and those ports' queues when the last joined.
import { describe, expect, it } from "vitest";
import type { QueueState } from "../../../src/net/queues/QueueState.js";
import type { Burst } from "../../../src/transport/tcp/Burst.js";
import { BurstEpisode } from "../../../src/transport/tcp/BurstEpisode.js";

const queued = new Float64Array(8);
const queues = { queueBytes: (r: number) => queued[r] } as unknown as QueueState;
const burst = (flow: number) => ({ flow }) as Burst;

describe("BurstEpisode", () => {
  it("keeps copies: the burst's record may be reused; answered says whether its instant dropped some of it", () => {
    const ep = new BurstEpisode(queues, 8);
    const b = { flow: 3, packets: 10, durationS: 1e-5, atS: 0.5, joins: true, share: 0.2 } as Burst;
    ep.add(b, Int32Array.of(0));
    b.flow = 4;
    b.packets = 99;
    b.share = 0;
    ep.add(b, Int32Array.of(2));
    expect(ep.bursts.map((c) => [c.flow, c.packets, c.atS, c.joins, c.answered, c.share])).toEqual([
      [3, 10, 0.5, true, true, 0],
      [4, 99, 0.5, true, false, 0],
    ]);
    expect(ep.resourcesOf(1)).toEqual(Int32Array.of(2));
  });

  it("holds bursts and the channels they cross; a route crosses it at one of them (or, asked, at its reverse channel)", () => {
    const ep = new BurstEpisode(queues, 8);
    expect(ep.open).toBe(false);
    // Resources ≥ 8 are not channels (a route's node resources): never marked.
    ep.add(burst(1), Int32Array.of(0, 4, 9));
    expect(ep.open).toBe(true);
    expect(ep.crosses(Int32Array.of(2, 4))).toBe(true);
    expect(ep.crosses(Int32Array.of(2, 6, 9))).toBe(false);
    expect(ep.crosses(Int32Array.of(5))).toBe(false);
    expect(ep.crosses(Int32Array.of(5), true)).toBe(true);
    expect(ep.holds(1)).toBe(true);
    expect(ep.holds(2)).toBe(false);
  });

  it("reads its ports' queues at each snapshot, and none elsewhere; withdraw and clear let go", () => {
    const ep = new BurstEpisode(queues, 8);
    queued[0] = 3000;
    ep.add(burst(1), Int32Array.of(0));
    ep.snapshot();
    queued[0] = 9000;
    queued[2] = 1500;
    ep.add(burst(2), Int32Array.of(2));
    expect(ep.queuedAtStart(0)).toBe(3000);
    ep.snapshot();
    expect(ep.queuedAtStart(0)).toBe(9000);
    expect(ep.queuedAtStart(2)).toBe(1500);
    expect(ep.queuedAtStart(4)).toBeNaN();
    ep.withdraw(1);
    expect(ep.bursts.map((b) => b.flow)).toEqual([2]);
    ep.clear();
    expect(ep.open).toBe(false);
    expect(ep.crosses(Int32Array.of(0, 2))).toBe(false);
    expect(ep.queuedAtStart(0)).toBeNaN();
  });

  it("says whether its bursts left at more than one instant: not for one instant's, yes once a later one joins, until clear", () => {
    const ep = new BurstEpisode(queues, 8);
    const at = (flow: number, atS: number) => ({ flow, atS }) as Burst;
    ep.add(at(1, 0.25), Int32Array.of(0));
    ep.add(at(2, 0.25), Int32Array.of(2));
    expect(ep.instants).toBe(false);
    ep.add(at(3, 0.25 + 1e-9), Int32Array.of(0));
    expect(ep.instants).toBe(true);
    ep.clear();
    ep.add(at(4, 0.5), Int32Array.of(0));
    expect(ep.instants).toBe(false);
  });
});

// FabricRouteCache: a fabric's channels become shared Routes — by nodes where they fix the channels, else by channels up to the limit — and null where the fabric gives none or the policy mask forbids a node.
import { describe, expect, it } from "vitest";
import { FabricRouteCache } from "../../src/net/FabricRouteCache.js";
import type { FabricRoutes } from "../../src/net/FabricRoutes.js";
import { RouteStore } from "../../src/net/RouteStore.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

/** a — s — b, and a — t — b: the fabric routes a→b through s for even flow keys, through t for odd ones. */
function diamond() {
  const builder = new TopologyBuilder();
  for (const id of ["a", "s", "t", "b"]) builder.addNode({ id });
  for (const [from, to] of [["a", "s"], ["s", "b"], ["a", "t"], ["t", "b"]]) builder.addLink({ from, to, bandwidthBps: 1e9, latencyS: 1e-6 });
  const t = builder.build();
  const n = (id: string) => t.nodeIndex.get(id)!;
  const asked: Array<{ usable: boolean[]; allowed: Uint8Array | null | undefined }> = [];
  const fabric = (nodesFixChannels: boolean): FabricRoutes => ({
    nodesFixChannels,
    channels(src, dst, flowKey, _seed, usable, allowed) {
      asked.push({ usable: Array.from({ length: t.channelCount }, (_, ch) => usable(ch)), allowed });
      if (src !== n("a") || dst !== n("b")) return null;
      const via = flowKey % 2 === 0 ? n("s") : n("t");
      return [t.channelBetween(n("a"), via), t.channelBetween(via, n("b"))];
    },
  });
  const store = new RouteStore(t, Float64Array.from(t.channelLatencyS));
  return { t, n, fabric, store, cache: new FabricRouteCache(t, store), asked };
}

describe("FabricRouteCache", () => {
  it("shares the routes of a fabric whose nodes fix its channels through the store's routes by nodes, keeping none by channels", () => {
    const { t, n, fabric, store, cache } = diamond();
    const down = new Uint8Array(t.channelCount);
    const f = fabric(true);
    const even = cache.route(f, n("a"), n("b"), 0, 1, down, null)!;
    expect(Array.from(even.nodes)).toEqual([n("a"), n("s"), n("b")]);
    expect(cache.route(f, n("a"), n("b"), 2, 1, down, null)).toBe(even);
    expect(store.shared([n("a"), n("s"), n("b")], [t.channelBetween(n("a"), n("s")), t.channelBetween(n("s"), n("b"))])).toBe(even);
    expect(cache.size).toBe(0);
    expect(cache.route(f, n("b"), n("a"), 0, 1, down, null)).toBeNull();
  });

  it("keys the other fabrics' routes by their channels, starting again empty beyond the limit, with the same routes", () => {
    const { t, n, fabric, cache } = diamond();
    const down = new Uint8Array(t.channelCount);
    const f = fabric(false);
    cache.limit = 1;
    const even = cache.route(f, n("a"), n("b"), 0, 1, down, null)!;
    expect(cache.route(f, n("a"), n("b"), 4, 1, down, null)).toBe(even);
    expect(cache.size).toBe(1);
    const odd = cache.route(f, n("a"), n("b"), 1, 1, down, null)!;
    expect(Array.from(odd.nodes)).toEqual([n("a"), n("t"), n("b")]);
    expect(cache.size).toBe(1);
    // The even route was dropped: found again, an equal Route but not the same object.
    const again = cache.route(f, n("a"), n("b"), 0, 1, down, null)!;
    expect(again).not.toBe(even);
    expect(Array.from(again.resources)).toEqual(Array.from(even.resources));
    cache.forget();
    expect(cache.size).toBe(0);
  });

  it("passes the link view and the policy mask to the fabric, and gives null for a route through a node the mask forbids", () => {
    const { t, n, fabric, cache, asked } = diamond();
    const down = new Uint8Array(t.channelCount);
    down[3] = 1;
    const allowed = new Uint8Array(4).fill(1);
    allowed[n("s")] = 0;
    // With a mask the routes go by channels even where nodes fix them.
    expect(cache.route(fabric(true), n("a"), n("b"), 0, 1, down, allowed)).toBeNull();
    expect(asked[0].allowed).toBe(allowed);
    expect(asked[0].usable).toEqual(Array.from(down, (d) => d === 0));
    expect(Array.from(cache.route(fabric(true), n("a"), n("b"), 1, 1, down, allowed)!.nodes)).toEqual([n("a"), n("t"), n("b")]);
    expect(cache.size).toBe(1);
  });
});

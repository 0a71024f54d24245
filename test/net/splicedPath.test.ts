// splicedPath: a route's middle replaced by a path between two of its nodes, prefix and suffix kept.
import { describe, expect, it } from "vitest";
import type { Path } from "../../src/net/kShortestPaths.js";
import type { Route } from "../../src/net/Route.js";
import { splicedPath } from "../../src/net/splicedPath.js";

/** A route over nodes 0 → 1 → 2 → 3 by channels 10, 11, 12, then node resource 99 (resources start with the channels). */
const route: Route = { nodes: Int32Array.of(0, 1, 2, 3), resources: Int32Array.of(10, 11, 12, 99), latencyS: 0 };

describe("splicedPath(route, a, b, path)", () => {
  it("keeps the prefix before a and the suffix after b, and puts the path between them", () => {
    const path: Path = { nodes: [1, 7, 2], channels: [20, 21], cost: 2 };
    expect(splicedPath(route, 1, 2, path)).toEqual({ nodes: [0, 1, 7, 2, 3], channels: [10, 20, 21, 12] });
  });

  it("replaces the whole route when a and b are its ends", () => {
    const path: Path = { nodes: [0, 5, 3], channels: [30, 31], cost: 2 };
    expect(splicedPath(route, 0, 3, path)).toEqual({ nodes: [0, 5, 3], channels: [30, 31] });
  });

  it("is null when the route does not visit a and then b, or when the result would visit a node twice", () => {
    const path: Path = { nodes: [2, 6, 1], channels: [40, 41], cost: 2 };
    expect(splicedPath(route, 2, 1, path)).toBeNull();
    expect(splicedPath(route, 4, 3, { nodes: [4, 3], channels: [50], cost: 1 })).toBeNull();
    expect(splicedPath(route, 1, 2, { nodes: [1, 3, 2], channels: [60, 61], cost: 2 })).toBeNull();
  });
});

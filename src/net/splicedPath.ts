// splicedPath: a route's nodes and channels with the part between two of its nodes replaced by another path.
import type { Path } from "./kShortestPaths.js";
import type { Route } from "./Route.js";

/**
 * The nodes and channels of `route` with its part from node `a` to node `b` (a before b)
 * replaced by `path` (which runs from a to b): the prefix and suffix stay, the middle
 * changes. Null when the route does not visit a and then b, or when the result would
 * visit a node twice.
 */
export function splicedPath(route: Route, a: number, b: number, path: Path): { nodes: number[]; channels: number[] } | null {
  const old = route.nodes;
  const i = old.indexOf(a);
  const j = old.indexOf(b);
  if (i < 0 || j < i) return null;
  const nodes = [...old.subarray(0, i), ...path.nodes, ...old.subarray(j + 1)];
  if (new Set(nodes).size !== nodes.length) return null;
  // A route's resources start with its channels, one per hop, in order.
  const channels = [...route.resources.subarray(0, i), ...path.channels, ...route.resources.subarray(j, old.length - 1)];
  return { nodes, channels };
}

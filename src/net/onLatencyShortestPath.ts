// onLatencyShortestPath: whether a hop lies on a latency-shortest path, within a relative tolerance.

/** Whether a hop of `latencyS` from a node at `du` seconds from the destination to one at `dv` lies on a latency-shortest path (equal within 1e-12, relative). */
export function onLatencyShortestPath(du: number, dv: number, latencyS: number): boolean {
  const via = dv + latencyS;
  return Math.abs(via - du) <= 1e-12 * Math.max(1, du);
}

// busBwFactor: NCCL's bus-bandwidth factor per collective kind (nccl-tests doc/PERFORMANCE.md).

/**
 * The factor turning algorithm bandwidth S/t into bus bandwidth for `kind` on `n` ranks:
 * all-reduce 2(n−1)/n; reduce-scatter, all-gather and all-to-all (n−1)/n; anything else
 * (send-recv, storage read and write) 1.
 */
export function busBwFactor(kind: string, n: number): number {
  if (n <= 1) return kind === "all-reduce" || kind === "reduce-scatter" || kind === "all-gather" || kind === "all-to-all" ? 0 : 1;
  if (kind === "all-reduce") return (2 * (n - 1)) / n;
  if (kind === "reduce-scatter" || kind === "all-gather" || kind === "all-to-all") return (n - 1) / n;
  return 1;
}

// QueueClass: how a flow's congestion control fills the queue of the port that binds it (none, DCTCP, NewReno, Cubic, lossless).

/**
 * How a flow's congestion control fills a queue: not at all (fluid transports such as
 * `maxmin`), DCTCP (reacts to ECN marks), a loss-based one (NewReno's linear growth,
 * Cubic's cubic growth), or a lossless fabric's (`rdma`: PFC fills the port to its pause
 * threshold, the buffer).
 */
export const QueueClass = { None: 0, Dctcp: 1, NewReno: 2, Cubic: 3, Lossless: 4 } as const;
/** One of the {@link QueueClass} values. */
export type QueueClass = (typeof QueueClass)[keyof typeof QueueClass];

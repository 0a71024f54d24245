// ConnectionPool: the most recently idle open connection first; closed and expired ones are dropped (and their server told).
import { describe, expect, it } from "vitest";
import { Connection } from "../../../src/workloads/connections/Connection.js";
import { ConnectionPool } from "../../../src/workloads/connections/ConnectionPool.js";

const idle = (endpoint: string, sinceS: number, timeoutS = Infinity) => {
  const c = new Connection(endpoint, 0);
  c.park(sinceS, timeoutS);
  return c;
};

describe("ConnectionPool", () => {
  it("take returns the most recently idle connection to the endpoint (LIFO), none for another endpoint", () => {
    const pool = new ConnectionPool();
    const a = idle("api", 1);
    const b = idle("api", 2);
    pool.put(a);
    pool.put(b);
    expect(pool.take("llm", 3)).toBeUndefined();
    expect(pool.take("api", 3)).toBe(b);
    expect(pool.take("api", 3)).toBe(a);
    expect(pool.take("api", 3)).toBeUndefined();
  });

  it("skips a connection closed meanwhile, and one idle for its whole timeout, telling its server", () => {
    const pool = new ConnectionPool();
    const expired: Connection[] = [];
    const server = { expire: (c: Connection) => expired.push(c) };
    const kept = idle("api", 0, 10);
    const closed = idle("api", 1, 10);
    const old = idle("api", 2, 5);
    old.server = server;
    pool.put(kept);
    pool.put(closed);
    pool.put(old);
    closed.state = "closed";
    // At 7 s: `old` has been idle 5 s = its timeout (closed at that instant); `closed` is closed; `kept` is idle 7 s < 10 s.
    expect(pool.take("api", 7)).toBe(kept);
    expect(expired).toEqual([old]);
    expect(old.state).toBe("closed");
  });
});

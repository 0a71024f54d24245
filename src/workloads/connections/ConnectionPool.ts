// ConnectionPool: one client's idle connections by endpoint, reused most recently idle first.
import type { Connection } from "./Connection.js";

/**
 * The idle connections of one client (an agent, or every agent of a node), per endpoint.
 * `take` returns the most recently idle one still open (LIFO, as Go's net/http Transport and
 * urllib3 reuse them), so the others age towards their keep-alive timeout and close. A
 * connection closed while idle (its timeout passed, or the service closed it to make room)
 * is dropped on the way, and its server told if the timeout closed it.
 */
export class ConnectionPool {
  private readonly idle = new Map<string, Connection[]>();

  /** An idle, open connection to `endpoint` at `nowS`, taken out of the pool; undefined when there is none. */
  take(endpoint: string, nowS: number): Connection | undefined {
    const list = this.idle.get(endpoint);
    if (!list) return undefined;
    while (list.length > 0) {
      const c = list.pop()!;
      if (c.state !== "idle") continue;
      if (!c.expiredAt(nowS)) return c;
      if (c.server) c.server.expire(c);
      c.state = "closed";
    }
    return undefined;
  }

  /** Keep an idle connection for the next call to its endpoint. */
  put(c: Connection): void {
    let list = this.idle.get(c.endpoint);
    if (!list) this.idle.set(c.endpoint, (list = []));
    list.push(c);
  }
}

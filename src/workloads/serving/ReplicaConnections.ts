// ReplicaConnections: the connections a service replica holds open — its limit, its accept queue, its idle keep-alive sets.
import type { Connection, ConnectionServer } from "../connections/Connection.js";
import { Fifo } from "./Fifo.js";

/**
 * The open connections of one service replica. A new connection is admitted while fewer than
 * `limit` are open; at the limit the replica first closes its longest-idle keep-alive
 * connection to make room (as nginx does when it runs out of `worker_connections`:
 * `ngx_drain_connections` closes idle keep-alive connections, oldest first), and if every
 * open connection is busy the new one waits in a FIFO accept queue until one closes. (So no
 * connection waits while one is idle.)
 *
 * Idle connections are kept in insertion-ordered sets, one per idle timeout, so in each set the
 * expired ones come first: before each admission they are closed (at their expiry time, which
 * nothing else depended on), which keeps `open` and `peakOpen` exact at every admission.
 */
export class ReplicaConnections implements ConnectionServer {
  /** Connections open (admitted, not known to be closed). */
  open = 0;
  /** Most connections open at once. */
  peakOpen = 0;
  /** Connections admitted so far. */
  opened = 0;
  /** Idle connections by idle timeout, each set in the order they went idle. */
  private readonly idle = new Map<number, Set<Connection>>();
  private readonly accepting = new Fifo<{ c: Connection; then: () => void }>();

  constructor(private readonly limit: number) {}

  /** Admit `c` at `nowS` if there is room (closing the longest-idle connection if need be), else queue it; `then` runs once it is admitted. */
  admit(c: Connection, nowS: number, then: () => void): void {
    this.closeExpired(nowS);
    if (this.open >= this.limit) {
      const oldest = this.longestIdle();
      if (!oldest) {
        this.accepting.push({ c, then });
        return;
      }
      this.shut(oldest);
    }
    this.enter(c, then);
  }

  /** An idle connection carries a call again. */
  resume(c: Connection): void {
    this.idle.get(c.idleTimeoutS)?.delete(c);
    c.state = "active";
  }

  /**
   * `c` finished its call and would stay open idle at `nowS` for at most `timeoutS`: true if it
   * does; false if a new connection was waiting for room, in which case `c` is closed for it.
   */
  park(c: Connection, nowS: number, timeoutS: number): boolean {
    if (this.accepting.length > 0) {
      this.close(c);
      return false;
    }
    c.park(nowS, timeoutS);
    let set = this.idle.get(timeoutS);
    if (!set) this.idle.set(timeoutS, (set = new Set()));
    set.add(c);
    return true;
  }

  /** Close `c` (after its last call) and admit the next waiting connection, if any. */
  close(c: Connection): void {
    this.shut(c);
    const next = this.accepting.take();
    if (next) this.enter(next.c, next.then);
  }

  /** A client found `c` idle past its timeout: it closed then. */
  expire(c: Connection): void {
    this.close(c);
  }

  private enter(c: Connection, then: () => void): void {
    this.open++;
    this.opened++;
    if (this.open > this.peakOpen) this.peakOpen = this.open;
    c.state = "active";
    c.server = this;
    then();
  }

  private shut(c: Connection): void {
    this.idle.get(c.idleTimeoutS)?.delete(c);
    c.state = "closed";
    this.open--;
  }

  /** Close every idle connection whose timeout has passed by `nowS`. */
  private closeExpired(nowS: number): void {
    for (const set of this.idle.values()) {
      for (const c of set) {
        if (!c.expiredAt(nowS)) break;
        this.shut(c);
      }
    }
  }

  /** The idle connection that went idle first, if any. */
  private longestIdle(): Connection | undefined {
    let best: Connection | undefined;
    for (const set of this.idle.values()) {
      const first = set.values().next();
      if (!first.done && (best === undefined || first.value.idleSinceS < best.idleSinceS)) best = first.value;
    }
    return best;
  }
}

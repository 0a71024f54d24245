// ReplicaConnections: admission under a limit, the longest-idle connection closed for a new one, the FIFO accept queue, expiry before each admission.
import { describe, expect, it } from "vitest";
import { Connection } from "../../../src/workloads/connections/Connection.js";
import { ReplicaConnections } from "../../../src/workloads/serving/ReplicaConnections.js";

const conn = () => new Connection("api", 0);

describe("ReplicaConnections", () => {
  it("admits while below the limit; at the limit with every connection busy, new ones wait in FIFO order until one closes", () => {
    const r = new ReplicaConnections(2);
    const order: string[] = [];
    const [a, b, c, d] = [conn(), conn(), conn(), conn()];
    r.admit(a, 0, () => order.push("a"));
    r.admit(b, 0, () => order.push("b"));
    r.admit(c, 1, () => order.push("c"));
    r.admit(d, 1, () => order.push("d"));
    expect(order).toEqual(["a", "b"]);
    expect(c.state).toBe("opening");
    r.close(a);
    expect(order).toEqual(["a", "b", "c"]);
    expect(c.state).toBe("active");
    // A connection that goes idle while one waits is closed for it at once (nothing idles while a connection waits).
    expect(r.park(b, 2, 60)).toBe(false);
    expect(b.state).toBe("closed");
    expect(order).toEqual(["a", "b", "c", "d"]);
    expect({ open: r.open, opened: r.opened, peakOpen: r.peakOpen }).toEqual({ open: 2, opened: 4, peakOpen: 2 });
  });

  it("at the limit closes the connection idle longest (nginx drains idle keep-alive connections), across idle timeouts", () => {
    const r = new ReplicaConnections(3);
    const [a, b, c, d] = [conn(), conn(), conn(), conn()];
    for (const x of [a, b, c]) r.admit(x, 0, () => undefined);
    expect(r.park(b, 1, 30)).toBe(true); // idle since 1 s, timeout 30 s
    expect(r.park(a, 2, 60)).toBe(true); // idle since 2 s, timeout 60 s
    r.admit(d, 3, () => undefined);
    expect(b.state).toBe("closed");
    expect(a.state).toBe("idle");
    expect(r.open).toBe(3);
    // a carries a call again: no longer idle, so the next new connection must wait.
    r.resume(a);
    const e = conn();
    r.admit(e, 4, () => undefined);
    expect(e.state).toBe("opening");
  });

  it("before admitting, closes the idle connections whose timeout has passed, so open counts only live ones", () => {
    const r = new ReplicaConnections(2);
    const [a, b, c] = [conn(), conn(), conn()];
    r.admit(a, 0, () => undefined);
    r.admit(b, 0, () => undefined);
    r.park(a, 1, 5); // closes at 6 s
    r.park(b, 2, 50);
    r.admit(c, 6, () => undefined);
    // a expired (idle 5 s ≥ 5 s) and made room; b, idle only 4 s, stays open.
    expect(a.state).toBe("closed");
    expect(b.state).toBe("idle");
    expect({ open: r.open, peakOpen: r.peakOpen }).toEqual({ open: 2, peakOpen: 2 });
  });
});

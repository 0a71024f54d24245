// Claim bots-connections: 51% bot traffic on new versus persistent TCP+TLS 1.3 connections — handshake overhead and connection counts against round trips from great-circle distance.
import { afterAll, describe, expect, it } from "vitest";
import { claimFolder, fiberS, runClaim, stat } from "./runClaim.js";

const tmp = claimFolder();
afterAll(tmp.remove);

// Bots in Frankfurt, the API in Ashburn (data/cities.csv); access links have no latency, so a
// bot's route is one WAN link and RTT = 2 × great circle × 1.5 ÷ 2e8 m/s.
const RTT = 2 * fiberS([50.1109, 8.6821], [39.0438, -77.4874]);
// A bot's route: its 10 Gb/s access, the 100 Gb/s WAN, the API's 25 Gb/s access (bytes/s below).
const HOPS = [1.25e9, 12.5e9, 3.125e9];
/** Seconds to serialise `bytes` at every hop of the route. */
const serial = (bytes: number) => HOPS.reduce((s, c) => s + bytes / c, 0);
// TLS 1.3 over TCP: SYN/SYN-ACK + one TLS round trip before the first byte, each a header-only
// segment (90 B on the wire) each way: 2 × (RTT + 2 × 90 B at every hop).
const HANDSHAKE = 2 * (RTT + serial(180));

describe("claim bots-connections: 51% bots with per-request versus persistent connections", async () => {
  const sides = {
    new: await runClaim(tmp.dir, "scenarios/claims/bots-connections-new.yaml"),
    persistent: await runClaim(tmp.dir, "scenarios/claims/bots-connections-persistent.yaml"),
  };
  /** A population's request flows (`<pop>.<n>-req`): new connections are those with handshake_s > 0. */
  const requests = (side: keyof typeof sides, pop: string) => sides[side]("flows.csv").filter((f) => f.id.startsWith(`${pop}.`) && f.id.endsWith("-req"));
  const opened = (side: keyof typeof sides, pop: string) => requests(side, pop).filter((f) => Number(f.handshake_s) > 0);

  it("the round trip: Frankfurt–Ashburn ≈ 6,550 km, so RTT ≈ 98 ms and a handshake ≈ 196 ms", () => {
    expect(RTT).toBeCloseTo(0.0982, 3);
  });

  it("new connections: every bot request opens one and waits exactly 2 RTT before its first byte", () => {
    const req = requests("new", "bots");
    expect(req.length).toBeGreaterThan(900); // 51/s × 20 s = 1,020 expected
    expect(opened("new", "bots")).toHaveLength(req.length);
    for (const f of req) expect(Number(f.handshake_s)).toBeCloseTo(HANDSHAKE, 9);
  });

  it("persistent connections: a handful per (bot host, API) pair — about the peak number of requests in flight", () => {
    const n = requests("persistent", "bots").length;
    const conns = opened("persistent", "bots").length;
    // M/G/∞ per pair: λ = 51/s ÷ 2 hosts; a request holds its connection for the 1 KB request and
    // the 8 KB response, both within the initial window (10 × 1,448 B), so each is one burst: one-way
    // latency RTT/2, the store-and-forward of its first packet at the two faster hops, its wire
    // bytes (payload + 90 B per segment: 1,090 B and 8,540 B) at the 10 Gb/s access; plus 5 ms of
    // service: D ≈ 0.103 s. Mean in flight m = λD ≈ 2.6, and the peak over 20 s stays below
    // m + 4√m + 1 per pair. At least one per pair is needed.
    const D = RTT + serial(1090) + (1538 / 12.5e9 + 1538 / 3.125e9 + 8540 / 1.25e9) + 0.005;
    expect(D).toBeCloseTo(stat(sides.persistent("workloads.csv"), "bots", "all", "total_s", "p50"), 9);
    const m = 25.5 * D;
    expect(conns).toBeGreaterThanOrEqual(2);
    expect(conns).toBeLessThanOrEqual(2 * (m + 4 * Math.sqrt(m) + 1));
    expect(conns / n).toBeLessThan(0.03);
    for (const f of opened("persistent", "bots")) expect(Number(f.handshake_s)).toBeCloseTo(HANDSHAKE, 9);
  });

  it("handshake overhead: Σ handshake_s = connections × 2 RTT, ≈ 50× less with persistent connections", () => {
    const sum = (side: keyof typeof sides) => requests(side, "bots").reduce((s, f) => s + Number(f.handshake_s), 0);
    expect(sum("new")).toBeCloseTo(requests("new", "bots").length * HANDSHAKE, 6);
    expect(sum("persistent")).toBeCloseTo(opened("persistent", "bots").length * HANDSHAKE, 6);
    expect(sum("new") / sum("persistent")).toBeGreaterThan(20);
  });

  it("request time: the median bot request is slower by exactly 2 RTT on new connections; humans are untouched", () => {
    const w = (side: keyof typeof sides) => sides[side]("workloads.csv");
    const d = stat(w("new"), "bots", "all", "total_s", "p50") - stat(w("persistent"), "bots", "all", "total_s", "p50");
    expect(d).toBeCloseTo(HANDSHAKE, 9);
    // The p99 of persistent bots is a request that opened a connection: the same as on new ones.
    expect(stat(w("persistent"), "bots", "all", "total_s", "p99")).toBeCloseTo(stat(w("new"), "bots", "all", "total_s", "p99"), 9);
    expect(stat(w("new"), "humans", "all", "total_s", "p50")).toBe(stat(w("persistent"), "humans", "all", "total_s", "p50"));
    expect(opened("new", "humans")).toHaveLength(opened("persistent", "humans").length);
  });
});

// DCTCP incast losses in CWR: a response whose ECE came before its duplicate ACKs resends a hole only once three segments are SACKed above it, so small responses time out where large ones recover.
import { describe, expect, it } from "vitest";
import { oneSwitchIncast } from "./oneSwitchIncast.js";

const incast = (senders: number, bytes: number) => oneSwitchIncast(senders, bytes, "dctcp");

describe("tcp (DCTCP): losses told in CWR", () => {
  it("36 × 20 KB: most responses, their last holes with fewer than three segments behind, time out", () => {
    // ns-3 3.37 (bench/ns3 incast-dctcp-36x20k, `tracedrops` + the socket's Tx trace): every response
    // enters CWR on its first ACKs (ECE) and loses packets; the 163 whose last hole has three or more
    // segments sent and delivered above it resend their holes in CWR and finish, and the 197 with
    // fewer time out. A response has 14 segments, 4 beyond its first flight,
    // which meet the same full buffer. Without the CWR rule, three duplicate ACKs from any survivor
    // behind the first hole or new data told every loss of a surviving burst: 81 of 360 timed out.
    const r = incast(36, 20e3);
    expect(r.responses).toBe(360);
    expect(r.timedOut).toBeGreaterThan(r.responses / 2);
  });

  it("32 × 64 KB: a response with 35 segments beyond its first flight has its last hole told, and rarely times out", () => {
    // ns-3 (incast-dctcp, round 0): all 32 responses lose 1–7 packets in CWR, every last hole has
    // 20 or more segments above it, and the 4 that time out lost a retransmission.
    // Known gap (bench/ns3/README.md, "Session 39, second pass"): that network has a 200-packet
    // last hop behind a leaf-spine. ns-3 on this test's own one-switch, 100-packet network
    // (`npx tsx bench/ns3/oneSwitchIncast.ts 32 64000 100 [SEED] > c.txt`, then `OUT c.txt c.csv`
    // with OUT built by `sh bench/ns3/build.sh OUT`; as written and seeds 1–6) times out 269–270
    // of 320, nearly all by a lost retransmission, which the model does not yet make. The bound
    // below keeps the model's behaviour on incast-dctcp's figures; it should take ns-3's own count
    // for this network once a rule for lost retransmissions lands.
    const r = incast(32, 64e3);
    expect(r.responses).toBe(320);
    expect(r.timedOut).toBeLessThan(r.responses / 4);
  });
});

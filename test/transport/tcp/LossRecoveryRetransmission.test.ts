// NewReno incast at a drop-tail port: ns-3 drops none of the responses' fast retransmissions again (their recoveries start after the port's drops end), so a rule for retransmissions lost at a still-overflowing port must add no timeout here.
import { describe, expect, it } from "vitest";
import { oneSwitchIncast } from "./oneSwitchIncast.js";

const incast = (senders: number, bytes: number) => oneSwitchIncast(senders, bytes, "newreno");

describe("tcp (NewReno): fast retransmissions at a still-overflowing drop-tail port", () => {
  it("24 × 48 KB: no response loses its fast retransmission — its first flight has too few survivors behind its hole to tell it while the port drops", () => {
    // ns-3 3.37 on this network (bench/ns3/oneSwitchIncast.ts 24 48000 100 with cc newreno, no ECN,
    // tracestates, tracedrops and tracetx): in each round the port drops from 12 to 154 µs into it,
    // every response enters CA_RECOVERY 203–231 µs into it, after the drops end, and no
    // retransmission is dropped again (0 of 240). (70 responses time out there after a recovery
    // whose retransmission got through — another mechanism, which the model does not make:
    // without a lost-retransmission rule it times out none here.) A first flight keeps
    // about 1/8 of its arrivals once the port is full, so a third survivor behind its hole would
    // need more than the flight's train: such a rule must add no timeout. Session 45's rule R (the
    // full period against one round trip) timed 73 of 240 out here; session 46's (61d3b66, its
    // third survivor's time against the end of the drops) none (bench/ns3/README.md, Session 46).
    const r = incast(24, 48e3);
    expect(r.responses).toBe(240);
    expect(r.timedOut).toBe(0);
  });
});

describe("tcp (Cubic): a recovery whose pipe is below its cut window resends at two per ACK (PRR's slow-start bound)", () => {
  it("32 × 32 KB: the responses' retransmissions, synchronised, overflow the port again and more than a third of the responses time out", () => {
    // ns-3 3.37 on this network (bench/ns3/oneSwitchIncast.ts 32 32000 100 with cc cubic, no ECN,
    // tracestates, tracedrops and tracetx; session 56): 300 of 320 responses time out, every one
    // after a retransmission dropped again (570 of the 3,790 data drops are retransmissions),
    // none after a hole never resent. Cubic cuts to 0.7 × cwnd, above the survivors left in the
    // pipe, so TcpPrrRecovery's SSRB sends two per ACK once a retransmission is acknowledged and
    // the 32 recoveries arrive at twice the port's drain (prrSlowStartAcks.test.ts by hand); a
    // retransmission is resent only at its RTO (TcpTxBuffer::NextSeg skips m_retrans). Spread
    // over the round's train, as the model sent them before, they timed out 88 (27 %); at two per
    // ACK 144 (45 %; 24 × 48 KB 96 → 161 of 240, ns-3 230; 16 × 64 KB 51 → 46 of 160, ns-3 120).
    const r = oneSwitchIncast(32, 32e3, "cubic");
    expect(r.responses).toBe(320);
    expect(r.timedOut).toBeGreaterThan(320 / 3);
  });

  it("NewReno halves the pipe: its recoveries stay above their cut window, and 32 × 32 KB times out as before", () => {
    // ns-3: 0 of 320 time out, no retransmission dropped again; the model 6 with the rule and without.
    const r = oneSwitchIncast(32, 32e3, "newreno");
    expect(r.responses).toBe(320);
    expect(r.timedOut).toBeLessThanOrEqual(6);
  });
});

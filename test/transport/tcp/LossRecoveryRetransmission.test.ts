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

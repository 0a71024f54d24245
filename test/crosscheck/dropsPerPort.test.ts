// bench/ns3/dropsPerPort: ns-3's drops per port (split into data, ACKs and handshakes by its trace) against the model's, and timeouts per flow.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byTier, caseDrops, ns3DataDrops, portError, tierOf } from "../../bench/ns3/dropsPerPort.js";

/** A compare.ts directory of one case `c`: two hosts on a switch, ns-3's outputs and both models' runs. */
function fixture(withTrace: boolean): { dir: string; traces: string } {
  const dir = mkdtempSync(join(tmpdir(), "drops-per-port-"));
  const traces = join(dir, "traces");
  mkdirSync(traces);
  const nodes = [{ id: "sw", kind: "switch" }, { id: "h0" }, { id: "h1" }];
  writeFileSync(join(dir, "c.json"), JSON.stringify({ topology: { nodes } }));
  writeFileSync(join(dir, "c.ns3.links.csv"), "from,to,mean_queue_packets,p99_queue_packets,max_queue_packets,drops,marks\nh0,sw,0,0,0,0,0\nsw,h1,1,2,3,10,0\nh1,sw,0,0,0,4,0\nsw,h0,0,0,0,0,0\n");
  // a: one data RTO; b: its SYN lost (FCT ≥ 1 s + ideal); c: neither.
  writeFileSync(join(dir, "c.ns3.csv"), "id,start_s,finish_s,recoveries,timeouts\na,0,0.21,1,1\nb,0,1.0002,0,0\nc,0,0.0003,0,0\n");
  mkdirSync(join(dir, "out-c-tcp"));
  mkdirSync(join(dir, "out-c-maxmin"));
  const links = "link,from,to,tier,capacity_gbps,bytes,mean_util,peak_util,p95_util,saturated_frac,bottleneck_flow_s,queue_mean_bytes,queue_p99_bytes,queue_delay_mean_s,queue_delay_p99_s,drops,marks\n";
  writeFileSync(join(dir, "out-c-tcp", "links.csv"), `${links}h0->sw,h0,sw,host-nic,10,0,0,0,0,0,0,0,0,0,0,1,0\nsw->h1,sw,h1,host-nic,10,0,0,0,0,0,0,0,0,0,0,5,0\n`);
  // The model: a lost SYN (handshake_s 1 s + 1 RTT: one timeout), and one flow with two data RTOs.
  const head = "id,src,dst,size_bytes,start_s,finish_s,fct_s,ideal_fct_s,slowdown,mean_rate_gbps,bottleneck,status,handshake_s,slow_start_s,queueing_s,retransmits,timeouts\n";
  writeFileSync(
    join(dir, "out-c-tcp", "flows.csv"),
    `${head}a,h0,h1,1000,0,0.6,0.6,0.0001,1,1,x,done,0.00001,0,0,3,2\nb,h0,h1,1000,0,1.0001,1.0001,0.0001,1,1,x,done,1.00001,0,0,1,1\nc,h0,h1,1000,0,0.0002,0.0002,0.0001,1,1,x,done,0.00001,0,0,0,0\n`,
  );
  writeFileSync(join(dir, "out-c-maxmin", "flows.csv"), `${head}a,h0,h1,1000,0,0,0,0.0001,1,1,x,done,0,0,0,0,0\nb,h0,h1,1000,0,0,0,0.0001,1,1,x,done,0,0,0,0,0\nc,h0,h1,1000,0,0,0,0.0001,1,1,x,done,0,0,0,0,0\n`);
  if (withTrace) {
    // sw→h1's 10 drops: 7 data, 2 pure ACKs, 1 SYN (seq 0, no payload); h1→sw's 4: 3 ACKs and a SYN-ACK.
    const rows = ["time_s,from,to,id,seq,payload_bytes"];
    for (let i = 0; i < 7; i++) rows.push(`0.001,sw,h1,a,${1 + i * 1448},1448`);
    rows.push("0.001,sw,h1,c,1,0", "0.001,sw,h1,c,1,0", "0.001,sw,h1,b,0,0", "0.001,h1,sw,a,1,0", "0.001,h1,sw,a,1,0", "0.001,h1,sw,a,1,0", "0.001,h1,sw,b,0,0");
    writeFileSync(join(traces, "c.ns3.csv.drops.csv"), `${rows.join("\n")}\n`);
    writeFileSync(join(traces, "c.ns3.csv.json"), "{}");
  }
  return { dir, traces };
}

describe("dropsPerPort", () => {
  it("names a port's tier by its ends: a host's NIC up or down, else the switches' name stems", () => {
    const hosts = new Set(["h0", "h1"]);
    expect(tierOf("h0", "leaf0", hosts)).toBe("host↑");
    expect(tierOf("leaf0", "h1", hosts)).toBe("host↓");
    expect(tierOf("spine1", "leaf12", hosts)).toBe("spine→leaf");
    expect(tierOf("a1_0", "e1_1", hosts)).toBe("a→e");
  });

  it("sets ns-3's drops per port beside the model's, and counts timeouts and lost handshakes on both sides", () => {
    const { dir } = fixture(false);
    const c = caseDrops(dir, "c");
    const at = (from: string, to: string) => c.ports.find((p) => p.from === from && p.to === to)!;
    expect([at("sw", "h1").ns3, at("sw", "h1").model, at("h0", "sw").ns3, at("h0", "sw").model, at("h1", "sw").ns3]).toEqual([10, 5, 0, 1, 4]);
    // Σ|model − ns-3| / Σ ns-3 = (|5 − 10| + |1 − 0| + |0 − 4| + 0) / 14.
    expect(portError(c.ports)).toBeCloseTo(10 / 14, 12);
    expect(Number.isNaN(ns3DataDrops(at("sw", "h1")))).toBe(true);
    expect(byTier(c.ports).map((t) => [t.tier, t.ports, t.ns3, t.model])).toEqual([
      ["host↓", 2, 10, 5],
      ["host↑", 2, 4, 1],
    ]);
    // ns-3: a timed out once; b's FCT 1.0002 s ≥ 1 s + its ideal 0.1 ms, a lost handshake.
    // The model: b's handshake_s of 1 s holds one SYN timeout, so its one timeout is no data RTO.
    expect([c.ns3TimedOutFlows, c.ns3Timeouts, c.ns3LostHandshakes, c.ns3HandshakesExact]).toEqual([1, 1, 1, false]);
    expect([c.modelTimedOutFlows, c.modelTimeouts, c.modelLostHandshakes]).toEqual([1, 2, 1]);
  });

  it("splits ns-3's drops into data, pure ACKs and SYNs or SYN-ACKs with its drop trace", () => {
    const { dir, traces } = fixture(true);
    const c = caseDrops(dir, "c", 1, traces);
    const at = (from: string, to: string) => c.ports.find((p) => p.from === from && p.to === to)!;
    expect([at("sw", "h1").ns3Acks, at("sw", "h1").ns3Handshakes, ns3DataDrops(at("sw", "h1"))]).toEqual([2, 1, 7]);
    expect([at("h1", "sw").ns3Acks, at("h1", "sw").ns3Handshakes, ns3DataDrops(at("h1", "sw"))]).toEqual([3, 1, 0]);
    // Against ns-3's data drops only: (|5 − 7| + |1 − 0| + 0 + 0) / 7.
    expect(portError(c.ports, true)).toBeCloseTo(3 / 7, 12);
    // The lost handshakes are read off the trace (b's SYN and SYN-ACK): exact, and the same one flow.
    expect([c.ns3LostHandshakes, c.ns3HandshakesExact]).toEqual([1, true]);
  });
});

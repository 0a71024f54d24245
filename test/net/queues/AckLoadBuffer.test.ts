// AckLoad's buffer: a port's buffer counts the ACKs of the flows the other way as packets, so it holds B ÷ (1 + x) data packets when full — checked against a packet-level drop-tail FIFO.
import { describe, expect, it } from "vitest";
import type { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { AckLoad } from "../../../src/net/queues/AckLoad.js";
import { BoundFlows } from "../../../src/net/queues/BoundFlows.js";
import { DirtyResources } from "../../../src/net/queues/DirtyResources.js";
import type { Topology } from "../../../src/net/Topology.js";

/** Channels 0–3 (links 0–1 and 2–3), 1.25e9 B/s each, buffers of 100 packets of 1,500 B, no port marking; flow 0's data crosses channels 0 and 2. */
function setup() {
  const capacityBps = 1.25e9;
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, 2), latencyS: 2e-6 };
  const network = { routeOf: () => route, capacityOf: () => capacityBps } as unknown as FlowNetwork;
  const topology = { resourceCount: 4, channelCount: 4 } as Topology;
  const settings = { bufferBytes: new Float64Array(4).fill(150_000), ecnThresholdBytes: new Float64Array(4) };
  const acks = new AckLoad(network, topology, settings, new BoundFlows(4), new DirtyResources(4));
  acks.growFlows(2);
  return { acks, capacityBps };
}

/**
 * A drop-tail FIFO of `bufferPackets` packets served at `capacityBps`: data packets of
 * `packetBytes` and ACKs of `ackBytes` arrive as Poisson streams (`dataPerS`, `acksPerS`; a
 * fixed linear congruential generator, so the same every run), and whatever arrives when it holds
 * `bufferPackets` is dropped. Returns the mean number of data packets it holds as seen by the
 * arrivals that find it full, over `arrivals` arrivals.
 */
function fifoDataWhenFull(bufferPackets: number, capacityBps: number, packetBytes: number, ackBytes: number, dataPerS: number, acksPerS: number, arrivals: number): number {
  let seed = 12345;
  const uniform = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const exp = (rate: number) => -Math.log(uniform()) / rate;
  const queue: boolean[] = []; // true: a data packet
  let head = 0;
  let nextData = exp(dataPerS);
  let nextAck = exp(acksPerS);
  let nextDeparture = Infinity;
  let dataHeld = 0;
  let fullSeen = 0;
  let dataWhenFull = 0;
  for (let n = 0; n < arrivals; ) {
    const t = Math.min(nextData, nextAck, nextDeparture);
    if (t === nextDeparture) {
      if (queue[head++]) dataHeld--;
      nextDeparture = head < queue.length ? t + (queue[head] ? packetBytes : ackBytes) / capacityBps : Infinity;
      continue;
    }
    const data = t === nextData;
    if (data) nextData = t + exp(dataPerS);
    else nextAck = t + exp(acksPerS);
    n++;
    if (queue.length - head >= bufferPackets) {
      fullSeen++;
      dataWhenFull += dataHeld;
      continue;
    }
    queue.push(data);
    if (data) dataHeld++;
    if (queue.length - head === 1) nextDeparture = t + (data ? packetBytes : ackBytes) / capacityBps;
  }
  return dataWhenFull / fullSeen;
}

describe("AckLoad.dataBufferBytes", () => {
  it("a port whose reverse channel carries a flow's data holds B ÷ (1 + x) data packets, x its ACKs per data packet served; even where no port marks", () => {
    const { acks, capacityBps } = setup();
    acks.register(0, 1);
    expect(acks.dataBufferBytes(1, 1500)).toBe(150_000);
    // Flow 0 at 0.6 C, one ACK per packet: 500,000 ACKs/s at channels 1 and 3, x = 0.6.
    acks.move(0, 0.6 * capacityBps, 1500);
    expect(acks.dataBufferBytes(1, 1500)).toBeCloseTo(150_000 / 1.6, 6);
    expect(acks.dataBufferBytes(3, 1500)).toBeCloseTo(150_000 / 1.6, 6);
    // The channels its data crosses carry none of its ACKs.
    expect(acks.dataBufferBytes(0, 1500)).toBe(150_000);
    acks.move(0, 0, 1500);
    expect(acks.dataBufferBytes(1, 1500)).toBe(150_000);
  });

  it("matches a packet-level drop-tail FIFO of 100 packets fed data at 1.02 C and the ACKs of a reverse flow at 0.6 C", () => {
    const { acks, capacityBps } = setup();
    const packet = 1500;
    acks.register(0, 1);
    acks.move(0, 0.6 * capacityBps, packet);
    const model = acks.dataBufferBytes(1, packet) / packet;
    // The FIFO: data offered at 1.02 × its line rate in packets (TCP's windows overfill a port by a little), ACKs of 54 B at the reverse flow's packet rate.
    const fifo = fifoDataWhenFull(100, capacityBps, packet, 54, (1.02 * capacityBps) / packet, (0.6 * capacityBps) / packet, 400_000);
    // B ÷ (1 + 0.6) = 62.5; the FIFO's own split, in proportion to the offered rates, is 100 × 1.02 / 1.62 = 63.0.
    expect(model).toBeCloseTo(62.5, 9);
    expect(Math.abs(fifo - model) / model).toBeLessThan(0.03);
    // Without the ACKs counted the model would hold 100 data packets: far from what the FIFO holds.
    expect(fifo).toBeLessThan(70);
  });
});

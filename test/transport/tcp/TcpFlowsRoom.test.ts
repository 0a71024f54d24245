// TcpFlows sizes its per-flow tables once, at the first start, for one flow per workload carried by tcp (a trace of single-transfer workloads), and a workload's transport makes its connection pools only when it pools.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { transportNetwork } from "../transportModels.js";

const LINK = { from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-5 };

describe("TcpFlows: room for the flows of a run's tcp workloads", () => {
  it("is made at the first start for one flow per tcp workload, not doubled from 1,024 as flows come", () => {
    const { sim, network, queues, context } = transportNetwork(["a", "b"], [LINK]);
    const workloads = Array.from({ length: 3000 }, (_, i) => context.forWorkload(`w${i}`, { ...TCP_DEFAULTS }));
    const flowCap = () => (queues as unknown as { flowCap: number }).flowCap;
    const networkCap = () => (network as unknown as { cap: number }).cap;
    expect(flowCap()).toBe(1024);
    expect(networkCap()).toBe(1024);
    const done: TransferResult[] = [];
    workloads[0].startTransfer({ id: "x0", src: "a", dst: "b", sizeBytes: 10_000 }, (r) => done.push(r));
    // The queues' and the network's per-flow arrays (and TcpFlows' own) hold the 3,000 flows from the first start on.
    expect(flowCap()).toBe(3000);
    expect(networkCap()).toBe(3000);
    for (let i = 1; i < 3000; i++) workloads[i].startTransfer({ id: `x${i}`, src: "a", dst: "b", sizeBytes: 10_000 }, (r) => done.push(r));
    expect(flowCap()).toBe(3000);
    expect(networkCap()).toBe(3000);
    sim.run();
    expect(done.length).toBe(3000);
  });

  it("counts every workload carried by tcp when they share one options record (a scenario's transport)", () => {
    const { sim, queues, context } = transportNetwork(["a", "b"], [LINK]);
    const shared = { ...TCP_DEFAULTS };
    const workloads = Array.from({ length: 3000 }, (_, i) => context.forWorkload(`w${i}`, shared));
    const flowCap = () => (queues as unknown as { flowCap: number }).flowCap;
    const done: TransferResult[] = [];
    workloads[0].startTransfer({ id: "x0", src: "a", dst: "b", sizeBytes: 10_000 }, (r) => done.push(r));
    expect(flowCap()).toBe(3000);
    for (let i = 1; i < 3000; i++) workloads[i].startTransfer({ id: `x${i}`, src: "a", dst: "b", sizeBytes: 10_000 }, (r) => done.push(r));
    expect(flowCap()).toBe(3000);
    sim.run();
    expect(done.length).toBe(3000);
  });

  it("a persistent workload's pool still hands its idle connection (and its window) to its next transfer", () => {
    const { sim, context } = transportNetwork(["a", "b"], [LINK]);
    const ctx = context.forWorkload("w", { ...TCP_DEFAULTS, persistent: true, handshake: "tcp" });
    const other = context.forWorkload("v", { ...TCP_DEFAULTS, persistent: true, handshake: "tcp" });
    const fct = new Map<string, number>();
    const send = (c: typeof ctx, id: string) => c.startTransfer({ id, src: "a", dst: "b", sizeBytes: 10_000 }, (r) => fct.set(id, r.finishS - r.startS));
    send(ctx, "first");
    sim.run();
    send(ctx, "reused");
    // Another workload's pool is its own: no idle connection there, a handshake first.
    send(other, "fresh");
    sim.run();
    // The reused connection pays no handshake (one round trip of 2 × 10 µs and the headers).
    expect(fct.get("fresh")! - fct.get("reused")!).toBeGreaterThan(2e-5);
    expect(fct.get("reused")).toBeLessThan(fct.get("first")!);
  });
});

import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import type { ResourceRecorder } from "../../src/report/ResourceRecorder.js";
import { OffloadedResourceRecorder } from "../../src/report/OffloadedResourceRecorder.js";
import { summarizeFlows, summarizeRun } from "../../src/report/summarizeRun.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

/** Every number a recorder reports, per resource, as bits (so -0, NaN and the last ulp all count). */
function accounts(rec: ResourceRecorder, resourceCount: number): string[] {
  const bits = new Float64Array(1);
  const hex = (x: number) => {
    bits[0] = x;
    return Buffer.from(bits.buffer).toString("hex");
  };
  const out = [`horizon ${hex(rec.horizonS)}`];
  for (let r = 0; r < resourceCount; r++) {
    out.push(
      [rec.bytesOf(r), rec.meanUtilOf(r), rec.peakUtilOf(r), rec.p95UtilOf(r), rec.saturatedFracOf(r), rec.bottleneckFlowSOf(r)].map(hex).join(" "),
    );
  }
  return out;
}

/** Every flow's bottleneck accounts (FlowRecorder's, kept in the worker when offloaded), bits of the seconds included. */
function flowBounds(simulated: ReturnType<typeof simulate>): string[] {
  const bits = new Float64Array(1);
  const hex = (x: number) => {
    bits[0] = x;
    return Buffer.from(bits.buffer).toString("hex");
  };
  const out: string[] = [];
  for (let f = 0; f < simulated.network.flowCount; f++) {
    const pairs: string[] = [];
    simulated.flows.forEachBound(f, (b, s) => pairs.push(`${b}:${hex(s)}`));
    out.push(`${f} ${simulated.flows.bottleneckOf(f)} ${pairs.join(" ")}`);
  }
  return out;
}

function run(file: string, offloadResources: boolean) {
  const prepared = prepareScenario(file);
  const simulated = simulate(prepared, { offloadResources });
  const summary = summarizeRun(simulated);
  return { prepared, simulated, summary };
}

describe("OffloadedResourceRecorder", () => {
  // Capacity changes and reroutes (link-failure*), caps and weights, tcp's many small rate
  // changes, and the queue columns read at report time.
  for (const file of [
    "scenarios/link-failure.yaml",
    "scenarios/link-failure-tcp.yaml",
    "scenarios/weights-and-caps.yaml",
    "scenarios/queues-agents-surge-dctcp.yaml",
    "scenarios/leaf-spine-oversubscribed.yaml",
  ]) {
    it(`gives the in-thread recorder's accounts bit for bit: ${file}`, () => {
      const here = run(file, false);
      const there = run(file, true);
      expect(there.simulated.resources).toBeInstanceOf(OffloadedResourceRecorder);
      expect(here.simulated.resources).not.toBeInstanceOf(OffloadedResourceRecorder);
      const R = here.prepared.topology.resourceCount;
      expect(accounts(there.simulated.resources, R)).toEqual(accounts(here.simulated.resources, R));
      expect(there.simulated.resources.linkRows()).toEqual(here.simulated.resources.linkRows());
      expect(there.simulated.resources.bottleneckRows()).toEqual(here.simulated.resources.bottleneckRows());
      expect(there.summary.bottlenecks).toEqual(here.summary.bottlenecks);
      // The flows' bottlenecks, kept in the worker from the same records (one of these
      // scenarios, the dctcp one, has flows at a zero cap going to rate 0: ZERO_CAP records).
      expect((there.simulated.resources as OffloadedResourceRecorder).flowBounds().flows).toBeGreaterThan(0);
      const bounds = flowBounds(here.simulated);
      expect(bounds.length).toBeGreaterThan(0);
      expect(flowBounds(there.simulated)).toEqual(bounds);
      expect([...there.simulated.flows.rows()]).toEqual([...here.simulated.flows.rows()]);
    }, 60_000);
  }

  it("passes more records than its ring holds, and batches longer than the ring", () => {
    // A 64-value ring: every block wraps and waits for the worker many times.
    const file = "scenarios/leaf-spine-oversubscribed.yaml";
    const here = run(file, false);
    const prepared = prepareScenario(file);
    const R = prepared.topology.resourceCount;
    const simulated = simulate(prepared, { offloadResources: true, resourceRingValues: 64 });
    summarizeRun(simulated);
    expect(accounts(simulated.resources, R)).toEqual(accounts(here.simulated.resources, R));
    expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
  }, 60_000);

  it("finishes without waiting: the flows' bottlenecks first, the accounts at their first read, either order", () => {
    const file = "scenarios/leaf-spine-oversubscribed.yaml";
    const here = run(file, false);
    const R = here.prepared.topology.resourceCount;
    // Bottlenecks before accounts (as writeReports reads them), and accounts before bottlenecks.
    for (const boundsFirst of [true, false]) {
      const prepared = prepareScenario(file);
      const simulated = simulate(prepared, { offloadResources: true });
      const summary = summarizeFlows(simulated);
      const rec = simulated.resources as OffloadedResourceRecorder;
      // finish (in summarizeFlows) returned before the worker's accounts: they are still due.
      expect((rec as unknown as { accountsDue: boolean }).accountsDue).toBe(true);
      if (boundsFirst) {
        expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
        expect((rec as unknown as { accountsDue: boolean }).accountsDue).toBe(true);
        expect(accounts(rec, R)).toEqual(accounts(here.simulated.resources, R));
      } else {
        expect(accounts(rec, R)).toEqual(accounts(here.simulated.resources, R));
        expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
      }
      expect({ ...summary, bottlenecks: rec.rankBottlenecks() }).toEqual(here.summary);
    }
  }, 60_000);

  it("refuses changes after finish; a second finish at the same time is a no-op", () => {
    const { simulated } = run("scenarios/two-hosts.yaml", true);
    const rec = simulated.resources;
    const before = rec.horizonS;
    rec.finish(before);
    expect(rec.horizonS).toBe(before);
    expect(() => rec.finish(before + 1)).toThrow(/finished at/);
    expect(() => rec.capacityChanged(0, 1, 2, before + 1)).toThrow(/after finish/);
  }, 60_000);
});

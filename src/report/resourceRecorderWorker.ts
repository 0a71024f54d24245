// resourceRecorderWorker: the worker-thread side of an OffloadedResourceRecorder — a ResourceRecorder fed by the records its RecordRing carries — or of a ReportJobWorker.
import { workerData } from "node:worker_threads";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import { RateChanges } from "../net/RateChanges.js";
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";
import { FlowBounds, type FlowCaps } from "./FlowBounds.js";
import type { FlowBoundsHandOver } from "./FlowRecorder.js";
import { RecordRing } from "./RecordRing.js";
import { ResourceRecorder } from "./ResourceRecorder.js";
import { ResourceRecord, type ResourceWorkerData } from "./ResourceRecord.js";
import { serveReportJobs, type ReportJobWorkerData } from "./ReportJob.js";

// The same module serves report jobs (ReportJobWorker): one worker file in the CLI's bundle.
if ((workerData as Partial<ReportJobWorkerData>).reportJobs) {
  void serveReportJobs(workerData as ReportJobWorkerData);
} else {
  const data = workerData as ResourceWorkerData;
  const ring = new RecordRing(data.ring);
  try {
    serve(ring, data);
  } catch (err) {
    ring.fail();
    throw err;
  }
}

/**
 * Replay the records into a ResourceRecorder over a stand-in network that holds what the
 * records told (capacities in force, the routes of the flows about to be held) until STOP;
 * and into a FlowBounds when asked (`data.flowBounds`), whose caps are 0 for the flows a
 * ZERO_CAP record named before the batch, and not 0 for the others.
 */
function serve(ring: RecordRing, data: ResourceWorkerData): void {
  const capacity = Float64Array.from(data.capacityBps);
  const routes: Array<Route | undefined> = [];
  const told: number[] = [];
  const network = {
    capacityOf: (r: number) => capacity[r],
    routeOf: (flow: number) => routes[flow]!,
    observe: () => {},
  } as unknown as FlowNetwork;
  const recorder = new ResourceRecorder(network, { resourceCount: capacity.length } as Topology);
  const answer = new Float64Array(data.answer);
  const changes = new RateChanges();
  const port = data.flowBounds;
  const bounds = port ? new FlowBounds() : undefined;
  const zeroCap: number[] = [];
  const caps: FlowCaps = { capOf: (flow) => (zeroCap.includes(flow) ? 0 : Infinity) };
  let reserved = 0;
  for (;;) {
    const kind = ring.next();
    if (kind === ResourceRecord.ROUTE) {
      const flow = ring.next();
      const resources = new Int32Array(ring.next());
      for (let i = 0; i < resources.length; i++) resources[i] = ring.next();
      routes[flow] = { resources } as Route;
      told.push(flow);
      // As flowStarted would have: room for the flow before a rate change needs it.
      for (; reserved <= flow; reserved++) {
        recorder.flowStarted(reserved, 0);
        // Its since-time is set at its first rate; a flow never given one is never read but as not active.
        bounds?.started(reserved, 0);
      }
    } else if (kind === ResourceRecord.CHANGES) {
      changes.nowS = ring.next();
      const n = ring.next();
      changes.reserve(n);
      const { flows, oldRatesBps, newRatesBps, bottlenecks } = changes;
      for (let k = 0; k < n; k++) {
        flows[k] = ring.next();
        oldRatesBps[k] = ring.next();
        newRatesBps[k] = ring.next();
        bottlenecks[k] = ring.next();
      }
      changes.count = n;
      recorder.ratesChanged(changes);
      bounds?.ratesChanged(changes, caps);
      zeroCap.length = 0;
      for (const flow of told) routes[flow] = undefined;
      told.length = 0;
    } else if (kind === ResourceRecord.ZERO_CAP) {
      zeroCap.push(ring.next());
    } else if (kind === ResourceRecord.CAPACITY) {
      const resource = ring.next();
      const oldBps = ring.next();
      const newBps = ring.next();
      const nowS = ring.next();
      capacity[resource] = newBps;
      recorder.capacityChanged(resource, oldBps, newBps, nowS);
    } else if (kind === ResourceRecord.FINISH) {
      const endS = ring.next();
      // Two answers: the flows' bottlenecks first (complete once every change is replayed), so
      // that the simulation's thread can go on with the reports that need only them while the
      // accounts are closed and their percentiles made here; then the accounts.
      if (port && bounds) {
        const handed: FlowBoundsHandOver = { state: bounds.handOver, flows: reserved };
        const { current, state, entries } = handed.state;
        port.postMessage(handed, [current.buffer, state.buffer, entries.buffer] as ArrayBuffer[]);
      }
      ring.answer();
      recorder.finish(endS);
      recorder.writeAccounts(answer);
      ring.answer();
    } else if (kind === ResourceRecord.STOP) {
      return;
    } else {
      throw new Error(`resourceRecorderWorker: unknown record ${kind}`);
    }
  }
}

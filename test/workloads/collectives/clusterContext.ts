// A live WorkloadContext on a small gpuCluster (real flow network, max-min sharing), shared by the collective tests.
import { Simulation } from "../../../src/core/Simulation.js";
import { FlowNetwork } from "../../../src/net/FlowNetwork.js";
import { FullSharing } from "../../../src/net/FullSharing.js";
import { gpuCluster, type GpuClusterSpec } from "../../../src/net/gpuCluster.js";
import { Router } from "../../../src/net/Router.js";
import { TopologyBuilder } from "../../../src/net/TopologyBuilder.js";
import { NetworkContext } from "../../../src/run/NetworkContext.js";
import type { Participant } from "../../../src/workloads/collectives/CollectiveSpec.js";
import { TransferTracker } from "../../../src/workloads/collectives/TransferTracker.js";

/** A gpuCluster with defaults filled in (rail-optimized, one spine, no latency). */
export function clusterContext(spec: Partial<GpuClusterSpec> & { hosts: number; gpusPerHost: number }) {
  const b = new TopologyBuilder();
  const gpus = gpuCluster(b, {
    nvlinkBandwidthBps: 4.5e11,
    nicBandwidthBps: 5e10,
    railOptimized: true,
    spines: 1,
    uplinkBandwidthBps: 1e12,
    latencyS: 0,
    nvlinkLatencyS: 0,
    ...spec,
  });
  const topology = b.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const context = new NetworkContext(sim, network, new Router(topology), topology, 1);
  const ctx = context.forWorkload("test");
  const tracker = new TransferTracker(ctx);
  /** Every GPU as a participant, host-major. */
  const participants: Participant[] = gpus.map((id, k) => ({ id, host: Math.floor(k / spec.gpusPerHost) }));
  return { topology, sim, network, ctx, tracker, participants, gpus };
}

// trainingGpus: a job's GPUs from a count (optionally of one prefixed cluster), from hosts, or from a list.
import { describe, expect, it } from "vitest";
import { gpuCluster } from "../../src/net/gpuCluster.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { trainingGpus } from "../../src/scenario/trainingGpus.js";

function twoClusters() {
  const b = new TopologyBuilder();
  const spec = { hosts: 2, gpusPerHost: 2, nvlinkBandwidthBps: 1e11, nicBandwidthBps: 1e10, railOptimized: true, spines: 1, uplinkBandwidthBps: 1e10, latencyS: 0, nvlinkLatencyS: 0 };
  gpuCluster(b, { ...spec, prefix: "east-" });
  gpuCluster(b, { ...spec, prefix: "west-" });
  return b.build();
}

describe("trainingGpus", () => {
  const t = twoClusters();
  it("takes the first N GPUs host-major, with their hosts", () => {
    expect(trainingGpus({ count: 3 }, t)).toEqual({ gpus: ["east-h0g0", "east-h0g1", "east-h1g0"], hostOf: [0, 0, 1] });
  });
  it("takes them from one cluster by prefix", () => {
    expect(trainingGpus({ count: 2, cluster: "west-" }, t)).toEqual({ gpus: ["west-h0g0", "west-h0g1"], hostOf: [0, 0] });
  });
  it("takes every GPU of named hosts", () => {
    expect(trainingGpus({ hosts: ["west-h1", "east-h0"] }, t)).toEqual({ gpus: ["west-h1g0", "west-h1g1", "east-h0g0", "east-h0g1"], hostOf: [0, 0, 1, 1] });
  });
  it("names the problem: too many GPUs, unknown host, a non-GPU in the list, a repeat", () => {
    expect(trainingGpus({ count: 5, cluster: "east-" }, t)).toEqual({ key: "gpus", problem: 'the job needs 5 GPUs but the cluster "east-" has 4' });
    expect(trainingGpus({ hosts: ["east-h7"] }, t)).toEqual({ key: "hosts[0]", problem: "no GPUs east-h7g0, east-h7g1, … in the topology" });
    expect(trainingGpus({ gpuList: ["east-h0g0", "east-spine0"] }, t)).toEqual({ key: "gpuList[1]", problem: '"east-spine0" is a node of kind "spine", not "gpu"' });
    expect(trainingGpus({ gpuList: ["east-h0g0", "east-h0g0"] }, t)).toEqual({ key: "gpuList", problem: 'GPU "east-h0g0" is listed twice' });
  });
});

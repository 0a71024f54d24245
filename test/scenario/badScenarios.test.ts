// Every malformed scenario in scenarios/bad fails before running, with one sentence naming the file and the place.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { readScenarioDocument } from "../../src/scenario/loadScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { prepareSearch } from "../../src/search/prepareSearch.js";

const DIR = "scenarios/bad";

/** File → where the problem is (key path, "line:col" for parse errors, "" for the whole file) and a fragment of the message. */
const EXPECTED: Record<string, { where: string; fragment: string }> = {
  "typo-key.yaml": { where: "topology.links[0]", fragment: 'unknown key "bandwith" (did you mean "bandwidth"?)' },
  "unknown-node.yaml": { where: "workloads[0].transfer.dst", fragment: 'unknown node "bb" (did you mean "b"?)' },
  "negative-bandwidth.yaml": { where: "topology.links[0].bandwidth", fragment: '"-10Gbps" is negative' },
  "zero-bandwidth.yaml": { where: "topology.links[0].bandwidth", fragment: "must be > 0" },
  "unitless-bandwidth.yaml": { where: "topology.links[0].bandwidth", fragment: "100 has no unit" },
  "bad-size-unit.yaml": { where: "workloads[1].transfer.size", fragment: '"10Gbs" has unknown size unit "Gbs" — use e.g. "1.5GB"' },
  "duplicate-node.yaml": { where: "topology.nodes[2]", fragment: 'node "a" is defined twice' },
  "duplicate-link.yaml": { where: "topology.links[1]", fragment: 'a second link between "s" and "a"' },
  "src-equals-dst.yaml": { where: "workloads[0].transfer.dst", fragment: 'the destination is the source "a"' },
  "negative-start.yaml": { where: "workloads[0].transfer.start", fragment: '"-1ms" is negative' },
  "disconnected.yaml": { where: "workloads[0].transfer.dst", fragment: '"c" cannot be reached from "a"' },
  "empty.yaml": { where: "", fragment: "the file is empty" },
  "comments-only.yaml": { where: "", fragment: "the file is empty" },
  "garbage.yaml": { where: "1:25", fragment: "invalid YAML" },
  "top-level-list.yaml": { where: "", fragment: "the top level must be a mapping" },
  "alias-bomb.yaml": { where: "", fragment: "expands to more than 1,000,000 values (an alias bomb?)" },
  "deep-nesting.yaml": { where: "1:75", fragment: "nests more than 64 levels deep" },
  "duplicate-transfer-id.yaml": { where: "workloads[1].transfer.id", fragment: 'transfer id "x" is used twice' },
  "unknown-workload-kind.yaml": { where: "workloads[0]", fragment: 'unknown key "trafic" (did you mean "traffic"?)' },
  "path-missing-hop.yaml": { where: "workloads[0].transfer.path[1]", fragment: 'no link between "a" and "b"' },
  "path-revisits.yaml": { where: "workloads[0].transfer.path[3]", fragment: 'the path visits "s" twice' },
  "malformed.json": { where: "3:44", fragment: 'invalid JSON: expected a value, found "]"' },
  "unknown-pattern.yaml": { where: "workloads[0].traffic.pattern", fragment: '"unifrom" is not one of uniform, permutation, incast, all-to-all (did you mean "uniform"?)' },
  "incast-fanin.yaml": { where: "workloads[0].traffic.fanIn", fragment: "fanIn 2 needs at least 3 hosts, found 2" },
  "traffic-one-host.yaml": { where: "workloads[0].traffic.hosts", fragment: "needs at least 2 hosts, found 1" },
  "duplicate-yaml-key.yaml": { where: "3:1", fragment: "duplicated mapping key" },
  "odd-fattree.yaml": { where: "topology.fatTree.k", fragment: "k must be even, found 5" },
  "dragonfly-too-many-groups.yaml": { where: "topology.dragonfly.g", fragment: "g must be between 2 and a·h+1 = 9 (each group has a·h = 8 global ports), found 10" },
  "dragonfly-zero-hosts.yaml": { where: "topology.dragonfly.p", fragment: "p must be ≥ 1" },
  "dragonfly-missing-a.yaml": { where: "topology.dragonfly", fragment: 'missing required key "a"' },
  "dragonfly-groups-not-dividing.yaml": { where: "topology.dragonfly.g", fragment: "g − 1 = 5 must divide a·h = 8" },
  "missing-topology.yaml": { where: "", fragment: 'missing required key "topology"' },
  "link-unknown-node.yaml": { where: "topology[1].links[1]", fragment: 'unknown node "c9" (did you mean "c0"?)' },
  "load-too-high.yaml": { where: "workloads[0].traffic.load", fragment: "load must be ≤ 1" },
  "unknown-size-distribution.yaml": { where: "workloads[0].traffic.size", fragment: 'unknown key "exponental" (did you mean "exponential"?)' },
  "duration-and-flows.yaml": { where: "workloads[0].traffic", fragment: "exactly one of duration" },
  "id-clash-generated.yaml": { where: "workloads[1].transfer", fragment: 'flow id "transfer1" is also the id of another transfer' },
  "id-clash-traffic.yaml": { where: "workloads[1].transfer.id", fragment: 'flow id "bg-3" is also the id of a flow of traffic "bg"' },
  "unknown-transport-model.yaml": { where: "transport.model", fragment: '"tpc" is not one of maxmin, maxmin-rtt, tcp, rdma (did you mean "tcp"?)' },
  "bad-handshake.yaml": { where: "workloads[0].transfer.transport.handshake", fragment: '"tls1.1" is not one of none, tcp, tls1.2, tls1.3, quic, quic-0rtt' },
  "traffic-disconnected.yaml": { where: "workloads[0].traffic", fragment: 'host "c" cannot be reached from "a"' },
  "latitude-out-of-range.yaml": { where: "topology.sites[0].lat", fragment: "lat must be within [-90, 90] degrees, found 91.5" },
  "unknown-city.yaml": { where: "topology.sites[0].city", fragment: 'unknown city "Frankfort" (did you mean "Frankfurt"?)' },
  "wan-unknown-site.yaml": { where: "topology.wan[0]", fragment: 'unknown site "londn" (did you mean "london"?)' },
  "transfer-in-training-ids.yaml": { where: "workloads[1].transfer.id", fragment: 'flow id "llm.0.input" is in the id space of workload "llm"' },
  "zero-gpus-per-host.yaml": { where: "topology.gpuCluster.gpusPerHost", fragment: "gpusPerHost must be ≥ 1" },
  "training-parallelism.yaml": { where: "workloads[0].training.parallelism", fragment: "tp×pp×dp = 96 but the job has 128 GPUs" },
  "training-expert-parameters.yaml": { where: "workloads[0].training.expert.parameters", fragment: "8000000000 expert parameters must be fewer than model.parameters = 7000000000" },
  "training-expert-every.yaml": { where: "workloads[0].training.expert.every", fragment: "48 (every 48-th layer an MoE layer) leaves no MoE layer in the model's 32 layers" },
  "training-too-large.yaml": { where: "workloads[0].training.gpus", fragment: "the job needs 256 GPUs but the topology has 128" },
  "training-unknown-storage.yaml": { where: "workloads[0].training.input.from", fragment: 'unknown node "storage1" (did you mean "storage0"?)' },
  "training-zero-compute.yaml": { where: "workloads[0].training.compute.iteration", fragment: '"0s" must be > 0' },
  "training-negative-parameters.yaml": { where: "workloads[0].training.model.parameters", fragment: "must be > 0" },
  "training-no-gpus.yaml": { where: "workloads[0].training", fragment: "give exactly one of gpus, hosts or gpuList" },
  "training-zero-microbatches.yaml": { where: "workloads[0].training.pipeline.microbatches", fragment: "microbatches must be ≥ 1" },
  "agents-unknown-target.yaml": { where: "workloads[1].agents.call", fragment: 'unknown target "llmm" (did you mean "llm"?)' },
  "agents-negative-rate.yaml": { where: "workloads[1].agents.arrival.poisson.rate", fragment: '"-5/s" is negative' },
  "agents-no-bound.yaml": { where: "workloads[1].agents", fragment: "give exactly one of requests (how many) or duration (how long)" },
  "agents-duplicate-name.yaml": { where: "workloads[1].agents.name", fragment: '"svc" is used by an earlier workload' },
  "inference-zero-replicas.yaml": { where: "workloads[0].inference.replicas", fragment: "replicas must be ≥ 1" },
  "inference-too-many-replicas.yaml": { where: "workloads[0].inference.replicas", fragment: "20 replicas need 20 GPUs but the topology has 16" },
  "inference-no-storage.yaml": { where: "workloads[0].inference.coldStart", fragment: 'no node of kind "storage"' },
  "inference-gpus-and-replicas.yaml": { where: "workloads[0].inference.replicas", fragment: "give exactly one of gpus, replicas or disaggregation" },
  "agents-unreachable-service.yaml": { where: "workloads[1].agents.nodes[0]", fragment: '"edge" cannot reach "api", a replica of "svc"' },
  "service-unknown-node.yaml": { where: "workloads[0].service.nodes[0]", fragment: 'unknown node "srv1" (did you mean "srv0"?)' },
  "event-unknown-link.yaml": { where: "events[0].linkDown.to", fragment: 'unknown node "bb" (did you mean "b"?)' },
  "event-no-link.yaml": { where: "events[0].linkDown", fragment: 'no link between "a" and "b"' },
  "event-before-zero.yaml": { where: "events[0].at", fragment: '"-1s" is negative' },
  "event-until-before-at.yaml": { where: "events[0].until", fragment: "until (1 s) must be after at (2 s)" },
  "event-two-kinds.yaml": { where: "events[0]", fragment: "two kinds of event (linkDown, nodeDown)" },
  "event-unknown-node.yaml": { where: "events[0].nodeDown", fragment: 'unknown node "ss" (did you mean "s"?)' },
  "surge-unknown-workload.yaml": { where: "events[0].surge.workload", fragment: 'unknown workload "webb" (did you mean "web"?)' },
  "surge-not-surgeable.yaml": { where: "events[0].surge.workload", fragment: 'workload "x" is a transfer, which has no arrival rate to surge' },
  "surge-service.yaml": { where: "events[0].surge.workload", fragment: 'workload "api" is a service, which has no arrival rate to surge (surge applies to traffic, agents)' },
  "surge-zero-factor.yaml": { where: "events[0].surge.factor", fragment: "factor must be > 0, found 0" },
  "node-capacity-none.yaml": { where: "events[0].capacity.node", fragment: 'node "s" has no capacity to change' },
  "surge-no-until.yaml": { where: "events[0]", fragment: "a surge needs until, when it ends" },
  "event-until-not-surge.yaml": { where: "events[0].until", fragment: "until applies only to a surge, not to linkDown" },
  "capacity-mixed.yaml": { where: "events[0].capacity", fragment: "give { from, to, bandwidth } for a link or { node, capacity } for a node" },
  "report-zero-interval.yaml": { where: "report.interval", fragment: '"0s" must be > 0' },
  "policy-impossible.yaml": { where: "policies[0]", fragment: 'no path from "dublin.h0" to "frankfurt.h0" stays in EU (workload "backup"' },
  "policy-unknown-jurisdiction.yaml": { where: "policies[0].stayIn[0]", fragment: 'unknown jurisdiction "UE" (did you mean "EU"?)' },
  "policy-unknown-workload.yaml": { where: "policies[0].workloads[0]", fragment: 'unknown workload "backpu" (did you mean "backup"?)' },
  "policy-unknown-country.yaml": { where: "policies[0].avoid.countries[0]", fragment: 'unknown country "UK"' },
  "policy-unknown-provider.yaml": { where: "policies[0].avoid.providers[0]", fragment: 'unknown provider "aws"; no site has one' },
  "policy-endpoint-forbidden.yaml": { where: "policies[0]", fragment: 'avoids country GB but "dublin.h0" is in site "dublin"' },
  "te-zero-interval.yaml": { where: "routing.te.interval", fragment: '"0s" must be > 0' },
  "te-unknown-mode.yaml": { where: "routing.te.mode", fragment: '"least-used" is not one of least-loaded, min-max, fair-share, wcmp' },
  "te-wcmp-no-paths.yaml": { where: "routing.te", fragment: 'missing required key "paths": mode "wcmp" splits flows over candidate paths, e.g. paths: { k: 4 }' },
  "te-paths-zero-k.yaml": { where: "routing.te.paths.k", fragment: "k must be ≥ 1" },
  "te-stretch-below-one.yaml": { where: "routing.te.paths.stretch", fragment: "stretch must be ≥ 1" },
  // Numbers that are not finite, and arrival processes that can never issue what they ask for (issue 11, item 8).
  "agents-infinite-rate.yaml": { where: "workloads[1].agents.arrival.poisson.rate", fragment: '"1e400/s" is not a finite rate' },
  "agents-zero-profile.yaml": { where: "workloads[1].agents.arrival.profile", fragment: "no step has a rate > 0, so no task would ever arrive" },
  "agents-profile-ends-at-zero.yaml": { where: "workloads[1].agents.arrival.profile[1].rate", fragment: "the profile ends at 0/s (from 10 s), so the population could stop before issuing its requests" },
  "infinite-load.yaml": { where: "workloads[0].traffic.load", fragment: "found infinity (.inf, or a literal too large for a 64-bit float) — every number in a scenario must be finite" },
  "nan-weight.yaml": { where: "workloads[0].transfer.weight", fragment: "found NaN (.nan), not a number — every number in a scenario must be finite" },
  "lognormal-infinite-mean.yaml": { where: "workloads[0].traffic.size.lognormal.sigma", fragment: "sigma 40 makes the mean median·e^(σ²/2) infinite" },
  // Absurd sizes, refused from an estimate before anything is built (issue 11, item 15); the limit depends on the machine.
  "fattree-k1000.yaml": { where: "topology.fatTree", fragment: "too large to simulate — k = 1,000 gives 250,000,000 hosts: 251,250,000 nodes and 750,000,000 links need at least 275 GB, more than the " },
  "leafspine-huge.yaml": { where: "topology.leafSpine", fragment: "too large to simulate — 100,000 leaves × 100,000 spines and 100,000 hosts: 300,000 nodes and 10,000,100,000 links need at least 3.00 TB" },
  "gpucluster-huge.yaml": { where: "topology.gpuCluster", fragment: "too large to simulate — 10,000,000 hosts × 8 GPUs (80,000,000 GPUs): 90,000,016 nodes and 160,000,064 links need at least 66.0 GB" },
  "traffic-too-many-flows.yaml": { where: "workloads[0].traffic", fragment: "too large to simulate — about 1,000,000,000,000 flows need at least 500 TB" },
  "traffic-duration-huge.yaml": { where: "workloads[0].traffic", fragment: "too large to simulate — about 10,125,000,000,000 flows need at least 5.06 PB" },
  "transfer-repeat-huge.yaml": { where: "workloads[0].transfer", fragment: "too large to simulate — repeat.count 1,000,000,000,000: 1,000,000,000,000 flows need at least 500 TB" },
  "agents-too-many-requests.yaml": { where: "workloads[1].agents", fragment: "too large to simulate — about 1,000,000,000,000 tasks, 1,000,000,000,000 requests and 2,000,000,000,000 flows need at least 1.10 PB" },
  "training-too-many-iterations.yaml": { where: "workloads[0].training", fragment: "too large to simulate — 1,000,000,000 iterations of at least 1,280 flows (80 gradient buckets, 2 passes) need at least 648 TB" },
  // Searches (a study with a search block: docs/search.md), checked by prepareSearch as `chokepoint search` and `validate` do.
  "search-unknown-key.yaml": { where: "search", fragment: 'unknown key "minimise" (did you mean "minimize"?)' },
  "search-bad-target.yaml": { where: "search.targets[0]", fragment: '"fct_p99_s => 0.01" is not METRIC OP NUMBER (OP one of <=, <, >=, >)' },
  "search-no-targets.yaml": { where: "search.targets", fragment: "missing — list what a design must meet" },
  "search-monotone-unknown-variable.yaml": { where: "search.monotone", fragment: 'unknown variable "nicGps" (did you mean "nicGbps"?)' },
  "search-monotone-direction.yaml": { where: "search.monotone.nicGbps", fragment: 'must be up (a larger value means more resources: targets no worse, cost no lower) or down, found "upward"' },
  "search-unknown-workload.yaml": { where: "search.targets[0]", fragment: 'no workload is named "wss" (did you mean "ws"?)' },
  "search-unknown-metric.yaml": { where: "search.minimize", fragment: '"cost_totl_usd" is not a run metric (did you mean "cost_total_usd"?)' },
  "search-unknown-target-metric.yaml": { where: "search.targets[0]", fragment: '"slowdwn_p99" is not a run metric (did you mean "slowdown_p99"?)' },
  "search-zero-budget.yaml": { where: "search.budget", fragment: "must be a whole number of simulations ≥ 1 (a first look at one design), found 0" },
  // Transfer lists in CSV files (issue 13, item 1): the file, line, column and cell of each mistake.
  "transfers-bad-size.yaml": { where: "workloads[0].transfers.file", fragment: 'scenarios/bad/transfers-bad-size.csv:3:8 (size): "10Gbs" has unknown size unit "Gbs" — use e.g. "1.5GB"' },
  "transfers-unknown-node.yaml": { where: "workloads[0].transfers.file", fragment: 'scenarios/bad/transfers-unknown-node.csv:3:6 (dst): unknown node "bb" (did you mean "b"?)' },
  "transfers-unknown-column.yaml": { where: "workloads[0].transfers.file", fragment: 'scenarios/bad/transfers-unknown-column.csv:1:12: unknown column "sise" (did you mean "size"?)' },
  "transfers-duplicate-id.yaml": { where: "workloads[0].transfers.file", fragment: 'scenarios/bad/transfers-duplicate-id.csv:4:1 (id): transfer id "f0" is used twice' },
  "transfers-missing-cell.yaml": { where: "workloads[0].transfers.file", fragment: "scenarios/bad/transfers-missing-cell.csv:3:1: expected 5 cells (id, src, dst, size, start), found 4" },
  "transfers-path-gap.yaml": { where: "workloads[0].transfers.file", fragment: 'scenarios/bad/transfers-path-gap.csv:3:17 (path): no link between "c" and "b"' },
  "transfers-missing-file.yaml": { where: "workloads[0].transfers.file", fragment: "scenarios/bad/no-such-trace.csv: cannot read the file (ENOENT)" },
  "transfers-id-clash.yaml": { where: "workloads[1].transfers.file", fragment: 'scenarios/bad/transfers-id-clash.csv:3:1 (id): flow id "bg-3" is also the id of a flow of traffic "bg"' },
  "inference-endless-decode.yaml": { where: "workloads[0].inference", fragment: "too long to simulate — about 1,000 requests of 1,000,000,000,000 output tokens, one decode step per token and batch, take at least 1.00e+15 events, more than the 10,000,000,000 a run may take" },
  // Connections (issue 15, item 2): keys that would be ignored, and a service that could accept none.
  "agents-keepalive-maxmin.yaml": { where: "workloads[1].agents.keepAlive", fragment: 'applies to connections, which only the tcp transport keeps, but this population\'s transport is "maxmin"' },
  "agents-keepalive-new.yaml": { where: "workloads[1].agents.keepAlive", fragment: "applies to persistent connections, but this population opens a new connection per request" },
  "service-zero-connection-limit.yaml": { where: "workloads[0].service.connections.limit", fragment: "limit must be ≥ 1" },
  "service-connections-typo.yaml": { where: "workloads[0].service.connections", fragment: 'unknown key "tlsHandshak" (did you mean "tlsHandshake"?)' },
  // Three-tier Clos and torus generators (issue 16, item 1).
  "clos3-zero-pods.yaml": { where: "topology.clos3.pods", fragment: "pods must be ≥ 1" },
  "clos3-missing-bandwidth.yaml": { where: "topology.clos3", fragment: 'missing required key "spineUplinkBandwidth"' },
  "clos3-huge.yaml": { where: "topology.clos3", fragment: "too large to simulate — 10,000 pods of 1,000 leaves × 64 hosts (640,000,000 hosts): 650,161,024 nodes and 810,240,000 links need at least 373 GB" },
  "torus-dim-one.yaml": { where: "topology.torus.dims[1]", fragment: "a dimension must be ≥ 2, found 1" },
  "torus-four-dims.yaml": { where: "topology.torus.dims", fragment: "dims must list 1 to 3 sizes, e.g. [4, 4, 4]" },
  "torus-huge.yaml": { where: "topology.torus", fragment: "too large to simulate — a 1,000 × 1,000 × 1,000 torus with one host per router: 2,000,000,000 nodes and 4,000,000,000 links need at least 1.60 TB" },
};

function failure(file: string): unknown {
  try {
    if ("search" in readScenarioDocument(file)) prepareSearch(file);
    else prepareScenario(file);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("malformed scenarios", () => {
  it("every scenario in scenarios/bad has an expectation, and there are at least 18", () => {
    // The CSV files beside them are the transfer lists some of them name.
    const files = readdirSync(DIR)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  for (const [name, { where, fragment }] of Object.entries(EXPECTED)) {
    it(`${name} is rejected with one sentence at ${where || "the file"}`, () => {
      const file = `${DIR}/${name}`;
      const e = failure(file);
      expect(e).toBeInstanceOf(InputError);
      const message = (e as InputError).message;
      expect(message).not.toContain("\n");
      const prefix = where === "" ? `${file}: ` : /^\d+:\d+$/.test(where) ? `${file}:${where}: ` : `${file}: ${where}: `;
      expect(message.startsWith(prefix), message).toBe(true);
      expect(message).toContain(fragment);
    });
  }
});

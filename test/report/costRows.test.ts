// costRows: GPU time, idle GPU time, egress, WAN and amortised capex on a small case computed by hand.
import { describe, expect, it } from "vitest";
import { DEFAULT_EGRESS_OUT_PER_GB_USD } from "../../src/net/CostSpec.js";
import { capexUsd, costRows, nicCount } from "../../src/report/costRows.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

describe("costRows", () => {
  // Site a (aws) and site b (gcp), each a border with one host (80 Gb/s = 1e10 B/s, 0 s) and a
  // 0 s WAN link between them. One transfer of 10 GB a.h0 → b.h0 takes exactly 1 s.
  const prepared = prepareScenarioDocument(
    {
      topology: {
        sites: [
          { id: "a", lat: 0, lon: 0, country: "US", provider: "aws", hosts: { count: 1, bandwidth: "80Gbps" } },
          { id: "b", lat: 0, lon: 1, country: "US", provider: "gcp", hosts: { count: 1, bandwidth: "80Gbps" } },
        ],
        wan: [{ from: "a", to: "b", bandwidth: "80Gbps", latency: "0s" }],
      },
      workloads: [{ transfer: { id: "x", src: "a.h0", dst: "b.h0", size: "10GB" } }],
      cost: {
        gpuHour: 3.6,
        egress: [
          { provider: "aws", direction: "out", perGB: 0.05 },
          { provider: "gcp", direction: "in", perGB: 0.01 },
        ],
        wanPerGB: 0.02,
        capex: { devices: { border: 10000 }, ports: { wan: 1000 }, amortization: "1000s" },
      },
    },
    "cost.yaml",
  );
  const s = simulate(prepared);
  const cost = prepared.scenario.cost!;
  // A second, made-up workload: a training job on 8 GPUs with two iterations of 0.5 s, 0.1 s of it exposed.
  const iteration = (i: number) => ({ job: "j", iteration: i, startS: i / 2, computeS: 0.4, bubbleS: 0, commS: 0.2, exposedCommS: 0.1, iterationS: 0.5, networkWaitShare: 0.2 });
  const rows = costRows({
    cost,
    topology: prepared.topology,
    names: ["x", "j"],
    results: [{}, { gpus: 8, iterations: [iteration(0), iteration(1)] }],
    workloadOfFlow: s.workloadOfFlow,
    flowCount: s.network.flowCount,
    deliveredBytesOf: (f) => s.network.sizeOf(f),
    nodesOf: (f) => s.network.routeOf(f).nodes,
    resourcesOf: (f) => s.network.routeOf(f).resources,
    makespanS: 1,
  });
  const usd = (w: string, item: string) => Number(rows.find((r) => r[0] === w && r[1] === item)?.[2]);

  it("bills egress out of aws, into gcp, and WAN transit per GB", () => {
    expect(s.network.finishOf(0)).toBe(1);
    // 10 GB × 0.05 out of aws + 10 GB × 0.01 into gcp = 0.6; WAN 10 GB × 0.02 = 0.2.
    expect(usd("x", "egress")).toBeCloseTo(0.6, 12);
    expect(usd("x", "wan")).toBeCloseTo(0.2, 12);
    expect(usd("x", "total")).toBeCloseTo(0.8, 12);
    expect(rows.some((r) => r[0] === "x" && r[1] === "gpu")).toBe(false);
  });

  it("bills GPU time and the GPU time spent waiting on the network", () => {
    // 8 GPUs × (2 × 0.5 s) × $3.6/h = $0.008; idle 8 × 0.2 s × $3.6/h = $0.0016.
    expect(usd("j", "gpu")).toBeCloseTo(0.008, 15);
    expect(usd("j", "gpu_idle_network")).toBeCloseTo(0.0016, 15);
    expect(usd("j", "per_iteration")).toBeCloseTo(0.004, 15);
  });

  it("amortises capex over the run and totals everything", () => {
    // Devices: two borders × $10,000; ports: the WAN link's two × $1,000 (host links are
    // dc-border, unpriced) = $22,000, × 1 s ÷ 1,000 s = $22.
    expect(capexUsd(prepared.topology, cost.capex!)).toBe(22000);
    expect(usd("all", "capex")).toBeCloseTo(22, 12);
    expect(usd("all", "total")).toBeCloseTo(22 + 0.8 + 0.008, 12);
  });

  it("charges the default out price of a provider the scenario does not price", () => {
    const noPrices = costRows({
      cost: { gpuHourUsd: 2.5, egress: [], wanPerGbUsd: 0 },
      topology: prepared.topology,
      names: ["x"],
      results: [{}],
      workloadOfFlow: s.workloadOfFlow,
      flowCount: 1,
      deliveredBytesOf: () => 1e9,
      nodesOf: (f) => s.network.routeOf(f).nodes,
      resourcesOf: (f) => s.network.routeOf(f).resources,
      makespanS: 1,
    });
    expect(Number(noPrices.find((r) => r[0] === "x" && r[1] === "egress")![2])).toBeCloseTo(DEFAULT_EGRESS_OUT_PER_GB_USD, 15);
  });

  it("bills transit by the hop: GB × WAN links crossed × $/GB per link, on top of $/GB per flow", () => {
    const hop = costRows({
      cost: { gpuHourUsd: 0, egress: [], wanPerGbUsd: 0.02, wanPerGbPerLinkUsd: 0.05 },
      topology: prepared.topology,
      names: ["x"],
      results: [{}],
      workloadOfFlow: s.workloadOfFlow,
      flowCount: 1,
      deliveredBytesOf: (f) => s.network.sizeOf(f),
      nodesOf: (f) => s.network.routeOf(f).nodes,
      resourcesOf: (f) => s.network.routeOf(f).resources,
      makespanS: 1,
    });
    // One WAN link: 10 GB × (0.02 + 1 × 0.05) = $0.70.
    expect(Number(hop.find((r) => r[0] === "x" && r[1] === "wan")![2])).toBeCloseTo(0.7, 12);
  });
});

describe("capexUsd charges one NIC per GPU NIC port in every GPU cluster layout", () => {
  /** 2 hosts × 4 GPUs, 2 spines; `layout` adds the keys that choose where NICs sit. */
  function cluster(layout: object) {
    return prepareScenarioDocument(
      {
        topology: {
          gpuCluster: { hosts: 2, gpusPerHost: 4, nvlinkBandwidth: "450GB/s", nicBandwidth: "400Gbps", spines: 2, uplinkBandwidth: "800Gbps", latency: "1us", ...layout },
        },
        workloads: [{ transfer: { src: "h0g0", dst: "h1g0", size: "1MB" } }],
      },
      "nics.yaml",
    ).topology;
  }
  const prices = { devicesUsd: { nic: 1000, leaf: 10000, spine: 20000, nvswitch: 5000 }, portsUsd: { "host-nic": 100, "leaf-spine": 200 }, amortizationS: 1 };

  it("rail-optimised with the NIC folded into each GPU's rail link: 8 NICs, no NIC node", () => {
    const t = cluster({ railOptimized: true });
    expect(t.nodeKinds.filter((k) => k === "nic")).toHaveLength(0);
    expect(nicCount(t)).toBe(8);
    // Devices: 8 NICs × 1,000 + 4 rails × 10,000 + 2 spines × 20,000 + 2 NVSwitches × 5,000 =
    // 98,000; ports: 8 GPU–rail links × 2 × 100 + 4 rails × 2 spines × 2 × 200 = 4,800.
    expect(capexUsd(t, prices)).toBe(102800);
  });

  it("rail-optimised with PCIe NICs: 8 NIC nodes, the same NIC charge", () => {
    const t = cluster({ railOptimized: true, pcieBandwidth: "64GB/s" });
    expect(nicCount(t)).toBe(8);
    // Same devices and ports (GPU–NIC links are tier pcie, unpriced here): 102,800.
    expect(capexUsd(t, prices)).toBe(102800);
  });

  it("leaf attachment: 8 NIC nodes on one leaf", () => {
    const t = cluster({ railOptimized: false, hostsPerLeaf: 2 });
    expect(nicCount(t)).toBe(8);
    // Devices: 8,000 + 1 leaf × 10,000 + 40,000 + 10,000 = 68,000; ports: 8 NIC–leaf links
    // × 2 × 100 + 1 leaf × 2 spines × 2 × 200 = 2,400.
    expect(capexUsd(t, prices)).toBe(70400);
  });

  it("two shared NICs per host: 4 NICs", () => {
    const t = cluster({ railOptimized: false, hostsPerLeaf: 2, nicsPerHost: 2 });
    expect(nicCount(t)).toBe(4);
    // Devices: 4 × 1,000 + 10,000 + 40,000 + 10,000 = 64,000; ports: 4 × 2 × 100 + 800 = 1,600.
    expect(capexUsd(t, prices)).toBe(65600);
  });
});

// globalScenario: the issue-7 benchmark scenario — four cloud regions, N edge sites, a 256-GPU training job, agent requests, a WAN failure and a surge.
import { greatCircleM } from "../src/net/greatCircle.js";

/** Cloud regions: id, city, provider. us-east holds the 256-GPU cluster; each region serves agents. */
const REGIONS = [
  { id: "us-east", city: "Ashburn", provider: "aws" },
  { id: "eu-central", city: "Frankfurt", provider: "aws" },
  { id: "ap-northeast", city: "Tokyo", provider: "gcp" },
  { id: "sa-east", city: "Sao Paulo", provider: "azure" },
];

/** Edge cities with country and coordinates (data/cities.csv), taken in order, cycling (0.01° further north each round) past the list. */
const EDGE_CITIES: Array<[string, string, number, number]> = [
  ["London", "GB", 51.5074, -0.1278],
  ["Paris", "FR", 48.8566, 2.3522],
  ["Madrid", "ES", 40.4168, -3.7038],
  ["New York", "US", 40.7128, -74.006],
  ["Chicago", "US", 41.8781, -87.6298],
  ["San Jose", "US", 37.3382, -121.8863],
  ["Singapore", "SG", 1.3521, 103.8198],
  ["Mumbai", "IN", 19.076, 72.8777],
  ["Sydney", "AU", -33.8688, 151.2093],
  ["Santiago", "CL", -33.4489, -70.6693],
  ["Seoul", "KR", 37.5665, 126.978],
  ["Stockholm", "SE", 59.3293, 18.0686],
  ["Dallas", "US", 32.7767, -96.797],
  ["Johannesburg", "ZA", -26.2041, 28.0473],
  ["Toronto", "CA", 43.6532, -79.3832],
  ["Milan", "IT", 45.4642, 9.19],
];
const REGION_COORDS: Record<string, [number, number]> = {
  "us-east": [39.0438, -77.4874],
  "eu-central": [50.1109, 8.6821],
  "ap-northeast": [35.6762, 139.6503],
  "sa-east": [-23.5505, -46.6333],
};

/** Options of {@link globalScenario}. */
export interface GlobalOptions {
  edges: number;
  /** Agent requests in all (Poisson at `ratePerS` in all, spread over the edge sites). */
  requests: number;
  ratePerS?: number;
  /** Training iterations of the 256-GPU job (default 5). */
  iterations?: number;
}

/**
 * The scenario document: four regions meshed by WAN links, `edges` edge PoPs each linked to
 * its nearest region, a 256-GPU training job in us-east, one agent population per edge site
 * calling the `api` service (a replica in every region, nearest), a WAN link failure from
 * 20% to 40% of the arrival window (50 ms convergence) and a 3× surge of every population
 * from 50% to 60% of it.
 */
export function globalScenario(o: GlobalOptions): Record<string, unknown> {
  const rate = o.ratePerS ?? 2000;
  const durationS = o.requests / rate;
  const sites: Array<Record<string, unknown>> = REGIONS.map((r) => ({
    id: r.id,
    kind: "cloud",
    city: r.city,
    provider: r.provider,
    hosts: { count: 1, bandwidth: "400Gbps", latency: "10us" },
    ...(r.id === "us-east" && {
      fabric: {
        gpuCluster: { hosts: 32, gpusPerHost: 8, nvlinkBandwidth: "450GB/s", nicBandwidth: "400Gbps", spines: 8, uplinkBandwidth: "1600Gbps", latency: "1us" },
      },
      uplink: { bandwidth: "800Gbps", latency: "2us" },
    }),
  }));
  const wan: Array<Record<string, unknown>> = [];
  for (let i = 0; i < REGIONS.length; i++) {
    for (let j = i + 1; j < REGIONS.length; j++) wan.push({ from: REGIONS[i].id, to: REGIONS[j].id, bandwidth: "400Gbps" });
  }
  const edges: string[] = [];
  for (let e = 0; e < o.edges; e++) {
    const [, country, lat, lon] = EDGE_CITIES[e % EDGE_CITIES.length];
    const id = `edge${e}`;
    edges.push(id);
    // Spread copies of a city a few km apart so every site keeps its own coordinates.
    const round = Math.floor(e / EDGE_CITIES.length);
    sites.push({ id, kind: "edge", lat: lat + round * 0.01, lon, country, hosts: { count: 1, bandwidth: "10Gbps", latency: "1ms" } });
    let nearest = REGIONS[0].id;
    let best = Infinity;
    for (const r of REGIONS) {
      const [rl, ro] = REGION_COORDS[r.id];
      const d = greatCircleM(lat, lon, rl, ro);
      if (d < best) [best, nearest] = [d, r.id];
    }
    wan.push({ from: id, to: nearest, bandwidth: "100Gbps" });
  }
  const workloads: Array<Record<string, unknown>> = [
    {
      training: {
        name: "train",
        gpus: 256,
        model: { parameters: 7e9, bytesPerParameter: 2 },
        compute: { iteration: "600ms" },
        allReduce: { algorithm: "hierarchical", bucketSize: "1GB" },
        iterations: o.iterations ?? 5,
      },
    },
    { service: { name: "api", nodes: REGIONS.map((r) => `${r.id}.h0`), serviceTime: { exponential: { mean: "2ms" } }, concurrency: 64, balance: "nearest" } },
    ...edges.map((id, e) => ({
      agents: {
        name: `agents${e}`,
        kind: e % 2 === 0 ? "bot" : "human",
        count: 100,
        nodes: [`${id}.h0`],
        arrival: { poisson: { rate: `${rate / o.edges}/s` } },
        connection: e % 2 === 0 ? "new" : "persistent",
        call: "api",
        requests: Math.round(o.requests / o.edges),
      },
    })),
  ];
  const events = [
    { at: `${0.2 * durationS}s`, linkDown: { from: "us-east", to: "eu-central" } },
    { at: `${0.4 * durationS}s`, linkUp: { from: "us-east", to: "eu-central" } },
    ...edges.map((_, e) => ({ at: `${0.5 * durationS}s`, until: `${0.6 * durationS}s`, surge: { workload: `agents${e}`, factor: 3 } })),
  ];
  return {
    name: `global-${o.edges}-edges`,
    seed: 1,
    routing: { metric: "latency", convergence: "50ms" },
    transport: { model: "tcp", handshake: "tls1.3" },
    topology: { sites, wan },
    workloads,
    events,
  };
}

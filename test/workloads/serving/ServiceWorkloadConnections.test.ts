// ServiceWorkload with callers that keep connections: bots' TLS handshakes in the humans' queue (M/M/1 of a Kelly network), limits, keep-alive on both sides, per-agent pools, L4 pinning.
import { quantileSorted } from "d3-array";
import { describe, expect, it } from "vitest";
import type { ServiceWorkload } from "../../../src/workloads/serving/ServiceWorkload.js";
import type { RequestRecord } from "../../../src/workloads/WorkloadResults.js";
import { batchMeans } from "./batchMeans.js";
import { runServing } from "./runServing.js";

const FAST = "8000Tbps";
const inIssueOrder = (records: RequestRecord[]) => [...records].sort((a, b) => a.startS - b.startS);
const p99 = (xs: number[]) => quantileSorted([...xs].sort((a, b) => a - b), 0.99)!;
/** The service workload (named `name`) of a run, for its connection counts. */
const service = (run: ReturnType<typeof runServing>, name = "api") => run.workloads.find((w) => w.name === name) as ServiceWorkload;

/**
 * Humans (10 agents, persistent connections) and bots (100 agents, connections `bots`) call one
 * API with one worker (concurrency 1): exponential service of mean 1 ms, and on each new
 * connection a TLS handshake of `handshake` CPU on the same worker. 100 Gb/s links of 1 ms and
 * 100-byte messages: the network is a fixed delay.
 */
function sharedApi(bots: "new" | "persistent", handshake: unknown, durationS: number) {
  return runServing({
    seed: 11,
    topology: {
      nodes: [{ id: "humans" }, { id: "bots" }, { id: "sw", kind: "switch" }, { id: "api" }],
      links: [
        { from: "humans", to: "sw", bandwidth: "100Gbps", latency: "1ms" },
        { from: "bots", to: "sw", bandwidth: "100Gbps", latency: "1ms" },
        { from: "sw", to: "api", bandwidth: "100Gbps", latency: "1ms" },
      ],
    },
    transport: { model: "tcp", handshake: "tls1.3" },
    workloads: [
      { service: { name: "api", nodes: ["api"], serviceTime: { exponential: { mean: "1ms" } }, connections: { tlsHandshake: handshake } } },
      { agents: { name: "humans", kind: "human", count: 10, nodes: ["humans"], arrival: { poisson: { rate: "300/s" } }, connection: "persistent", request: "100B", response: "100B", call: "api", duration: `${durationS}s` } },
      { agents: { name: "bots", kind: "bot", count: 100, nodes: ["bots"], arrival: { poisson: { rate: "250/s" } }, connection: bots, request: "100B", response: "100B", call: "api", duration: `${durationS}s` } },
    ],
  });
}

describe("service connections: bots' TLS handshakes in the humans' queue", () => {
  // The queueing model, by hand. The worker is one FIFO server; every job on it — a human request,
  // a bot request, a bot's TLS handshake — takes Exp(μ), μ = 1,000/s. Humans arrive Poisson at
  // λh = 300/s, bots at λb = 250/s. A bot on a new connection visits the server twice: its
  // handshake, then (joining the tail) its request. The network is a fixed delay: an
  // infinite-server station, symmetric and so insensitive to the delay's law. That is an open
  // Kelly network (Kelly 1979, ch. 3: a FIFO station whose exponential service rate does not
  // depend on the class is quasi-reversible), so the server's stationary queue is M/M/1's at the
  // total rate of the traffic equations, λ = λh + 2λb; a human, a Poisson arrival independent of
  // the rest, sees it (PASTA). Its time at the server (queue_s + service_s) is then Exp(μ − λ):
  // mean 1/(μ − λ), p99 ln(100)/(μ − λ).
  // - bots on new connections: λ = 300 + 2 × 250 = 800/s, ρ = 0.8: mean 5 ms, p99 23.03 ms;
  // - bots on persistent connections (about one connection per bot over the run): λ = 550/s,
  //   ρ = 0.55: mean 2.222 ms, p99 10.23 ms;
  // - bots on new connections with no server-side cost (tlsHandshake: 0s): λ = 550/s, the same.
  // Tolerance from the run itself: 150 s gives 45,000 humans; 20 batches of 6.75 s, each ≥ 75
  // relaxation times 1/(μ(1 − √ρ)²) (≤ 89 ms), so the batch statistics are nearly independent and
  // their 99% Student-t interval is the tolerance. It must stay below ±12% (mean) and ±20% (p99)
  // so the checks keep their teeth: the three cases' p99s differ by a factor 2.25.
  const mu = 1000;
  const lambdaH = 300;
  const lambdaB = 250;
  const durationS = 150;
  /** The humans' times at the server, in issue order. */
  const humansAtServer = (run: ReturnType<typeof sharedApi>) => inIssueOrder(run.requests.get("humans")!).map((r) => r.queueS + r.serviceS);

  /** Check the humans' times against Exp(μ − λ): mean and p99 (batch means of the batches' p99s), each within its 99% interval. */
  const expectExponential = (times: number[], lambda: number) => {
    const rate = mu - lambda;
    const mean = batchMeans(times);
    expect(mean.halfWidth).toBeLessThan(0.12 / rate);
    expect(Math.abs(mean.mean - 1 / rate)).toBeLessThan(mean.halfWidth);
    const tail = batchMeans(times, 20, p99);
    const formula = Math.log(100) / rate;
    expect(tail.halfWidth).toBeLessThan(0.2 * formula);
    expect(Math.abs(tail.mean - formula)).toBeLessThan(tail.halfWidth);
    return { mean: mean.mean, p99: tail.mean };
  };

  it("bots on new connections: the humans' time at the server is Exp(μ − λh − 2λb): mean 5 ms, p99 23 ms", () => {
    const run = sharedApi("new", { exponential: { mean: "1ms" } }, durationS);
    const bots = run.requests.get("bots")!.length;
    expect(bots).toBeGreaterThan(0.95 * lambdaB * durationS);
    const { p99: humansP99 } = expectExponential(humansAtServer(run), lambdaH + 2 * lambdaB);
    expect(humansP99).toBeGreaterThan(0.018); // well above the 10.2 ms without the handshakes
    // Every bot request opened a connection; the humans' 10 agents opened at least 10.
    const [counts] = service(run).connectionCounts();
    expect(counts.opened).toBeGreaterThanOrEqual(bots + 10);
    expect(counts.opened).toBeLessThan(bots + 100);
  });

  it("bots on persistent connections: Exp(μ − λh − λb): mean 2.2 ms, p99 10.2 ms, with about one connection per agent", () => {
    const run = sharedApi("persistent", { exponential: { mean: "1ms" } }, durationS);
    expectExponential(humansAtServer(run), lambdaH + lambdaB);
    // 110 agents; an agent opens another connection only when a call finds its own busy (for a bot
    // P ≈ 2.5/s × 2.2 ms ≈ 0.6%), and reuses the most recent idle one, so a spare one idles out
    // after 75 s and is opened again when needed.
    const [counts] = service(run).connectionCounts();
    expect(counts.opened).toBeGreaterThanOrEqual(110);
    expect(counts.opened).toBeLessThan(3 * 110);
    expect(counts.peakOpen).toBeLessThanOrEqual(counts.opened);
  });

  it("bots on new connections with no server-side handshake cost: the humans see Exp(μ − λh − λb), as with persistent ones", () => {
    const run = sharedApi("new", "0s", durationS);
    expectExponential(humansAtServer(run), lambdaH + lambdaB);
  });
});

/** One API (one worker, fixed service) on `api`, called across a 1 ms link of 8,000 Tb/s with 1-byte messages by `agents`. */
function api(service: Record<string, unknown>, agents: Array<Record<string, unknown>>, transport: Record<string, unknown> = { model: "tcp", handshake: "tls1.3" }) {
  return runServing({
    topology: { nodes: [{ id: "c" }, { id: "api" }, { id: "api2" }], links: [{ from: "c", to: "api", bandwidth: FAST, latency: "1ms" }, { from: "c", to: "api2", bandwidth: FAST, latency: "1ms" }] },
    transport,
    workloads: [
      { service: { name: "api", nodes: ["api"], serviceTime: "10ms", ...service } },
      ...agents.map((a, i) => ({ agents: { name: `pop${i}`, nodes: ["c"], request: "1B", response: "1B", call: "api", ...a } })),
    ],
  });
}

describe("service connections: limits, keep-alive, pools", () => {
  // A request on a new TLS 1.3 connection: 2 round trips of 2 ms, then 1 ms one way = arrives 5 ms
  // after it is issued (serialisation at 1e15 B/s is below 1e-12 s); the response takes 1 ms.
  it("at the connection limit a new connection waits in the accept queue until one closes", () => {
    // Three agents in turn, one request every 4 ms, each on a new connection (closed after its
    // response), no handshake CPU; 10 ms of service. Requests issued at 0, 4, 8 ms arrive at 5, 9, 13.
    // limit 1: #0 served 5–15, response at 16 closes its connection; #1 admitted at 16, served 16–26,
    //   closes at 27; #2 admitted at 27, served 27–37, back at 38. queue_s 0, 7, 14 ms; totals 16, 23, 30.
    // no limit: #1 waits for the worker until 15, served 15–25, back at 26; #2 served 25–35, back at 36.
    const agents = [{ count: 3, arrival: { periodic: { every: "4ms" } }, connection: "new", requests: 3 }];
    const limited = api({ connections: { limit: 1, tlsHandshake: "0s" } }, agents).requests.get("pop0")!;
    const free = api({ connections: { tlsHandshake: "0s" } }, agents).requests.get("pop0")!;
    expect(limited.map((r) => r.queueS)).toEqual([0, 0.007, 0.014].map((x) => expect.closeTo(x, 9)));
    expect(limited.map((r) => r.totalS)).toEqual([0.016, 0.023, 0.03].map((x) => expect.closeTo(x, 9)));
    expect(free.map((r) => r.totalS)).toEqual([0.016, 0.022, 0.028].map((x) => expect.closeTo(x, 9)));
  });

  it("at the limit the replica closes its longest-idle keep-alive connection to admit a new one", () => {
    // limit 2, persistent: agents 0, 1, 2 in turn every 20 ms (each call is done in 16 ms, then idle).
    // Call 0 (agent 0) and call 1 (agent 1) open connections; call 2 (agent 2) finds 2 open, both idle:
    // the oldest idle, agent 0's, is closed for it. Call 3 (agent 0) opens again and closes agent 1's, …
    // so every call opens a connection, and never more than 2 are open. Without a limit: 3 connections.
    const agents = [{ count: 3, arrival: { periodic: { every: "20ms" } }, connection: "persistent", requests: 9 }];
    const limited = api({ connections: { limit: 2 } }, agents);
    expect(service(limited).connectionCounts()[0]).toMatchObject({ opened: 9, peakOpen: 2 });
    const free = api({}, agents);
    expect(service(free).connectionCounts()[0]).toMatchObject({ opened: 3, peakOpen: 3 });
    // Each limited call pays the handshake: 2 round trips and 0.5 ms of TLS CPU (the default) more than a reused one.
    const reused = free.requests.get("pop0")!.slice(3);
    for (const r of reused) expect(r.totalS).toBeCloseTo(0.012, 9);
    for (const r of limited.requests.get("pop0")!) expect(r.totalS).toBeCloseTo(0.012 + 0.004 + 0.0005, 9);
  });

  it("keep-alive: an idle connection closes after the shorter of the client's and the service's timeouts", () => {
    // One agent, a call every 100 ms. A call that opens the connection takes 2 round trips (4 ms) +
    // 1 + 0.5 (TLS CPU) + 10 + 1 = 16.5 ms, so the connection is then idle 83.5 ms; a reused one
    // takes 12 ms, leaving it idle 88 ms.
    const calls = (client: string, server: string) => {
      const run = api({ connections: { keepAlive: server } }, [{ arrival: { periodic: { every: "100ms" } }, connection: "persistent", keepAlive: client, requests: 5 }]);
      return service(run).connectionCounts()[0].opened;
    };
    expect(calls("90ms", "90ms")).toBe(1); // 88 ms < 90 ms: always kept
    expect(calls("80ms", "200ms")).toBe(5); // the client closes it first, every time
    expect(calls("200ms", "80ms")).toBe(5); // the service does
    // 83.5 ms < 85 ms ≤ 88 ms: kept after an opening call, closed after a reusing one: calls 0, 2, 4 open.
    expect(calls("85ms", "200ms")).toBe(3);
    expect(calls("200ms", "85ms")).toBe(3);
  });

  it("each agent has its own pool; with connectionPool: node the agents of a node share one", () => {
    // 4 agents in turn, a call every 20 ms, each done in ≤ 16.5 ms: never two at once.
    const opened = (pool?: string) => service(api({}, [{ count: 4, arrival: { periodic: { every: "20ms" } }, connection: "persistent", requests: 20, ...(pool && { connectionPool: pool }) }])).connectionCounts()[0].opened;
    expect(opened()).toBe(4);
    expect(opened("agent")).toBe(4);
    expect(opened("node")).toBe(1);
  });

  it("a connection ends at one replica: a persistent agent's calls stay on its replica, new connections are balanced per call", () => {
    const run = (connection: string) =>
      service(api({ nodes: ["api", "api2"], balance: "round-robin" }, [{ arrival: { periodic: { every: "20ms" } }, connection, requests: 6 }]))
        .connectionCounts()
        .map((c) => c.opened);
    expect(run("persistent")).toEqual([1, 0]);
    expect(run("new")).toEqual([3, 3]);
  });

  it("without connections (maxmin) nothing changes: no handshake job, replicas picked per call", () => {
    const r = api({ nodes: ["api", "api2"], balance: "round-robin" }, [{ count: 1, arrival: { periodic: { every: "20ms" } }, requests: 4 }], { model: "maxmin" });
    for (const q of r.requests.get("pop0")!) expect(q.totalS).toBeCloseTo(0.012, 9);
    expect(service(r).connectionCounts().map((c) => c.opened)).toEqual([0, 0]);
  });

  it("a kept connection keeps its window between calls, exactly as the tcp transport's own persistent pool does for a transfer", () => {
    // 1 MB every 500 ms over a 10 Gb/s, 20 ms WAN (scenarios/agents-new-vs-persistent.yaml): the
    // first pays the TLS 1.3 handshake and slow start, later ones start from the grown window.
    // An agent's requests on its connection (1-byte responses, no service or TLS CPU) must take
    // exactly as long as a repeated transfer on the transport's per-pair pool.
    const topology = {
      nodes: [{ id: "c" }, { id: "gw-east", kind: "switch" }, { id: "gw-west", kind: "switch" }, { id: "api" }],
      links: [
        { from: "c", to: "gw-east", bandwidth: "100Gbps", latency: "0s" },
        { from: "gw-east", to: "gw-west", bandwidth: "10Gbps", latency: "20ms" },
        { from: "gw-west", to: "api", bandwidth: "100Gbps", latency: "0s" },
      ],
    };
    const transport = { model: "tcp", handshake: "tls1.3" };
    const fct = (run: ReturnType<typeof runServing>, keep: (id: string) => boolean) =>
      run.labels.flatMap((id, f) => (keep(id) ? [run.network.finishOf(f) - run.network.startOf(f)] : []));
    const agents = runServing({
      topology,
      transport,
      workloads: [
        { service: { name: "api", nodes: ["api"], serviceTime: "0s", connections: { tlsHandshake: "0s" } } },
        { agents: { name: "pop", nodes: ["c"], arrival: { periodic: { every: "500ms" } }, connection: "persistent", request: "1MB", response: "1B", call: "api", requests: 10 } },
      ],
    });
    const transfer = runServing({ topology, transport, workloads: [{ transfer: { id: "x", src: "c", dst: "api", size: "1MB", repeat: { count: 10, every: "500ms" }, transport: { persistent: true } } }] });
    const onConnection = fct(agents, (id) => id.endsWith("-req"));
    expect(onConnection).toEqual(fct(transfer, () => true));
    expect(onConnection[0]).toBeGreaterThan(5 * onConnection[9]); // handshake and slow start once, then a warm window
  });
});

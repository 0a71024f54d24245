// Routing policies: a restricted Router never visits a forbidden node (property test over random site graphs), keeps shortest-path length when the open route complies, and finds no route when none complies.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../src/core/randomStream.js";
import { Router, type RoutingMetric } from "../../src/net/Router.js";
import { policyMask, type RoutingPolicy } from "../../src/net/RoutingPolicy.js";
import type { Site } from "../../src/net/Site.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

const JURISDICTIONS = ["EU", "US", "GB", "CH"];
const COUNTRIES = ["DE", "FR", "US", "GB", "CH", "IE"];
const PROVIDERS = ["aws", "gcp", "azure", ""];

const pick = <T>(rng: RandomStream, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** A random connected graph of 3–10 sites (1–3 nodes each) plus 0–2 nodes outside every site; random latencies on a spanning tree plus extra links. */
function randomSiteGraph(rng: RandomStream): Topology {
  const b = new TopologyBuilder();
  const ids: string[] = [];
  const siteCount = 3 + Math.floor(rng() * 8);
  for (let s = 0; s < siteCount; s++) {
    const site: Site = { id: `s${s}`, kind: "cloud", latDeg: 0, lonDeg: 0, country: pick(rng, COUNTRIES), jurisdiction: pick(rng, JURISDICTIONS), provider: pick(rng, PROVIDERS) };
    b.addSite(site);
    const nodes = 1 + Math.floor(rng() * 3);
    b.inSite(site.id, () => {
      for (let k = 0; k < nodes; k++) {
        const id = `s${s}n${k}`;
        b.addNode({ id });
        ids.push(id);
      }
    });
  }
  const outside = Math.floor(rng() * 3);
  for (let k = 0; k < outside; k++) {
    b.addNode({ id: `x${k}` });
    ids.push(`x${k}`);
  }
  const pairs = new Set<string>();
  const link = (a: number, c: number) => {
    const key = a < c ? `${a},${c}` : `${c},${a}`;
    if (a === c || pairs.has(key)) return;
    pairs.add(key);
    // Latencies on a 1 ms grid make equal-latency ties (ECMP) common.
    b.addLink({ from: ids[a], to: ids[c], bandwidthBps: 1e9, latencyS: (1 + Math.floor(rng() * 4)) * 1e-3 });
  };
  for (let i = 1; i < ids.length; i++) link(i, Math.floor(rng() * i));
  const extra = Math.floor(rng() * ids.length);
  for (let e = 0; e < extra; e++) link(Math.floor(rng() * ids.length), Math.floor(rng() * ids.length));
  return b.build();
}

function randomPolicy(rng: RandomStream): RoutingPolicy {
  if (rng() < 0.5) return { stayIn: JURISDICTIONS.filter(() => rng() < 0.5).concat(pick(rng, JURISDICTIONS)) };
  return { avoid: { countries: [pick(rng, COUNTRIES)], ...(rng() < 0.5 && { providers: [pick(rng, PROVIDERS.slice(0, 3))] }) } };
}

/** Whether a node may be visited, decided from the site's tags directly (independent of policyMask). */
function allowedByHand(t: Topology, policy: RoutingPolicy, n: number): boolean {
  const s = t.nodeSite[n];
  if (s < 0) return policy.stayIn === undefined;
  const site = t.sites[s];
  if (policy.stayIn && !policy.stayIn.includes(site.jurisdiction)) return false;
  if (policy.avoid?.countries?.includes(site.country)) return false;
  if (site.provider !== "" && policy.avoid?.providers?.includes(site.provider)) return false;
  return true;
}

/** Whether dst is reachable from src through allowed nodes only (BFS). */
function reachableByHand(t: Topology, ok: (n: number) => boolean, src: number, dst: number): boolean {
  if (!ok(src) || !ok(dst)) return false;
  const seen = new Uint8Array(t.nodeCount);
  const stack = [src];
  seen[src] = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u === dst) return true;
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const v = t.channelTo[t.outChannels[i]];
      if (!seen[v] && ok(v)) {
        seen[v] = 1;
        stack.push(v);
      }
    }
  }
  return false;
}

describe("routing policies", () => {
  it("never route through a forbidden node, match the open route's length when it complies, and route exactly when a compliant path exists (200 random site graphs)", () => {
    const rng = randomStream(7, "policy-property");
    let compliantOpen = 0;
    let detours = 0;
    let impossible = 0;
    for (let c = 0; c < 200; c++) {
      const t = randomSiteGraph(rng);
      const policy = randomPolicy(rng);
      const metric: RoutingMetric = c % 2 === 0 ? "latency" : "hops";
      const open = new Router(t, metric, c);
      const restricted = open.restricted(policyMask(t, policy));
      const ok = (n: number) => allowedByHand(t, policy, n);
      for (let q = 0; q < 10; q++) {
        const src = Math.floor(rng() * t.nodeCount);
        const dst = Math.floor(rng() * t.nodeCount);
        if (src === dst) continue;
        const key = Math.floor(rng() * 1e9);
        const r = restricted.route(src, dst, key);
        expect(r !== null, `case ${c}: ${t.nodeIds[src]} → ${t.nodeIds[dst]}`).toBe(reachableByHand(t, ok, src, dst));
        if (!r) {
          impossible++;
          continue;
        }
        for (const n of r.nodes) expect(ok(n), `case ${c}: route visits forbidden ${t.nodeIds[n]}`).toBe(true);
        const o = open.route(src, dst, key)!;
        const length = (x: typeof o) => (metric === "latency" ? x.latencyS : x.nodes.length - 1);
        if (Array.from(o.nodes).every(ok)) {
          compliantOpen++;
          expect(length(r)).toBeCloseTo(length(o), 12);
        } else {
          detours++;
          expect(length(r)).toBeGreaterThanOrEqual(length(o) - 1e-12);
        }
      }
    }
    // The generator exercises all three outcomes.
    expect(compliantOpen).toBeGreaterThan(100);
    expect(detours).toBeGreaterThan(20);
    expect(impossible).toBeGreaterThan(100);
  });

  it("treats nodes outside every site as forbidden by stayIn and allowed by avoid", () => {
    const b = new TopologyBuilder();
    b.addSite({ id: "eu", kind: "cloud", latDeg: 0, lonDeg: 0, country: "DE", jurisdiction: "EU", provider: "aws" });
    b.inSite("eu", () => b.addNode({ id: "a" }));
    b.addNode({ id: "free" });
    const t = b.build();
    expect(Array.from(policyMask(t, { stayIn: ["EU"] }))).toEqual([1, 0]);
    expect(Array.from(policyMask(t, { avoid: { countries: ["US"] } }))).toEqual([1, 1]);
    expect(Array.from(policyMask(t, { avoid: { providers: ["aws"] } }))).toEqual([0, 1]);
  });

  it("follows failures seen by the open router (shared link state)", () => {
    // a – b – d and a – c – d, all in EU; b's link to d fails: the restricted router goes via c.
    const b = new TopologyBuilder();
    b.addSite({ id: "eu", kind: "cloud", latDeg: 0, lonDeg: 0, country: "DE", jurisdiction: "EU", provider: "" });
    b.inSite("eu", () => ["a", "b", "c", "d"].forEach((id) => b.addNode({ id })));
    for (const [from, to, l] of [["a", "b", 1e-3], ["b", "d", 1e-3], ["a", "c", 2e-3], ["c", "d", 2e-3]] as const) b.addLink({ from, to, bandwidthBps: 1e9, latencyS: l });
    const t = b.build();
    const open = new Router(t, "latency");
    const eu = open.restricted(policyMask(t, { stayIn: ["EU"] }));
    expect(eu.route(0, 3, 0)!.latencyS).toBeCloseTo(2e-3, 15);
    open.setLinkUsable(1, false);
    expect(Array.from(eu.route(0, 3, 0)!.nodes, (n) => t.nodeIds[n])).toEqual(["a", "c", "d"]);
    expect(eu.route(0, 3, 0)!.latencyS).toBeCloseTo(4e-3, 15);
  });
});

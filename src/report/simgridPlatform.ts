// simgridPlatform: a run's topology and flows as a SimGrid 3.32 platform and deployment (XML) whose CM02 answers are chokepoint's maxmin ones.
import type { Route } from "../net/Router.js";
import type { Topology } from "../net/Topology.js";

/** What the platform needs of a flow (a run's recorded flow). */
export interface PlatformFlow {
  id: string;
  src: string;
  dst: string;
  sizeBytes: number;
  startS: number;
  /** When its first byte starts to drain (start + route latency), seconds. */
  activationS: number;
  /** Rate cap, bytes/s (Infinity for none). */
  capBps: number;
  route: Route;
}

/** The SimGrid configuration under which CM02 computes chokepoint's plain max-min (docs/design.md), as in bench/simgrid/run_simgrid.py. */
export const SIMGRID_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ["network/model", "CM02"],
  ["network/latency-factor", "1"],
  ["network/bandwidth-factor", "1"],
  ["network/weight-S", "0"],
  ["network/TCP-gamma", "1e300"],
  ["network/crosstraffic", "0"],
  ["surf/precision", "1e-12"],
  ["maxmin/precision", "1e-12"],
  ["network/optim", "Full"],
];

/** The host every flow is sent to (its route's links lead there). */
export const SINK_HOST = "sink";

const HEADER = `<?xml version='1.0'?>\n<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">\n<platform version="4.1">\n`;

/** `text` safe inside a double-quoted XML attribute. */
function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `text` safe inside an XML comment. */
function comment(text: string): string {
  return text.replace(/--/g, "- -");
}

/** A number as the shortest text that reads back to the same double (SimGrid reads it with strtod). */
function num(x: number): string {
  return String(x);
}

/**
 * The platform and deployment of `flows` on `topology`:
 *
 * - `platform.xml`: the CM02 configuration of {@link SIMGRID_CONFIG} in a `<config>` block;
 *   one Full zone with one SimGrid link per resource — each directed channel `a->b` (SHARED,
 *   its capacity in B/s; the two channels of a full-duplex link are independent) and each
 *   node capacity (`node:x`, `node:x:read`, `node:x:write`) — plus a private link `cap:<id>`
 *   for each capped flow. Links have latency 0: CM02 would otherwise weight a flow's share by
 *   1/route latency, so each flow is instead *started* after its route's latency
 *   (`activation_s`); a channel's own latency is kept as the property `latency_s`. Routes
 *   are given explicitly, the ones chokepoint used: one host `route<k>` per distinct route
 *   (the resources a flow crossed, in order), whose route to the host `sink` is those links.
 * - `deployment.xml`: one actor per flow, function `flow`, on its route's host, with the
 *   arguments id, size in bytes, activation time and start time in seconds. A flow with no
 *   bytes, or with nothing to share (no resource on its route and no cap), finishes on
 *   arrival; it is placed on `sink` and needs no communication.
 *
 * A Full zone keeps a table of (hosts)² routes, so a platform of many thousand distinct
 * routes needs memory to match (8 bytes per entry).
 */
export function simgridPlatform(topology: Topology, flows: readonly PlatformFlow[], about: string): { platformXml: string; deploymentXml: string } {
  const platform: string[] = [HEADER];
  platform.push(`  <!-- ${comment(about)} -->\n`);
  platform.push(`  <!-- chokepoint's maxmin model is SimGrid's CM02 with these settings and links of latency 0; each flow starts at activation_s = start + route latency (deployment.xml). -->\n`);
  platform.push("  <config>\n");
  for (const [key, value] of SIMGRID_CONFIG) platform.push(`    <prop id="${key}" value="${value}"/>\n`);
  platform.push("  </config>\n");
  platform.push(`  <zone id="chokepoint" routing="Full">\n`);
  platform.push(`    <host id="${SINK_HOST}" speed="1f"/>\n`);
  const hostOf = new Map<string, string>();
  const hosts: string[] = [];
  const routes: string[] = [];
  const capLinks: string[] = [];
  const deployment: string[] = [HEADER, `  <!-- ${comment(about)}: one actor per flow — id, size_bytes, activation_s, start_s -->\n`];
  for (const f of flows) {
    const capped = f.capBps !== Infinity;
    let host = SINK_HOST;
    if (f.sizeBytes > 0 && (f.route.resources.length > 0 || capped)) {
      const key = capped ? `cap ${f.id}` : Array.prototype.join.call(f.route.resources, " ");
      let h = hostOf.get(key);
      if (h === undefined) {
        h = `route${hostOf.size}`;
        hostOf.set(key, h);
        const path = Array.from(f.route.nodes, (node) => topology.nodeIds[node]).join(" ");
        hosts.push(
          `    <host id="${h}" speed="1f">\n      <prop id="src" value="${attr(f.src)}"/>\n      <prop id="dst" value="${attr(f.dst)}"/>\n` +
            `      <prop id="path" value="${attr(path)}"/>\n      <prop id="latency_s" value="${num(f.route.latencyS)}"/>\n    </host>\n`,
        );
        const links = Array.from(f.route.resources, (r) => `<link_ctn id="${attr(topology.resourceName(r))}"/>`);
        if (capped) {
          const cap = `cap:${f.id}`;
          capLinks.push(`    <link id="${attr(cap)}" bandwidth="${num(f.capBps)}Bps" latency="0s"/>\n`);
          links.push(`<link_ctn id="${attr(cap)}"/>`);
        }
        routes.push(`    <route src="${h}" dst="${SINK_HOST}" symmetrical="NO">${links.join("")}</route>\n`);
      }
      host = h;
    }
    deployment.push(
      `  <actor host="${host}" function="flow"><argument value="${attr(f.id)}"/><argument value="${num(f.sizeBytes)}"/>` +
        `<argument value="${num(f.activationS)}"/><argument value="${num(f.startS)}"/></actor>\n`,
    );
  }
  platform.push(...hosts);
  for (let r = 0; r < topology.resourceCount; r++) {
    const latency = r < topology.channelCount ? `<prop id="latency_s" value="${num(topology.channelLatencyS[r])}"/>` : "";
    platform.push(`    <link id="${attr(topology.resourceName(r))}" bandwidth="${num(topology.resourceCapacityBps[r])}Bps" latency="0s">${latency}</link>\n`);
  }
  platform.push(...capLinks, ...routes, "  </zone>\n</platform>\n");
  deployment.push("</platform>\n");
  return { platformXml: platform.join(""), deploymentXml: deployment.join("") };
}

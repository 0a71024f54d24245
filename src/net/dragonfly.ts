// dragonfly: the dragonfly generator (Kim, Dally, Scott, Abts, ISCA 2008): groups of all-to-all routers joined by global links.
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** How flows cross a dragonfly: see {@link DragonflySpec.routing}. */
export type DragonflyRouting = "minimal" | "valiant" | "shortest";

/** Parameters of a dragonfly. */
export interface DragonflySpec {
  /** Hosts per router (p). */
  p: number;
  /** Routers per group (a); the routers of a group are linked all-to-all. */
  a: number;
  /** Global links per router (h). */
  h: number;
  /** Groups (g), 2 … a·h+1; g − 1 must divide a·h (every pair of groups gets a·h/(g−1) global links). */
  g: number;
  hostBandwidthBps: number;
  localBandwidthBps: number;
  globalBandwidthBps: number;
  hostLatencyS: number;
  localLatencyS: number;
  globalLatencyS: number;
  /**
   * `minimal`: at most one global link (local, global, local — the paper's MIN), ECMP over the
   * global links joining the two groups; `valiant`: a flow between groups first goes minimally
   * to an intermediate group chosen by a seeded hash of the flow, then minimally on (VAL);
   * `shortest`: the router's plain hop-count shortest paths, which may cross two global links.
   */
  routing: DragonflyRouting;
  /** Prefix for node ids, to place several fabrics in one scenario (default ""). */
  prefix?: string;
}

/** Node and link counts of a dragonfly, from the formulas. */
export interface DragonflyCounts {
  routers: number;
  hosts: number;
  localLinks: number;
  globalLinks: number;
  /** Global links between each pair of groups. */
  linksPerGroupPair: number;
}

/** The counts of `spec`: routers a·g, hosts p·a·g, local links g·a(a−1)/2, global links g·a·h/2, a·h/(g−1) per pair of groups. */
export function dragonflyCounts(spec: Pick<DragonflySpec, "p" | "a" | "h" | "g">): DragonflyCounts {
  const { p, a, h, g } = spec;
  return { routers: a * g, hosts: p * a * g, localLinks: (g * a * (a - 1)) / 2, globalLinks: (g * a * h) / 2, linksPerGroupPair: (a * h) / (g - 1) };
}

/**
 * The group bisection bandwidth of `spec`, bytes/s each way: the global links between
 * ⌊g/2⌋ groups and the other ⌈g/2⌉, ⌊g/2⌋·⌈g/2⌉·a·h/(g−1) × global bandwidth. For even g
 * this is a bisection (both halves hold p·a·g/2 hosts); it is the network's bisection when
 * no cut through groups is cheaper (local links at least as fast as global ones and a ≥ 3,
 * as in the test's exhaustive check).
 */
export function dragonflyBisectionBps(spec: Pick<DragonflySpec, "p" | "a" | "h" | "g" | "globalBandwidthBps">): number {
  const { g } = spec;
  return Math.floor(g / 2) * Math.ceil(g / 2) * dragonflyCounts(spec).linksPerGroupPair * spec.globalBandwidthBps;
}

/** Id of router `i` of group `group`. */
export function dragonflyRouterId(prefix: string, group: number, i: number): string {
  return `${prefix}r${group}_${i}`;
}

/**
 * The global links of a dragonfly as [group, router, group, router] tuples, group of the
 * first < group of the second, in the order they are built. The arrangement: group i's
 * global ports are numbered k = r·h + j (router r, its j-th global port), and port k leads
 * to the (k mod (g−1))-th of the other groups in increasing order (skipping i). With the
 * maximum g = a·h+1 this is the "absolute" arrangement of BookSim's dragonflynew (port k to
 * group k if k < i, else k+1: one link per pair of groups); with fewer groups the
 * m = a·h/(g−1) links of a pair start from m different routers whenever g−1 ≥ h. Between
 * groups i < t, the l-th port of i's block joins the l-th port of t's block taken
 * round-robin over t's routers, so that no two global links join the same two routers
 * where it can be avoided.
 */
export function dragonflyGlobalLinks(spec: Pick<DragonflySpec, "a" | "h" | "g">): Array<[number, number, number, number]> {
  const { a, h, g } = spec;
  const m = (a * h) / (g - 1);
  const links: Array<[number, number, number, number]> = [];
  for (let i = 0; i < g; i++) {
    for (let t = i + 1; t < g; t++) {
      // t is i's (t−1)-th other group (i is skipped); i is t's i-th.
      const mine = block(t - 1, m, g);
      const theirs = roundRobin(block(i, m, g), h);
      for (let l = 0; l < m; l++) links.push([i, Math.floor(mine[l] / h), t, Math.floor(theirs[l] / h)]);
    }
  }
  return links;
}

/** The m ports of a group leading to its o-th other group: o, o + (g−1), o + 2(g−1), … */
function block(o: number, m: number, g: number): number[] {
  return Array.from({ length: m }, (_, l) => o + l * (g - 1));
}

/** `ports` (port k on router ⌊k/h⌋) reordered round-robin over their routers: the first port of each router, then the second, … */
function roundRobin(ports: number[], h: number): number[] {
  const byRouter = new Map<number, number[]>();
  for (const k of ports) {
    const r = Math.floor(k / h);
    const list = byRouter.get(r);
    if (list) list.push(k);
    else byRouter.set(r, [k]);
  }
  const lists = [...byRouter.values()];
  const out: number[] = [];
  for (let round = 0; out.length < ports.length; round++) for (const list of lists) if (round < list.length) out.push(list[round]);
  return out;
}

/** What is wrong with the dragonfly parameters `spec` ("g: …"), or null when they are valid. */
export function dragonflyProblem(spec: Pick<DragonflySpec, "p" | "a" | "h" | "g">): { key: string; message: string } | null {
  for (const key of ["p", "a", "h", "g"] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1) return { key, message: `${key} must be an integer ≥ 1, found ${v}` };
  }
  const { a, h, g } = spec;
  const max = a * h + 1;
  if (g < 2 || g > max) return { key: "g", message: `g must be between 2 and a·h+1 = ${max} (each group has a·h = ${a * h} global ports), found ${g}` };
  if ((a * h) % (g - 1) !== 0) {
    const fits = divisors(a * h).map((d) => d + 1);
    return {
      key: "g",
      message: `g − 1 = ${g - 1} must divide a·h = ${a * h} so that every pair of groups gets the same number of global links (g may be ${fits.join(", ")})`,
    };
  }
  // With one link per pair of groups no two links can join the same routers; with more, the round-robin may still run out of routers.
  if (a * h > g - 1) {
    const seen = new Set<string>();
    for (const [gi, ri, gt, rt] of dragonflyGlobalLinks(spec)) {
      const key = `${gi},${ri},${gt},${rt}`;
      if (seen.has(key)) {
        return {
          key: "g",
          message: `with g = ${g}, each pair of groups gets a·h/(g−1) = ${(a * h) / (g - 1)} global links, more than the arrangement can spread over distinct routers (routers ${ri} of group ${gi} and ${rt} of group ${gt} would be linked twice); use more groups`,
        };
      }
      seen.add(key);
    }
  }
  return null;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/**
 * Add a dragonfly to `b`. Node ids: routers `r{group}_{i}` (kind "switch"), hosts `h{n}`
 * (kind "host") with n = (group·a + i)·p + port on router i of the group, each prefixed by
 * `prefix`. Links: each host to its router (host bandwidth and latency), every two routers
 * of a group (local), and the global links of {@link dragonflyGlobalLinks}. Returns the host ids.
 */
export function dragonfly(b: TopologyBuilder, spec: DragonflySpec): string[] {
  const problem = dragonflyProblem(spec);
  if (problem) throw new InputError(problem.message);
  const { p, a, g } = spec;
  const pre = spec.prefix ?? "";
  const router = (group: number, i: number) => dragonflyRouterId(pre, group, i);
  const hosts: string[] = [];
  for (let group = 0; group < g; group++) {
    for (let i = 0; i < a; i++) b.addNode({ id: router(group, i), kind: "switch" });
    for (let i = 0; i < a; i++) {
      for (let port = 0; port < p; port++) {
        const host = `${pre}h${(group * a + i) * p + port}`;
        b.addNode({ id: host, kind: "host" });
        b.addLink({ from: host, to: router(group, i), bandwidthBps: spec.hostBandwidthBps, latencyS: spec.hostLatencyS });
        hosts.push(host);
      }
    }
    for (let i = 0; i < a; i++) {
      for (let j = i + 1; j < a; j++) b.addLink({ from: router(group, i), to: router(group, j), bandwidthBps: spec.localBandwidthBps, latencyS: spec.localLatencyS, role: "direct" });
    }
  }
  for (const [gi, ri, gt, rt] of dragonflyGlobalLinks(spec)) {
    b.addLink({ from: router(gi, ri), to: router(gt, rt), bandwidthBps: spec.globalBandwidthBps, latencyS: spec.globalLatencyS, role: "global" });
  }
  return hosts;
}

// DragonflyRoutes: minimal (one global link) and Valiant (through a random intermediate group) routes of the dragonflies of a topology.
import { InputError } from "../core/InputError.js";
import { dragonflyGlobalLinks, dragonflyRouterId, type DragonflySpec } from "./dragonfly.js";
import type { FabricRoutes } from "./FabricRoutes.js";
import { ecmpSalt, mix32 } from "./ecmpHash.js";
import type { Topology } from "./Topology.js";

/** One dragonfly of a topology: its parameters (with its prefix) and routing. */
type Instance = {
  a: number;
  g: number;
  /** Global links per pair of groups. */
  m: number;
  valiant: boolean;
  /** Node number of router i of group q at q·a + i. */
  routers: Int32Array;
  /** For groups (s, d), s ≠ d, their m global links at ((s·g + d)·m + l)·2: [router index in s, router index in d]. */
  links: Int32Array;
};

/** Salts of the two hashed choices of a flow, so they are independent. */
const PICK_GROUP = 0x51ed27;
const PICK_LINK = 0x2c1b3c6d;

/**
 * The {@link FabricRoutes} of the dragonflies of a topology whose routing is `minimal` or
 * `valiant` (Kim, Dally, Scott, Abts, ISCA 2008, §4). Minimal (MIN): from the source's
 * router, a local hop to a router holding a global link to the destination's group (none
 * when the source's router holds one), that global link, and a local hop to the
 * destination's router — at most one global and two local links; among the a·h/(g−1) global
 * links joining the two groups a flow takes one by a seeded hash of its key, as ECMP does.
 * Valiant (VAL): a flow between two groups goes minimally to an intermediate group, one of
 * the g − 2 others chosen by a seeded hash of its key, entering it by its global link from
 * the source's group, then minimally from that router to the destination: two global links
 * and at most three local ones. Flows inside a group take the local link under both (as
 * BookSim's UGAL does); with g = 2 there is no intermediate group and VAL is MIN.
 *
 * A hash rather than a random stream: the choice depends on the run's seed and the flow's
 * key only, so it is the same whatever order flows start in, and a flow rerouted after a
 * failure keeps its intermediate group. Among the global links of a pair, a flow picks
 * among those usable with their local hops; when none is, the pair falls back to the
 * router's shortest paths over the links left.
 */
export class DragonflyRoutes implements FabricRoutes {
  private readonly instances: Instance[] = [];
  /** Instance of each node (-1: in no routed dragonfly). */
  private readonly instanceOf: Int32Array;
  /** For a node of a dragonfly: its router's index q·a + i (a router's own index for a router). */
  private readonly routerOf: Int32Array;

  constructor(
    private readonly topology: Topology,
    dragonflies: readonly DragonflySpec[],
  ) {
    const t = topology;
    this.instanceOf = new Int32Array(t.nodeCount).fill(-1);
    this.routerOf = new Int32Array(t.nodeCount).fill(-1);
    for (const spec of dragonflies) {
      if (spec.routing === "shortest") continue;
      const { p, a, g } = spec;
      const pre = spec.prefix ?? "";
      const k = this.instances.length;
      const node = (id: string) => {
        const n = t.nodeIndex.get(id);
        if (n === undefined) throw new InputError(`dragonfly node "${id}" is missing from the topology`);
        return n;
      };
      const routers = new Int32Array(a * g);
      for (let q = 0; q < g; q++) {
        for (let i = 0; i < a; i++) {
          const r = q * a + i;
          routers[r] = node(dragonflyRouterId(pre, q, i));
          this.instanceOf[routers[r]] = k;
          this.routerOf[routers[r]] = r;
          for (let port = 0; port < p; port++) {
            const host = node(`${pre}h${r * p + port}`);
            this.instanceOf[host] = k;
            this.routerOf[host] = r;
          }
        }
      }
      const m = (spec.a * spec.h) / (g - 1);
      const links = new Int32Array(g * g * m * 2);
      const filled = new Int32Array(g * g);
      for (const [qi, ri, qt, rt] of dragonflyGlobalLinks(spec)) {
        let at = ((qi * g + qt) * m + filled[qi * g + qt]++) * 2;
        links[at] = ri;
        links[at + 1] = rt;
        at = ((qt * g + qi) * m + filled[qt * g + qi]++) * 2;
        links[at] = rt;
        links[at + 1] = ri;
      }
      this.instances.push({ a, g, m, valiant: spec.routing === "valiant", routers, links });
    }
  }

  channels(src: number, dst: number, flowKey: number, seed: number, usable: (channel: number) => boolean): number[] | null {
    const k = this.instanceOf[src];
    if (k < 0 || this.instanceOf[dst] !== k) return null;
    const d = this.instances[k];
    const rs = this.routerOf[src];
    const rd = this.routerOf[dst];
    const salt = ecmpSalt(seed, flowKey);
    const out: number[] = [];
    const hop = (from: number, to: number): boolean => {
      if (from === to) return true;
      const ch = this.topology.channelBetween(from, to);
      if (ch < 0 || !usable(ch)) return false;
      out.push(ch);
      return true;
    };
    if (!hop(src, d.routers[rs])) return null;
    const gs = Math.floor(rs / d.a);
    const gd = Math.floor(rd / d.a);
    if (gs === gd) {
      if (!hop(d.routers[rs], d.routers[rd])) return null;
    } else if (d.valiant && d.g > 2) {
      // The intermediate group: one of the g − 2 groups other than the source's and the destination's.
      let gi = mix32(salt ^ PICK_GROUP) % (d.g - 2);
      if (gi >= Math.min(gs, gd)) gi++;
      if (gi >= Math.max(gs, gd)) gi++;
      const entry = this.toGroup(d, rs, gi, salt, usable, out);
      if (entry < 0 || this.toGroup(d, entry, gd, salt, usable, out) < 0) return null;
      const last = this.topology.channelTo[out[out.length - 1]];
      if (!hop(last, d.routers[rd])) return null;
    } else {
      const entry = this.toGroup(d, rs, gd, salt, usable, out);
      if (entry < 0 || !hop(d.routers[entry], d.routers[rd])) return null;
    }
    return hop(d.routers[rd], dst) ? out : null;
  }

  /**
   * Append to `out` the minimal path from router index `from` into group `to`: a local hop to
   * the gateway of a global link to `to` (none when `from` holds it) and that link, the link
   * picked by the flow's hash among those usable. Returns the router index where the path
   * enters `to`, or -1 when no link is usable.
   */
  private toGroup(d: Instance, from: number, to: number, salt: number, usable: (channel: number) => boolean, out: number[]): number {
    const t = this.topology;
    const gs = Math.floor(from / d.a);
    const base = (gs * d.g + to) * d.m;
    const fromNode = d.routers[from];
    let options = 0;
    const local = new Int32Array(d.m).fill(-1);
    const global = new Int32Array(d.m).fill(-1);
    for (let l = 0; l < d.m; l++) {
      const gw = d.routers[gs * d.a + d.links[(base + l) * 2]];
      const entry = d.routers[to * d.a + d.links[(base + l) * 2 + 1]];
      const lc = gw === fromNode ? -2 : t.channelBetween(fromNode, gw);
      const gc = t.channelBetween(gw, entry);
      if ((lc === -2 || (lc >= 0 && usable(lc))) && gc >= 0 && usable(gc)) {
        local[options] = lc;
        global[options] = gc;
        options++;
      }
    }
    if (options === 0) return -1;
    const pick = options === 1 ? 0 : mix32(salt ^ mix32(PICK_LINK ^ (gs * d.g + to))) % options;
    if (local[pick] >= 0) out.push(local[pick]);
    out.push(global[pick]);
    return this.routerOf[t.channelTo[global[pick]]];
  }
}

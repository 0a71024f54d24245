#!/usr/bin/python3
"""run_simgrid: replay a chokepoint cross-check case (explicit topology, pinned paths) in SimGrid 3.32.

Usage: /usr/bin/python3 bench/simgrid/run_simgrid.py CASE.json OUT.csv [--native] [--cfg=KEY:VALUE ...]

Writes OUT.csv (`id,finish_s`, finish times printed with repr() so they round-trip) and
OUT.csv.json ({"wall_s", "build_s", "run_s", "flows", "simgrid"}; wall_s runs from just
after `import simgrid` to the end of the simulation, so Python start-up, the import and
reading the JSON case are excluded).

How the case maps onto SimGrid, so that CM02 computes plain max-min (docs/design.md):
- one SimGrid link per DIRECTED channel (SHARED policy, the channel's bandwidth,
  latency 0): chokepoint's links are full duplex, two independent channels;
- routes are per host pair in SimGrid and each flow has its own pinned path, so every
  flow gets its own source host in one Star zone, whose "up" route is the flow's pinned
  channels, and all flows end at one shared sink host with an empty "down" route. Memory
  is O(flows + channels); a Full zone would hold a hosts^2 table, and a small Full zone
  per flow makes SimGrid 3.32's platform building quadratic in the number of zones;
- CM02 with every correction factor at 1, weight-S 0, no TCP window cap and no
  cross-traffic; links have zero latency because CM02 divides a flow's share by its
  route latency, so each flow is instead *started* at start + route latency (the sum of
  its channels' latencies, added in path order as chokepoint does);
- surf/precision and maxmin/precision at 1e-12 (SimGrid 3.32 has no precision/timing);
- network/optim:Full (re-solve everything on each event): on these fat-tree cases all
  active flows form one connected sharing system, and Lazy (the default) measured about
  twice as slow for identical results. Extra --cfg=KEY:VALUE arguments are passed to
  SimGrid after these and override them.
With --native, SimGrid's own CM02 sharing is kept instead (chokepoint's `maxmin-rtt`
model): links carry their latencies, flows start at their start time, and SimGrid pays
each route's latency first and then weights each flow's share by 1/route latency.

One actor starts every flow at its time with Comm.sendto_async and finally waits for all
(one actor, not one per flow: the Python binding runs actors as threads). A zero-byte flow
finishes when it arrives, at start + route latency, and is not handed to SimGrid.
"""
import json
import re
import sys
import time

# Unit tables mirroring src/core/units.ts, so that both sides compute number * factor identically.
SIZE_UNITS = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
              "KiB": 1024, "MiB": 1024 ** 2, "GiB": 1024 ** 3, "TiB": 1024 ** 4, "PiB": 1024 ** 5}
RATE_UNITS = {"bps": 1 / 8, "Kbps": 1e3 / 8, "Mbps": 1e6 / 8, "Gbps": 1e9 / 8, "Tbps": 1e12 / 8,
              "Kibps": 1024 / 8, "Mibps": 1024 ** 2 / 8, "Gibps": 1024 ** 3 / 8, "Tibps": 1024 ** 4 / 8,
              "B/s": 1, "KB/s": 1e3, "MB/s": 1e6, "GB/s": 1e9, "TB/s": 1e12,
              "KiB/s": 1024, "MiB/s": 1024 ** 2, "GiB/s": 1024 ** 3, "TiB/s": 1024 ** 4,
              "Bps": 1, "KBps": 1e3, "MBps": 1e6, "GBps": 1e9, "TBps": 1e12}
TIME_UNITS = {"ps": 1e-12, "ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "min": 60, "h": 3600}
TABLES = {"size": SIZE_UNITS, "rate": RATE_UNITS, "time": TIME_UNITS}
QUANTITY = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s?([A-Za-zµ/]+)$")


def quantity(text, kind, where):
    """Parse "10Gbps" / "150000B" / "1us" into bytes/s, bytes or seconds; exit with a message if invalid."""
    m = QUANTITY.match(str(text).strip()) if isinstance(text, str) else None
    factor = TABLES[kind].get(m.group(2)) if m else None
    if factor is None:
        sys.exit(f"run_simgrid: {where}: {text!r} is not a {kind} (use e.g. \"10Gbps\", \"150000B\", \"1us\")")
    return float(m.group(1)) * factor


def read_case(path):
    """The case as (links, flows): links = [(from, to, Bps, latency_s)], flows = [(id, size_bytes, start_s, [nodes])]."""
    with open(path, encoding="utf8") as f:
        case = json.load(f)
    links = []
    for i, l in enumerate(case["topology"]["links"]):
        where = f"topology.links[{i}]"
        links.append((l["from"], l["to"], quantity(l["bandwidth"], "rate", where + ".bandwidth"),
                      quantity(l.get("latency", "0s"), "time", where + ".latency")))
    flows = []
    for i, w in enumerate(case["workloads"]):
        t = w.get("transfer")
        if t is None or "path" not in t:
            sys.exit(f"run_simgrid: workloads[{i}]: only transfers with a pinned path are supported")
        where = f"workloads[{i}].transfer"
        flows.append((str(t["id"]), quantity(t["size"], "size", where + ".size"),
                      quantity(t.get("start", "0s"), "time", where + ".start"), list(t["path"])))
    return links, flows


def simulate(links, flows, extra_cfg, native=False):
    """Run the flows in SimGrid; returns ([finish_s per flow], build_s, run_s)."""
    from simgrid import Actor, Comm, Engine, LinkInRoute, NetZone, this_actor

    t_begin = time.perf_counter()
    cfg = ["network/model:CM02", "network/latency-factor:1", "network/bandwidth-factor:1",
           "network/weight-S:0", "network/TCP-gamma:1e300", "network/crosstraffic:0",
           "surf/precision:1e-12", "maxmin/precision:1e-12", "network/optim:Full"]
    if native:
        # Native CM02 weights shares by 1/latency, so the solver's usage values are of order
        # 1/latency (~1e6 with µs links): an absolute maxmin precision of 1e-12 is below their
        # float resolution and SimGrid aborts ("Cannot saturate more a constraint…"). So does
        # 1e-9 where route latencies differ more (a random graph of 0–47 µs links aborts with a
        # leftover usage of 1.3e-9 beside one of 1.9e4, session 51), so it is 1e-5, whose finish
        # times are bit-identical to 1e-9's on the k=8 fat-tree of simgridNative.test.ts and on
        # a 5 × 3 torus, a Valiant dragonfly and a 3-tier Clos.
        cfg[cfg.index("maxmin/precision:1e-12")] = "maxmin/precision:1e-5"
    engine = Engine(["run_simgrid"] + [f"--cfg={c}" for c in cfg] + extra_cfg + ["--log=root.thres:warning"])
    zone = NetZone.create_star_zone("flows")
    channel = {}  # (from, to) -> (SimGrid link, latency_s)
    for a, b, bps, lat in links:
        for x, y in ((a, b), (b, a)):
            if (x, y) in channel:
                sys.exit(f"run_simgrid: a second link between {x!r} and {y!r}")
            link = zone.create_link(f"{x}->{y}", bps)
            if native:
                link.set_latency(lat)
            channel[(x, y)] = (link.seal(), lat)
    sink = zone.create_host("sink", 1.0).seal()
    zone.add_route(None, sink.netpoint, None, None, [], False)
    starts = []  # (activation time, flow index)
    sources = []
    for i, (fid, size, start, path) in enumerate(flows):
        hops = []
        latency = 0.0
        for x, y in zip(path, path[1:]):
            if (x, y) not in channel:
                sys.exit(f"run_simgrid: flow {fid}: no link between {x!r} and {y!r}")
            link, lat = channel[(x, y)]
            hops.append(LinkInRoute(link))
            latency += lat
        src = zone.create_host(f"f{i}", 1.0).seal()
        zone.add_route(src.netpoint, None, None, None, hops, False)
        sources.append(src)
        # Plain max-min: start after the route latency on zero-latency links. Native CM02:
        # start at the start time; SimGrid pays the latency itself (and a zero-byte flow
        # still finishes at start + latency, recorded below).
        starts.append((start + latency, i) if not native else (start, i, latency))
    zone.seal()
    starts.sort()
    comms = [None] * len(flows)
    finish = [0.0] * len(flows)

    def launcher():
        for entry in starts:
            at, i = entry[0], entry[1]
            if at > Engine.clock:
                this_actor.sleep_until(at)
            if flows[i][1] == 0:
                # A zero-byte comm's finish_time is only set when it is waited for; it finishes on arrival.
                finish[i] = at + (entry[2] if native else 0.0)
            else:
                comms[i] = Comm.sendto_async(sources[i], sink, int(flows[i][1]))
        Comm.wait_all([c for c in comms if c is not None])
        for i, c in enumerate(comms):
            if c is not None:
                finish[i] = c.finish_time

    Actor.create("launcher", sink, launcher)
    t_built = time.perf_counter()
    engine.run()
    t_end = time.perf_counter()
    return finish, t_built - t_begin, t_end - t_built


def main(argv):
    extra_cfg = [a for a in argv[3:] if a.startswith("--cfg=")]
    native = "--native" in argv[3:]
    if len(argv) < 3 or len(extra_cfg) + int(native) != len(argv) - 3:
        sys.exit("usage: /usr/bin/python3 bench/simgrid/run_simgrid.py CASE.json OUT.csv [--native] [--cfg=KEY:VALUE ...]")
    links, flows = read_case(argv[1])
    for fid, size, _, _ in flows:
        if size != int(size) or size < 0:
            sys.exit(f"run_simgrid: flow {fid}: SimGrid sends whole bytes, found {size!r}")
    t0 = time.perf_counter()
    import simgrid
    t_import = time.perf_counter()
    finish, build_s, run_s = simulate(links, flows, extra_cfg, native)
    with open(argv[2], "w", encoding="utf8") as out:
        out.write("id,finish_s\n")
        for (fid, _, _, _), t in zip(flows, finish):
            out.write(f"{fid},{t!r}\n")
    stats = {"wall_s": build_s + run_s, "build_s": build_s, "run_s": run_s, "import_s": t_import - t0,
             "flows": len(flows), "simgrid": simgrid.simgrid_version, "extra_cfg": extra_cfg, "native": native}
    with open(argv[2] + ".json", "w", encoding="utf8") as out:
        json.dump(stats, out)
    print(f"run_simgrid: {len(flows)} flows, build {build_s:.3f} s, run {run_s:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/python3
"""run_events: replay in SimGrid 3.32 a chokepoint maxmin run with capacity events, from the export of its event-free twin.

Usage: /usr/bin/python3 bench/simgrid/run_events.py EXPORT_DIR EVENTS.json FLOWS.csv

`chokepoint export --format simgrid` refuses a scenario with `events` (a SimGrid platform is
static), so this replays one in two steps: EXPORT_DIR is the export of the scenario without its
`events` (the same flows, starts and routes as long as no flow is rerouted: capacity changes and
link or node outages shorter than `routing.convergence`), and EVENTS.json lists the events as
`[[time_s, [link ids], bytes_per_s | 0 | "restore"], ...]`, link ids as platform.xml names them
(`a->b`, `node:x`; a link's event names both directions). 0 takes the links down, "restore"
brings them back at the bandwidth they had. SimGrid applies each with Link.set_bandwidth at its
time, before the flows that start at that instant (chokepoint applies events "after anything
scheduled earlier for that instant"; nothing is re-shared in between). Prints the largest relative
difference of finish times from FLOWS.csv (the `chokepoint run` of the scenario with its events)
and exits 1 above --tolerance (default 1e-9). Two SimGrid 3.32 behaviours are worked around:
- a link set to bandwidth 0 keeps carrying its flows at full speed (the solver ignores a bound of
  0), so a down link is set to 1e-3 B/s: a flow moves less than 1e-5 B through a 10 ms outage;
- CM02 bounds each communication, for its whole life, by the smallest bandwidth of its route at
  the moment it starts (network_cm02.cpp, comm_action_set_bounds), so a flow started while a link is
  reduced or down would stay capped after the link recovers, which chokepoint has no notion of:
  each flow is created with its route's links at the highest bandwidth they ever have (a bound that
  never binds before the links themselves do), and the lowered ones are set back at the same
  instant (the solver runs only when the actor yields).
"""
import csv
import importlib.util
import json
import os
import sys

DOWN_BPS = 1e-3


def main(argv):
    args = argv[1:]
    usage = "usage: /usr/bin/python3 bench/simgrid/run_events.py EXPORT_DIR EVENTS.json FLOWS.csv [--tolerance 1e-9]"
    if not args or args[0].startswith("--") or not os.path.isfile(os.path.join(args[0], "run_simgrid.py")):
        sys.exit(usage + " (EXPORT_DIR: a directory written by chokepoint export --format simgrid)")
    d = args[0]
    # The export's own driver loads it and reads --tolerance (by path: bench/simgrid/run_simgrid.py has the same module name).
    spec = importlib.util.spec_from_file_location("export_run_simgrid", os.path.join(d, "run_simgrid.py"))
    driver = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(driver)
    tolerance = driver.take_tolerance(args, usage)
    if len(args) != 3:
        sys.exit(usage)
    _d, events_path, flows_csv = args
    from simgrid import Actor, Comm, Engine, Link, this_actor

    engine, hosts, flows = driver.load_export(d, "run_events")
    sink = hosts["sink"]
    with open(events_path, encoding="utf8") as f:
        events = json.load(f)
    peak = {l.name: l.bandwidth for l in engine.all_links}
    for _t, links, bps in events:
        for name in links:
            if name not in peak:
                sys.exit(f"run_events: no link {name!r} in {d}/platform.xml")
            if isinstance(bps, (int, float)):
                peak[name] = max(peak[name], bps)
    # One timeline, events before the flows of the same instant.
    timeline = sorted([(e[0], 0, k) for k, e in enumerate(events)] + [(f[2], 1, i) for i, f in enumerate(flows)])
    finish = [0.0] * len(flows)
    comms = [None] * len(flows)
    before_down = {}

    def launcher():
        for at, kind, i in timeline:
            if at > Engine.clock:
                this_actor.sleep_until(at)
            if kind == 0:
                _t, links, bps = events[i]
                for name in links:
                    link = Link.by_name(name)
                    if bps == "restore":
                        link.set_bandwidth(before_down.pop(name))
                    elif bps == 0:
                        before_down[name] = link.bandwidth
                        link.set_bandwidth(DOWN_BPS)
                    else:
                        link.set_bandwidth(bps)
                continue
            _fid, size, _at, host = flows[i]
            if host == "sink":
                finish[i] = at  # nothing to send or nothing to share: done on arrival
                continue
            lowered = [(l, l.bandwidth) for l in hosts[host].route_to(sink)[0] if l.bandwidth < peak[l.name]]
            for l, _bps in lowered:
                l.set_bandwidth(peak[l.name])
            comms[i] = Comm.sendto_async(hosts[host], sink, size)
            for l, bps in lowered:
                l.set_bandwidth(bps)
        Comm.wait_all([c for c in comms if c is not None])
        for i, c in enumerate(comms):
            if c is not None:
                finish[i] = c.finish_time

    Actor.create("launcher", sink, launcher)
    engine.run()
    with open(flows_csv, encoding="utf8") as f:
        ours = {r["id"]: float(r["finish_s"] or "nan") for r in csv.DictReader(f)}
    worst, worst_id = 0.0, ""
    for (fid, _, _, _), t in zip(flows, finish):
        ref = ours.get(fid, float("nan"))
        err = 0.0 if ref == t else abs(t - ref) / abs(ref) if ref == ref else float("inf")
        if not err <= worst:
            worst, worst_id = err, fid
    print(f"run_events: {len(flows)} flows, {len(events)} events; largest relative difference from chokepoint {worst:.3e}"
          + (f" (flow {worst_id})" if worst_id else "") + f"; tolerance {tolerance:g}")
    sys.exit(0 if worst <= tolerance else 1)


if __name__ == "__main__":
    main(sys.argv)

// simgridDriver: the Python script `chokepoint export --format simgrid` writes beside the platform — it runs the export in SimGrid 3.32 and compares with chokepoint.

/**
 * `run_simgrid.py`: loads `platform.xml` with SimGrid's own parser (its `<config>` sets the
 * CM02 model), reads the flows of `deployment.xml`, starts each at its `activation_s` from one
 * launcher actor (one actor, not one per flow: the Python binding runs actors as threads —
 * a C++ program may instead register a `flow` function and load the deployment), writes
 * `simgrid.csv` (`id,finish_s`, repr() so values round-trip) and compares with
 * `chokepoint.csv`: prints the largest relative difference of finish times and exits 1
 * above the tolerance (default 1e-9). Same replay as bench/simgrid/run_simgrid.py.
 */
export const SIMGRID_DRIVER = `#!/usr/bin/python3
"""run_simgrid.py: run a chokepoint export in SimGrid 3.32 (Debian's python3-simgrid) and compare.

Usage: /usr/bin/python3 run_simgrid.py [DIR] [--tolerance 1e-9]

Reads DIR/platform.xml (SimGrid's parser; its <config> block selects CM02 with every
correction factor at 1, no TCP window cap, no cross-traffic) and DIR/deployment.xml (one
actor per flow: id, size_bytes, activation_s, start_s), starts each flow at activation_s
(start + route latency: links have latency 0, so CM02's 1/latency weighting never applies),
writes DIR/simgrid.csv (id,finish_s) and compares with DIR/chokepoint.csv, chokepoint's own
finish times: exit 1 when a flow differs by more than the tolerance (relative).
Written by chokepoint export; see chokepoint's docs/export.md.
"""
import os
import sys
import xml.etree.ElementTree as ET


def load_export(d, name):
    """The export in DIR d loaded into a SimGrid engine named name: (engine, hosts by name, flows as
    (id, size_bytes, activation_s, host) in deployment order). bench/simgrid/run_events.py loads
    an export through this too."""
    from simgrid import Engine

    engine = Engine([name, "--log=root.thres:warning"])
    engine.load_platform(os.path.join(d, "platform.xml"))
    hosts = {h.name: h for h in engine.all_hosts}
    flows = []
    for actor in ET.parse(os.path.join(d, "deployment.xml")).getroot().iter("actor"):
        fid, size, activation, _start = [a.get("value") for a in actor.iter("argument")]
        flows.append((fid, int(float(size)), float(activation), actor.get("host")))
    return engine, hosts, flows


def take_tolerance(args, usage):
    """Remove --tolerance X from args and return X (default 1e-9); exit with one sentence when X is
    missing or not a non-negative number. bench/simgrid/run_events.py reads its option through this too."""
    if "--tolerance" not in args:
        return 1e-9
    k = args.index("--tolerance")
    text = args[k + 1] if k + 1 < len(args) else None
    try:
        tolerance = float(text)
    except (TypeError, ValueError):
        tolerance = float("nan")
    if not tolerance >= 0 or tolerance == float("inf"):
        sys.exit(f"--tolerance: expected a non-negative relative difference such as 1e-9, got {text!r}; {usage}")
    del args[k:k + 2]
    return tolerance


def main(argv):
    args = argv[1:]
    usage = "usage: /usr/bin/python3 run_simgrid.py [DIR] [--tolerance 1e-9]"
    tolerance = take_tolerance(args, usage)
    if len(args) > 1:
        sys.exit(usage)
    d = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    from simgrid import Actor, Comm, Engine, this_actor

    engine, hosts, flows = load_export(d, "run_simgrid")
    sink = hosts["sink"]
    order = sorted(range(len(flows)), key=lambda i: (flows[i][2], i))
    finish = [0.0] * len(flows)
    comms = [None] * len(flows)

    def launcher():
        for i in order:
            _fid, size, at, host = flows[i]
            if at > Engine.clock:
                this_actor.sleep_until(at)
            if host == "sink":
                finish[i] = at  # nothing to send or nothing to share: done on arrival
            else:
                comms[i] = Comm.sendto_async(hosts[host], sink, size)
        Comm.wait_all([c for c in comms if c is not None])
        for i, c in enumerate(comms):
            if c is not None:
                finish[i] = c.finish_time

    Actor.create("launcher", sink, launcher)
    engine.run()
    with open(os.path.join(d, "simgrid.csv"), "w", encoding="utf8") as out:
        out.write("id,finish_s\\n")
        for (fid, _, _, _), t in zip(flows, finish):
            out.write(f"{fid},{t!r}\\n")
    ours = {}
    with open(os.path.join(d, "chokepoint.csv"), encoding="utf8") as f:
        header = f.readline().rstrip("\\n").split(",")
        for line in f:
            cells = line.rstrip("\\n").split(",")
            ours[cells[0]] = float(cells[header.index("finish_s")] or "nan")
    worst, worst_id, unfinished = 0.0, "", 0
    for (fid, _, _, _), t in zip(flows, finish):
        ref = ours.get(fid, float("nan"))
        if ref != ref:
            unfinished += 1  # the chokepoint run stopped before this flow finished
            continue
        err = 0.0 if ref == t else abs(t - ref) / abs(ref) if ref != 0 else float("inf")
        if not err <= worst:
            worst, worst_id = err, fid
    print(f"run_simgrid: {len(flows)} flows; largest relative difference from chokepoint {worst:.3e}"
          + (f" (flow {worst_id})" if worst_id else "") + f"; tolerance {tolerance:g}"
          + (f"; {unfinished} flows unfinished in chokepoint's run, not compared" if unfinished else ""))
    sys.exit(0 if worst <= tolerance else 1)


if __name__ == "__main__":
    main(sys.argv)
`;

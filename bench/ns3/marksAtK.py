#!/usr/bin/python3
"""marksAtK: whether ns-3 marked a short DCTCP flow, against how long its route's queues stood at K or more while it ran.

Usage: python3 bench/ns3/marksAtK.py NS3_DIR NAME LONE_FLOWS.csv [MAX_BYTES]

Reads NS3_DIR/NAME.ns3.txt (its `ecnk` is K), NAME.ns3.csv.levels.csv (`option tracesample DT`) and NAME.ns3.csv.states.csv
(`option tracestates 1`; a flow is *marked* once it leaves CA_OPEN: DCTCP's CA_CWR on its first ECE) from a traced run of
bench/ns3/flows.cc, and the model's lone FCTs (LONE_FLOWS.csv, the flows run alone, bench/ns3/README.md session 54). For each
flow below MAX_BYTES (default 100000): f_h = the fraction of the samples of hop h of its route at K or more over [start,
start + lone FCT] (the queue in time, its own packets included), P = 1 − Π_h (1 − f_h); prints the flows marked against
Σ P and by bands of P (a model that marks a flow's rounds from the port's queue at that instant against K would give these).
"""
import csv
import sys

import numpy as np

from waitsAtPorts import ecn_k_packets, first_cut_times, read_case


def main():
    ns3dir, name, lone_path = sys.argv[1:4]
    max_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
    case = f"{ns3dir}/{name}.ns3.txt"
    k = ecn_k_packets(case)
    flows = {i: (f["start"], f["path"]) for i, f in read_case(case)[0].items() if f["size"] < max_bytes}
    path = f"{ns3dir}/{name}.ns3.csv.levels.csv"
    header = open(path).readline().strip().split(",")
    q = np.loadtxt(path, delimiter=",", skiprows=1)
    dt = q[1, 0] - q[0, 0]
    lone = {r["id"]: float(r["fct_s"]) for r in csv.DictReader(open(lone_path))}
    marked = set(first_cut_times(f"{ns3dir}/{name}.ns3.csv.states.csv"))
    p, y = [], []
    for i, (start, route) in flows.items():
        if i not in lone:
            continue
        a, b = int(start / dt), int(np.ceil((start + lone[i]) / dt)) + 1
        at_k = [np.mean(q[a:b, header.index(f"{u}>{v}")] >= k) for u, v in zip(route, route[1:])]
        p.append(1 - np.prod([1 - x for x in at_k]))
        y.append(i in marked)
    p, y = np.array(p), np.array(y)
    print(f"{name} (K = {k:g}): {int(y.sum())} of {len(y)} flows below {max_bytes} B marked; Σ P = {p.sum():.1f}")
    for lo, hi in ((0, 0.01), (0.01, 0.2), (0.2, 0.5), (0.5, 0.9), (0.9, 1.01)):
        s = (p >= lo) & (p < hi)
        print(f"  P in [{lo:.2f}, {min(hi, 1):.2f}): {int(s.sum())} flows, {int(y[s].sum())} marked")


if __name__ == "__main__":
    main()

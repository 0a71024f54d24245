#!/usr/bin/python3
"""waitsAtPorts: what queue short flows' packets found at each port of their route in a traced ns-3 run, and whose packets made it.

Usage: python3 bench/ns3/waitsAtPorts.py NS3_DIR NAME LONE_FLOWS.csv MODEL_DIR [MAX_BYTES]

NS3_DIR holds NAME.ns3.txt (run with `option tracepkts B`, `option tracesample DT` and `option tracestates 1`, B > MAX_BYTES)
and its outputs NAME.ns3.csv, NAME.ns3.links.csv, NAME.ns3.csv.{pkts,levels,states}.csv (bench/ns3/flows.cc). LONE_FLOWS.csv:
the model's flows.csv for the same flows run alone (a flow's wait = its FCT − that lone FCT, bench/ns3/README.md, session 54).
MODEL_DIR: the model's run of the case as cased with `report: {interval}` (flows.csv with queueing_s, timeseries.csv).
MAX_BYTES (default 100000): flows below it are the short ones.

A packet's wait at a port = the wire bytes queued ahead of it there (found_bytes, the packet on the wire not counted) × 8 /
rate. A flow's *chain* = the packets its FCT is made of, found from the trace's times: its last data packet to arrive, the
ACK that clocked it out (the latest to reach the sender by its send; ACK j answers the j-th data arrival, ACKs keep their
order at every port), that ACK's data packet, … down to the first flight, then the SYN-ACK and the SYN; each data packet
forward and each ACK back. Its *rounds* = its data packets on the chain; rounds beyond the lone flow's (slow start, an ACK
per segment: packet k ≥ IW goes out on the ACK of packet (k − IW) // 2) × the base RTT = `extra` (window cuts).
Each wait is split over the flows whose packets were queued ahead (`held`, by packets: a data packet 1502 B, an ACK 58 B),
each held flow c in one class at that instant:
  own    — the flow itself;
  ff     — c's first flight (its lowest queued sequence number below IW·MSS + 1): (c) first flights that meet;
  ss     — c's later slow-start packets (c's first window cut, its first non-CA_OPEN state, is after the packets were
           sent: after now − the wait found − c's one-way base delay): (b) a slow-start overshoot;
  steady — c's packets sent after its first cut (DCTCP's standing queue and sawtooth): (a);
  ack    — c's ACKs (no data queued);
  other  — packets of no flow.
Prints per hop of the route the queue found (SYN, first data packet) against the port's time mean and the model's queue
there at the flow's start (timeseries.csv, the interval holding the start; packets of 1502 B); the chain's wait and the
extra rounds against the measured wait; each class's share of the chain and its covariance share of the wait's variance
(cov(class sum, wait) / var(wait): the shares and the residual's sum to 1); the chain per hop and class; the model's own
queues read at the chain's ports and instants (what the model lays there then) and the part of the chain above K; and the
model's wait and queueing_s on the same flows. Then the flows by what ns-3 did to them (marked:
entered CA_CWR; more rounds than alone): their waits in both simulators and the share of var(wait) between the groups.
Writes NAME.perflow.csv (one row per flow) in the working directory.
"""
import csv
import sys
from collections import defaultdict

import numpy as np

IW, MSS = 10, 1448
DATA_WIRE, ACK_WIRE = 1502, 58
CLASSES = ["own", "ff", "ss", "steady", "ack", "other"]


def read_case(path):
    """Flows {id: dict(src, dst, size, start, path)}, channel rates {(a, b): bps}, delays {(a, b): s}."""
    flows, rate, delay = {}, {}, {}
    for line in open(path):
        f = line.split("#")[0].split()
        if not f:
            continue
        if f[0] == "link":
            for a, b in ((f[1], f[2]), (f[2], f[1])):
                rate[(a, b)] = float(f[3])
                delay[(a, b)] = float(f[4])
        elif f[0] == "flow":
            flows[f[1]] = dict(src=f[2], dst=f[3], size=int(f[4]), start=float(f[5]), path=f[7].split(",") if len(f) > 7 else [f[2], f[3]])
    return flows, rate, delay


def ecn_k_packets(path):
    """The case's marking threshold K in packets (its `option ecnk`), or infinity when it marks nothing."""
    return next((float(l.split()[2]) for l in open(path) if l.split()[:2] == ["option", "ecnk"]), float("inf"))


def one_way_s(path, rate, delay, wire):
    return sum(delay[(a, b)] + wire * 8 / rate[(a, b)] for a, b in zip(path, path[1:]))


def first_cut_times(path):
    """Each flow's first congestion state other than CA_OPEN (DCTCP's first window cut), s."""
    cut = {}
    for r in csv.DictReader(open(path)):
        if r["state"] != "CA_OPEN" and r["id"] not in cut:
            cut[r["id"]] = float(r["time_s"])
    return cut


def quant(a, p):
    return float(np.quantile(np.asarray(a, float), p)) if len(a) else float("nan")


def main():
    ns3dir, name, lone_path, model_dir = sys.argv[1:5]
    max_bytes = int(sys.argv[5]) if len(sys.argv) > 5 else 100000
    flows, rate, delay = read_case(f"{ns3dir}/{name}.ns3.txt")
    k_packets = ecn_k_packets(f"{ns3dir}/{name}.ns3.txt")
    out = f"{ns3dir}/{name}.ns3.csv"
    fct = {r["id"]: float(r["finish_s"]) - float(r["start_s"]) for r in csv.DictReader(open(out))}
    lone = {r["id"]: float(r["fct_s"]) for r in csv.DictReader(open(lone_path))}
    lone_queueing = {r["id"]: float(r["queueing_s"]) for r in csv.DictReader(open(lone_path))}
    mean_q = {(r["from"], r["to"]): float(r["mean_queue_packets"]) for r in csv.DictReader(open(f"{ns3dir}/{name}.ns3.links.csv"))}
    cut = first_cut_times(f"{out}.states.csv")
    base_ow = {i: one_way_s(f["path"], rate, delay, DATA_WIRE) for i, f in flows.items()}
    short = [i for i, f in flows.items() if f["size"] < max_bytes and i in lone]

    def classify(c, n, seq, now, wait_s):
        if c == "-":
            return "other"
        if seq < 0:
            return "ack"
        if seq < IW * MSS + 1:
            return "ff"
        sent_before = now - wait_s - base_ow[c]
        return "ss" if cut.get(c, float("inf")) > sent_before else "steady"

    # Per short flow: its packets' rows in time order.
    rows = defaultdict(list)
    short_set = set(short)
    for r in csv.DictReader(open(f"{out}.pkts.csv")):
        if r["id"] in short_set:
            rows[r["id"]].append(r)

    def leaves(r, wire):
        """When a packet entering a port at row r reaches the next node: its wait, its own transmission, the link's delay."""
        a, b = r["from"], r["to"]
        return float(r["time_s"]) + (int(r["found_bytes"]) + wire) * 8 / rate[(a, b)] + delay[(a, b)]

    def split(r, me):
        """One packet's wait at one port (s) and its split by class."""
        now, rt = float(r["time_s"]), rate[(r["from"], r["to"])]
        wait = int(r["found_bytes"]) * 8 / rt
        parts = dict.fromkeys(CLASSES, 0.0)
        if not r["held"]:
            return wait, parts
        held = [h.split(":") for h in r["held"].split(";")]
        weights = [(c, int(n), int(s), int(n) * (DATA_WIRE if int(s) >= 0 else ACK_WIRE)) for c, n, s in held]
        total = sum(w for *_, w in weights)
        for c, n, s, w in weights:
            cls = "own" if c == me else classify(c, n, s, now, wait)
            parts[cls] += wait * w / total
        return wait, parts

    # The model's queue per port and interval (timeseries.csv; a port with no row moved no bytes then: no queue).
    model_q, interval = {}, None
    for r in csv.DictReader(open(f"{model_dir}/timeseries.csv")):
        if r["scope"] != "link":
            continue
        if interval is None:
            interval = float(r["interval_end_s"]) - float(r["interval_start_s"])
        a, b = r["name"].split("->")
        model_q[(round(float(r["interval_start_s"]) / interval), a, b)] = float(r["queue_mean_bytes"]) / DATA_WIRE
    hop_model = defaultdict(list)
    by_hop = defaultdict(float)  # (hop from the source d0…, or "ack" for the way back, class) → chain wait summed over flows, s
    hop_syn = defaultdict(list)  # hop index from the source → [(found packets, port mean)]
    hop_first = defaultdict(list)
    per_flow = {}
    for i in short:
        f = flows[i]
        ports = list(zip(f["path"], f["path"][1:]))
        rr = rows[i]
        syn = [r for r in rr if r["dir"] == "d" and "S" in r["flags"]]
        for h, (a, b) in enumerate(ports):
            hop_model[h].append(model_q.get((int(f["start"] / interval), a, b), 0.0))
        synack = [r for r in rr if r["dir"] == "a" and "S" in r["flags"]]
        for r in syn[: len(ports)]:
            h = ports.index((r["from"], r["to"])) if (r["from"], r["to"]) in ports else -1
            hop_syn[h].append((int(r["found_packets"]), mean_q[(r["from"], r["to"])]))
        # Data packets by first transmission, with their per-port rows.
        data = defaultdict(list)
        for r in rr:
            if r["dir"] == "d" and int(r["payload_bytes"]) > 0:
                data[int(r["seq"])].append(r)
        seqs = sorted(data)
        for r in data[seqs[0]][: len(ports)] if seqs else []:
            h = ports.index((r["from"], r["to"])) if (r["from"], r["to"]) in ports else -1
            hop_first[h].append((int(r["found_packets"]), mean_q[(r["from"], r["to"])]))
        # Pure ACKs: the sink's ACKs keep their order at every port (FIFO), so ACK j is the j-th row at each port.
        by_port = defaultdict(list)
        for r in rr:
            if r["dir"] == "a" and "S" not in r["flags"] and int(r["payload_bytes"]) == 0:
                by_port[(r["from"], r["to"])].append(r)
        ack_groups = defaultdict(list)
        for rs in by_port.values():
            for j, r in enumerate(rs):
                ack_groups[j].append(r)
        acks = [ack_groups[j] for j in range(len(ack_groups))]
        ack_at = [leaves(g[-1], ACK_WIRE) if g and g[-1]["to"] == f["src"] else float("inf") for g in acks]
        # Data transmissions: a new one at each row leaving the source; each ends at the row into the sink.
        sends = []  # (send time, arrival at the sink, rows)
        for seq in seqs:
            for r in data[seq]:
                if r["from"] == f["src"]:
                    sends.append([float(r["time_s"]), float("inf"), []])
                if sends:
                    sends[-1][2].append(r)
                    if r["to"] == f["dst"]:
                        sends[-1][1] = leaves(r, DATA_WIRE)
        arrived = sorted((x for x in sends if x[1] < float("inf")), key=lambda x: x[1])
        # The chain: the last arrival, the ACK that clocked it out (the latest to reach the sender by its send), the data
        # packet that ACK answers (ACK j ↔ the j-th arrival), … down to the first flight, then the SYN-ACK and the SYN.
        total = dict.fromkeys(CLASSES, 0.0)
        wait_sum = 0.0

        at_model = above_k = 0.0

        def add(rs):
            nonlocal wait_sum, at_model, above_k
            for r in rs:
                w, parts = split(r, i)
                wait_sum += w
                port = (r["from"], r["to"])
                hop = f"d{ports.index(port)}" if port in ports else "ack"
                for c in CLASSES:
                    total[c] += parts[c]
                    by_hop[(hop, c)] += parts[c]
                rt = rate[(r["from"], r["to"])]
                at_model += model_q.get((int(float(r["time_s"]) / interval), r["from"], r["to"]), 0.0) * DATA_WIRE * 8 / rt
                above_k += max(0, int(r["found_bytes"]) - k_packets * DATA_WIRE) * 8 / rt

        add(syn[: len(ports)])
        add(synack[: len(ports)])
        rounds = 0
        x = arrived[-1] if arrived else None
        while x is not None:
            rounds += 1
            add(x[2])
            j = int(np.searchsorted(ack_at, x[0] + 1e-9, side="right")) - 1 if ack_at else -1
            # ack_at is in ACK order and ACKs arrive in order, so it is sorted.
            if j < 0 or j >= len(arrived):
                break
            add(acks[j])
            x = arrived[j]
        lone_rounds, k = 0, len(seqs) - 1
        while k >= 0:
            lone_rounds += 1
            k = (k - IW) // 2 if k >= IW else -1
        base_rtt = base_ow[i] + one_way_s(f["path"][::-1], rate, delay, ACK_WIRE)
        retx = len(sends) - len(seqs)
        per_flow[i] = dict(wait=fct[i] - lone[i], chain=wait_sum, at_model=at_model, above_k=above_k, rounds=rounds, extra=(rounds - lone_rounds) * base_rtt, retx=retx, **total, start=f["start"], size=f["size"], hops=len(ports))

    print(f"{name}: {len(short)} flows below {max_bytes} B")
    print("queue found (packets, own flow's counted) against the port's time mean, by hop from the source:")
    print(" hop    n   SYN p50/mean/p90  | first data p50/mean/p90 | port mean (avg over flows) | P(SYN finds 0) | model at start p50/mean/p90, P(0)")
    for h in sorted(hop_syn):
        s = [x for x, _ in hop_syn[h]]
        m = [y for _, y in hop_syn[h]]
        d = [x for x, _ in hop_first.get(h, [])]
        print(f" {h:3d} {len(s):4d}  {quant(s, .5):5.1f} {np.mean(s):5.1f} {quant(s, .9):5.1f}   |  {quant(d, .5):5.1f} {np.mean(d) if d else float('nan'):5.1f} {quant(d, .9):5.1f}       |  {np.mean(m):6.2f}                  | {np.mean([x == 0 for x in s]):.2f}           | {quant(hop_model[h], .5):5.1f} {np.mean(hop_model[h]):5.1f} {quant(hop_model[h], .9):5.1f} {np.mean([x == 0 for x in hop_model[h]]):.2f}")

    W = np.array([p["wait"] for p in per_flow.values()]) * 1e6
    C = np.array([p["chain"] for p in per_flow.values()]) * 1e6
    E = np.array([p["extra"] for p in per_flow.values()]) * 1e6
    R = np.array([p["rounds"] for p in per_flow.values()])
    X = C + E
    print(f"wait µs (FCT − lone model FCT): p10/p50/p90/mean {quant(W, .1):.1f} / {quant(W, .5):.1f} / {quant(W, .9):.1f} / {W.mean():.1f}")
    print(f"chain's queueing µs:            p10/p50/p90/mean {quant(C, .1):.1f} / {quant(C, .5):.1f} / {quant(C, .9):.1f} / {C.mean():.1f}")
    print(f"rounds beyond the lone flow's × base RTT µs: mean {E.mean():.1f}, flows with more rounds {int((E > 0).sum())}, fewer {int((E < 0).sum())};"
          f" chain rounds p50/max {np.median(R):.0f}/{R.max()}; flows retransmitting {sum(p['retx'] > 0 for p in per_flow.values())}")
    for tag, x in (("chain", C), ("chain + extra rounds", X)):
        cc = np.corrcoef(x, W)[0, 1]
        print(f"  wait against {tag}: corr {cc:.3f}, R² {cc * cc:.3f}, slope {np.cov(x, W)[0, 1] / x.var(ddof=1):.2f}, mean residual {np.mean(W - x):.1f} µs")
    vw = W.var(ddof=1)
    print(" class   mean µs  share of chain  cov share of var(wait)  p50 / p90 µs  flows with > 10 µs")
    for c in CLASSES + ["extra"]:
        x = np.array([p[c] for p in per_flow.values()]) * 1e6
        print(f" {c:7s} {x.mean():7.1f}  {x.mean() / C.mean():6.2f}          {np.cov(x, W)[0, 1] / vw:6.3f}                  {quant(x, .5):5.1f} / {quant(x, .9):5.1f}   {int((x > 10).sum())}")
    print(f" residual (wait − chain − extra) cov share {np.cov(W - X, W)[0, 1] / vw:.3f}")
    hops = sorted({h for h, _ in by_hop}, key=lambda h: (h == "ack", h))
    print(" chain wait per flow by hop, µs: " + "  ".join(f"{h}: " + " ".join(f"{c} {by_hop[(h, c)] / len(per_flow) * 1e6:.1f}" for c in CLASSES[:4]) for h in hops))
    M = np.array([p["at_model"] for p in per_flow.values()]) * 1e6
    own = np.array([p["own"] for p in per_flow.values()]) * 1e6
    A = np.array([p["above_k"] for p in per_flow.values()]) * 1e6
    print(f"the model's queues at the chain's ports and instants (timeseries, {interval * 1e6:g} µs): mean {M.mean():.1f} µs, p50 {np.median(M):.1f};"
          f" cov share of var(wait) {np.cov(M, W)[0, 1] / vw:.3f}; corr with the ns-3 chain {np.corrcoef(M, C)[0, 1]:.3f}")
    print(f"  ns-3 chain − that: mean {np.mean(C - M):.1f} µs, cov share {np.cov(C - M, W)[0, 1] / vw:.3f}; of the chain, the part above K"
          f" ({k_packets:g} packets): mean {A.mean():.1f} µs, cov share {np.cov(A, W)[0, 1] / vw:.3f}, flows with > 10 µs {int((A > 10).sum())}")
    # The model on the same flows.
    model = {r["id"]: r for r in csv.DictReader(open(f"{model_dir}/flows.csv"))}
    MQ = np.array([float(model[i]["queueing_s"]) for i in per_flow]) * 1e6
    MW = np.array([float(model[i]["fct_s"]) - lone[i] for i in per_flow]) * 1e6
    print(f"model: wait µs p10/p50/p90/mean {quant(MW, .1):.1f} / {quant(MW, .5):.1f} / {quant(MW, .9):.1f} / {MW.mean():.1f};"
          f" queueing_s µs p10/p50/p90/mean {quant(MQ, .1):.1f} / {quant(MQ, .5):.1f} / {quant(MQ, .9):.1f} / {MQ.mean():.1f}")
    print(f"  corr(model wait, ns-3 wait) {np.corrcoef(MW, W)[0, 1]:.3f}; corr(model queueing_s, ns-3 chain) {np.corrcoef(MQ, C)[0, 1]:.3f}")
    for tag, arr in (("ns-3 wait", W), ("ns-3 chain", C), ("model wait", MW), ("model queueing", MQ)):
        print(f"  {tag:15s} median/mean {np.median(arr) / arr.mean():.2f}  sd/mean {arr.std() / arr.mean():.2f}")
    marked = np.array([i in cut for i in per_flow])
    for tag, grp in (("marked (CA_CWR)", marked), ("more rounds than alone", E > 0)):
        between = grp.mean() * (1 - grp.mean()) * (W[grp].mean() - W[~grp].mean()) ** 2 / W.var()
        print(f"{tag}: {int(grp.sum())} of {len(W)} flows, {W[grp].sum() / W.sum():.2f} of the summed wait; share of var(wait) between the groups"
              f" {between:.3f}; wait µs mean / p50, ns-3 {W[grp].mean():.1f} / {np.median(W[grp]):.1f} against {W[~grp].mean():.1f} / {np.median(W[~grp]):.1f},"
              f" model {MW[grp].mean():.1f} / {np.median(MW[grp]):.1f} against {MW[~grp].mean():.1f} / {np.median(MW[~grp]):.1f}")
    lone_q = np.array([lone_queueing[i] for i in per_flow]) * 1e6
    beyond = MW - (MQ - lone_q)  # the model's wait outside its queueing_s (beyond the lone flow's)
    for tag, grp in (("more rounds", E > 0), ("marked, no more rounds", marked & (E == 0)), ("unmarked", ~marked)):
        print(f"  {tag}: {int(grp.sum())} flows, wait µs mean ns-3 {W[grp].mean():.1f}, model {MW[grp].mean():.1f}; the model's wait outside its"
              f" queueing {beyond[grp].mean():.1f} (> 10 µs on {int((beyond[grp] > 10).sum())})")
    print(f"  model queueing_s µs mean, more rounds / the rest: {MQ[E > 0].mean():.1f} / {MQ[E == 0].mean():.1f}; the model's queues at ns-3's chain"
          f" {M[E > 0].mean():.1f} / {M[E == 0].mean():.1f}; ns-3's chain less own {(C - own)[E > 0].mean():.1f} / {(C - own)[E == 0].mean():.1f}")
    with open(f"{name}.perflow.csv", "w") as fo:
        w = csv.writer(fo)
        w.writerow(["id", "size", "start_s", "hops", "wait_us", "chain_us", *[c + "_us" for c in CLASSES], "rounds", "extra_us", "retx", "at_model_us", "above_k_us", "model_wait_us", "model_queueing_us"])
        for (i, p), mw, mq in zip(per_flow.items(), MW, MQ):
            w.writerow([i, p["size"], p["start"], p["hops"], f"{p['wait'] * 1e6:.3f}", f"{p['chain'] * 1e6:.3f}", *[f"{p[c] * 1e6:.3f}" for c in CLASSES], p["rounds"], f"{p['extra'] * 1e6:.3f}", p["retx"], f"{p['at_model'] * 1e6:.3f}", f"{p['above_k'] * 1e6:.3f}", f"{mw:.3f}", f"{mq:.3f}"])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""levelsInTime: the shape in time of ns-3's queue at each port (a traced run's samples) against the model's mean and p99 there.

Usage: python3 bench/ns3/levelsInTime.py NS3_DIR NAME MODEL_DIR [K_PACKETS] [TOP]

Reads NS3_DIR/NAME.ns3.csv.levels.csv (bench/ns3/flows.cc with `option tracesample DT`: every channel's queue in packets
every DT) and NAME.ns3.links.csv, and MODEL_DIR/links.csv (the model's run of the case). For the TOP (default 20) ports by
ns-3's time mean: ns-3's mean (from the samples, and links.csv's exact one), p50 / p90 / p99 over time, the fraction of time
empty and at K or more, and the share of the queue's time integral held while it is above twice its mean (how much of the
mean a few bursts make), the lag at which its autocorrelation falls to ½; then the model's mean and p99 at the same port,
in packets of 1502 B. With MODEL_DIR/timeseries.csv (`report: {interval}`): ns-3's samples averaged over the model's
intervals against the model's queue then — their correlation, and ns-3's mean and sd where the model holds a queue and where
it holds none (is ns-3's queue on when the model's is, and how much does it swing within).
"""
import csv
import sys

import numpy as np

DATA_WIRE = 1502


def main():
    ns3dir, name, model_dir = sys.argv[1:4]
    k = float(sys.argv[4]) if len(sys.argv) > 4 else float("nan")
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    path = f"{ns3dir}/{name}.ns3.csv.levels.csv"
    with open(path) as f:
        header = f.readline().strip().split(",")[1:]
    q = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)[:, 1:]
    exact = {(r["from"], r["to"]): float(r["mean_queue_packets"]) for r in csv.DictReader(open(f"{ns3dir}/{name}.ns3.links.csv"))}
    model = {(r["from"], r["to"]): r for r in csv.DictReader(open(f"{model_dir}/links.csv"))}
    means = q.mean(axis=0)
    order = np.argsort(-means)[:top]
    print(f"{name}: {q.shape[0]} samples of {q.shape[1]} ports")
    times = np.loadtxt(path, delimiter=",", skiprows=1, usecols=0)
    dt = times[1] - times[0]
    series, interval = {}, None
    try:
        for r in csv.DictReader(open(f"{model_dir}/timeseries.csv")):
            if r["scope"] != "link":
                continue
            interval = interval or float(r["interval_end_s"]) - float(r["interval_start_s"])
            series[(round(float(r["interval_start_s"]) / interval), r["name"].replace("->", ">"))] = float(r["queue_mean_bytes"]) / DATA_WIRE
    except FileNotFoundError:
        pass
    print(" port             ns-3 mean (exact)  p50   p90   p99  P(0)  P(>=K)  share above 2·mean  ACF½ µs | model mean  p99"
          + ("  | corr  ns-3 mean/sd where model > 0, = 0   share of model bins > 0" if interval else ""))
    for j in order:
        a, b = header[j].split(">")
        x = q[:, j]
        m = x.mean()
        above = x[x > 2 * m].sum() / x.sum() if x.sum() > 0 else 0.0
        mr = model.get((a, b))
        mm = float(mr["queue_mean_bytes"]) / DATA_WIRE if mr else float("nan")
        mp = float(mr["queue_p99_bytes"]) / DATA_WIRE if mr else float("nan")
        xc = x - m
        acf = np.fft.irfft(np.abs(np.fft.rfft(xc, 2 * len(xc))) ** 2)[: len(xc)]
        half = int(np.argmax(acf < acf[0] / 2)) * dt * 1e6 if acf[0] > 0 else float("nan")
        line = (f" {header[j]:16s} {m:6.2f} ({exact[(a, b)]:6.2f})  {np.quantile(x, .5):5.1f} {np.quantile(x, .9):5.1f} {np.quantile(x, .99):5.1f}"
                f"  {np.mean(x == 0):.2f}  {np.mean(x >= k):.2f}    {above:.2f}              {half:7.1f} | {mm:6.2f}  {mp:6.1f}")
        if interval:
            bins = np.floor(times / interval + 1e-9).astype(int)
            n3 = np.bincount(bins, weights=x) / np.maximum(np.bincount(bins), 1)
            mo = np.array([series.get((b_, header[j]), 0.0) for b_ in range(len(n3))])
            on = mo > 0
            cc = np.corrcoef(n3, mo)[0, 1] if mo.std() > 0 else float("nan")
            line += (f"  | {cc:5.2f}  {n3[on].mean() if on.any() else float('nan'):5.1f}/{n3[on].std() if on.any() else float('nan'):5.1f}"
                     f"  {n3[~on].mean():5.1f}/{n3[~on].std():5.1f}    {on.mean():.2f}")
        print(line)


if __name__ == "__main__":
    main()

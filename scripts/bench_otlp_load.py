#!/usr/bin/env python3
"""Sustained OTLP/gRPC vs OTLP/HTTP into `spantop serve`, with the CPU each side spends.

Client and server share the machine's cores, so beside spans/s this reports CPU seconds per
1M accepted spans: the server's by thread group (the store owner, NIO's event loops, the
concurrency pool; from /proc/PID/task/*/stat before and after the run) and the load
generator's own (it prints it). Every run starts a fresh `serve`; binaries and loads
alternate within each round, and the table gives medians over the rounds.

    scripts/bench_otlp_load.py BENCH --serve NAME=SPANTOP [--serve NAME=SPANTOP ...]
        [--rounds 3] [--seconds 10] [--load grpc] [--load http] [--load grpc:raw] ...

A load is `grpc` or `http`, optionally `:CLIENT` for grpc-load's --client (grpc-swift,
grpc-swift-loops, raw). Exit status 0; runnable on its own (python3 and the two binaries).
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import time

HZ = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def thread_cpu(pid):
    """CPU seconds per thread id, with the thread's group."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            base = f"/proc/{pid}/task/{tid}"
            stat = open(f"{base}/stat").read()
            comm = open(f"{base}/comm").read().strip()
            wchan = open(f"{base}/wchan").read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # The store owner is an unnamed thread that sleeps in poll(2) on its wake-up pipe.
        group = "owner" if "poll_schedule" in wchan else "nio" if comm.startswith("NIO") else (
            "pool" if "qos" in comm else "other")
        out[tid] = (group, (int(fields[11]) + int(fields[12])) / HZ)
    return out


def wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port}")


def run(bench, spantop, load, seconds):
    mode, _, client = load.partition(":")
    grpc, http = free_port(), free_port()
    server = subprocess.Popen(
        [spantop, "serve", "--grpc", f"127.0.0.1:{grpc}", "--http", f"127.0.0.1:{http}", "--status-interval", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(grpc)
        wait_for(http)
        before = thread_cpu(server.pid)
        args = [bench, f"{mode}-load", "--port", str(grpc if mode == "grpc" else http), "--connections", "4",
                "--batch", "512", "--seconds", str(seconds)] + (["--client", client] if client else [])
        out = subprocess.run(args, capture_output=True, text=True).stdout
        after = thread_cpu(server.pid)
    finally:
        server.terminate()
        server.wait()
    spans = int(re.search(r"\(([\d,]+) spans\)", out)[1].replace(",", ""))
    groups = {}
    for tid, (group, t) in after.items():
        group, t0 = before.get(tid, (group, 0.0))  # grouped while idle: the owner is then in poll
        groups[group] = groups.get(group, 0.0) + t - t0
    per = lambda x: x / spans * 1e6 if spans else float("nan")
    return {
        "spans/s": float(re.search(r"throughput: ([\d,]+)", out)[1].replace(",", "")),
        "p50 ms": float(re.search(r"p50 ([\d.]+) ms", out)[1]),
        "server": per(sum(groups.values())),
        "owner": per(groups.get("owner", 0.0)),
        "nio": per(groups.get("nio", 0.0)),
        "pool": per(groups.get("pool", 0.0)),
        "client": per(float(re.search(r"client CPU: ([\d.]+) s", out)[1])),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench")
    parser.add_argument("--serve", action="append", required=True, help="NAME=PATH of a spantop binary")
    parser.add_argument("--load", action="append", help="grpc, http, grpc:raw, grpc:grpc-swift-loops")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    a = parser.parse_args()
    loads = a.load or ["grpc", "http"]
    serves = [s.split("=", 1) for s in a.serve]
    results = {}
    for r in range(a.rounds):
        for load in loads:
            for name, path in serves:
                row = run(a.bench, path, load, a.seconds)
                results.setdefault((name, load), []).append(row)
                print(f"round {r + 1} {name:8s} {load:22s} {row['spans/s']:>10,.0f} spans/s", flush=True)
    print(f"\nmedians of {a.rounds} rounds; CPU seconds per 1M accepted spans")
    print(f"{'serve':8s} {'load':22s} {'spans/s':>10s} {'p50 ms':>7s} {'server':>7s} {'owner':>6s} {'nio':>6s}"
          f" {'pool':>6s} {'client':>7s} {'total':>6s}")
    for (name, load), rows in results.items():
        m = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
        print(f"{name:8s} {load:22s} {m['spans/s']:>10,.0f} {m['p50 ms']:>7.2f} {m['server']:>7.2f} {m['owner']:>6.2f}"
              f" {m['nio']:>6.2f} {m['pool']:>6.2f} {m['client']:>7.2f} {m['server'] + m['client']:>6.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time from a span's arrival at `spantop live` to its appearance on the screen.

Runs the real binary in tmux, POSTs one OTLP/JSON request at a time to its OTLP/HTTP receiver,
and polls `tmux capture-pane` until the header's span count shows the new span. The time
includes the POST itself and the polling, so it over-estimates a little.

    scripts/bench_live_latency.py .build/release/spantop [--requests 50]
"""
import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screen(session):
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def wait_for(session, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in screen(session):
            return True
        time.sleep(0.002)
    return False


def request(n):
    now = time.time_ns()
    span = {
        "traceId": os.urandom(16).hex(), "spanId": os.urandom(8).hex(), "name": f"latency-probe-{n}",
        "kind": 1, "startTimeUnixNano": str(now - 1_000_000), "endTimeUnixNano": str(now),
        "attributes": [{"key": "session.id", "value": {"stringValue": "latency-probe"}}],
    }
    body = {"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": "latency-probe"}}]},
        "scopeSpans": [{"scope": {"name": "bench"}, "spans": [span]}]}]}
    return json.dumps(body).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--requests", type=int, default=50)
    args = ap.parse_args()
    port = free_port()
    session = f"spantop-latency-{os.getpid()}"
    env = f"env LANG=C.UTF-8 TERM=xterm-256color"
    subprocess.run(["tmux", "-u", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"{env} '{os.path.abspath(args.binary)}' live --grpc off --http 127.0.0.1:{port}"], check=True)
    try:
        if not wait_for(session, "LIVE", 20):
            sys.exit("spantop live did not start:\n" + screen(session))
        url = f"http://127.0.0.1:{port}/v1/traces"
        latencies = []
        for n in range(1, args.requests + 1):
            time.sleep(random.uniform(0.05, 0.15))  # arrive at any point of the UI loop's cycle
            body = request(n)
            t0 = time.monotonic()
            req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req) as r:
                assert r.status == 200
            if not wait_for(session, f"spans {n} ", 5):
                sys.exit(f"span {n} never appeared:\n" + screen(session))
            latencies.append((time.monotonic() - t0) * 1000)
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))]
        print(f"arrival → on screen over {len(latencies)} requests: median {statistics.median(latencies):.1f} ms, "
              f"p90 {p(0.9):.1f} ms, max {latencies[-1]:.1f} ms")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


if __name__ == "__main__":
    main()
